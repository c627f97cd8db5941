import type { ReactNode } from 'react';
import type { ConnectionState } from '../lib/connection-state';
import { ConnectionStatus } from './connection-status';

/** The strip across the top of every session page: title, who you are, the phase bar, the connection. */
export function TopBar({
  title,
  subtitle,
  connection,
  children,
}: {
  title: string;
  subtitle?: string | undefined;
  connection: ConnectionState;
  children?: ReactNode;
}) {
  return (
    <header className="top-bar">
      <div>
        <h1>{title}</h1>
        {subtitle && <p style={{ margin: 0 }}>{subtitle}</p>}
      </div>
      {children}
      <ConnectionStatus state={connection} />
    </header>
  );
}
