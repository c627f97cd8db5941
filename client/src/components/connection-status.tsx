import type { ConnectionState } from '../lib/connection-state';

const LOOK: Record<ConnectionState, { icon: string; text: string }> = {
  connecting: { icon: '…', text: 'Connecting' },
  connected: { icon: '●', text: 'Connected' },
  reconnecting: { icon: '↻', text: 'Reconnecting' },
  offline: { icon: '✕', text: 'Offline' },
};

/** This browser's link to the server, as an icon and a word; announced politely when it changes. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const look = LOOK[state];
  return (
    <span className={`connection connection-${state}`} role="status">
      <span aria-hidden="true">{look.icon}</span> {look.text}
    </span>
  );
}
