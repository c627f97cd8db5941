import type { Message, Player } from '../../../shared/session/state';
import type { PublicScenario } from '../../../shared/views/view';
import { PHASE_LABEL, roleName } from '../lib/labels';

/** Messages between the table and the facilitator (the control cell), oldest first. */
export function MessageList({
  messages,
  scenario,
  players,
  empty,
}: {
  messages: Message[];
  scenario: PublicScenario;
  players: Player[];
  empty: string;
}) {
  if (messages.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="message-list">
      {messages.map((m) => {
        const from =
          m.from.kind === 'facilitator'
            ? 'Facilitator'
            : `${players.find((p) => p.id === (m.from as { playerId: string }).playerId)?.name ?? 'A player'} (${roleName(scenario, m.from.roleId)})`;
        const to =
          m.toPlayerId !== undefined
            ? `to ${players.find((p) => p.id === m.toPlayerId)?.name ?? 'one player'} only`
            : m.to === 'facilitator'
              ? 'to the facilitator'
              : m.to === 'all'
                ? 'to everyone'
                : `to ${m.to.map((r) => roleName(scenario, r)).join(', ')}`;
        return (
          <li key={m.id}>
            <strong>{from}</strong> {to} · round {m.round}, {PHASE_LABEL[m.phase].toLowerCase()}
            <br />
            {m.body}
          </li>
        );
      })}
    </ul>
  );
}
