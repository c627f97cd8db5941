import type { Ack } from '../../../shared/protocol/ack';
import type { PresenceEvent } from '../../../shared/protocol/events';
import type { Player } from '../../../shared/session/state';
import { useAck } from '../hooks/use-ack';
import { AckError } from './ack-error';
import { DataTable } from './data-table';

export interface RosterRole {
  id: string;
  name: string;
}

/**
 * Who is at the table: each player's role (reassignable), whether their browser is connected right
 * now, whether they are done with the phase; remove a player. Computer-played roles are listed too.
 */
export function Roster({
  players,
  roles,
  computerRoles,
  ready,
  presence,
  onAssign,
  onRemove,
}: {
  players: Player[];
  roles: RosterRole[];
  computerRoles: string[];
  ready: string[];
  presence: PresenceEvent | undefined;
  onAssign: (playerId: string, roleId: string) => Promise<Ack>;
  onRemove: (playerId: string) => Promise<Ack>;
}) {
  const active = players.filter((p) => !p.removed);
  const removed = players.filter((p) => p.removed);
  const roleName = (id: string) => roles.find((r) => r.id === id)?.name ?? id;
  return (
    <>
      {active.length === 0 ? (
        <p className="muted">No players yet. Share the join code.</p>
      ) : (
        <DataTable
          caption="Players, their roles and connection status"
          columns={['Player', 'Role', 'Connection', 'Phase', { text: 'Remove', hidden: true }]}
          className="roster"
        >
          {active.map((p) => (
            <RosterRow
              key={p.id}
              player={p}
              roles={roles}
              connections={presence?.players.find((x) => x.playerId === p.id)?.connections}
              ready={ready.includes(p.id)}
              onAssign={onAssign}
              onRemove={onRemove}
            />
          ))}
        </DataTable>
      )}
      {computerRoles.length > 0 && <p>Played by the computer: {computerRoles.map(roleName).join(', ')}</p>}
      {removed.length > 0 && <p className="muted">Removed: {removed.map((p) => p.name).join(', ')}</p>}
    </>
  );
}

function RosterRow({
  player,
  roles,
  connections,
  ready,
  onAssign,
  onRemove,
}: {
  player: Player;
  roles: RosterRole[];
  connections: number | undefined;
  ready: boolean;
  onAssign: (playerId: string, roleId: string) => Promise<Ack>;
  onRemove: (playerId: string) => Promise<Ack>;
}) {
  const { busy, error, run } = useAck();
  const online = (connections ?? 0) > 0;
  return (
    <tr>
      <th scope="row">{player.name}</th>
      <td>
        <label className="visually-hidden" htmlFor={`role-${player.id}`}>
          Role of {player.name}
        </label>
        <select
          id={`role-${player.id}`}
          value={player.roleId}
          disabled={busy}
          onChange={(e) => run(() => onAssign(player.id, e.target.value))}
        >
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        <AckError message={error} />
      </td>
      <td className={online ? 'presence-online' : 'presence-offline'}>
        <span aria-hidden="true">{online ? '●' : '○'}</span> {online ? 'Connected' : 'Disconnected'}
        {connections !== undefined && connections > 1 ? ` (${connections} tabs)` : ''}
      </td>
      <td>{ready ? '✓ Done' : 'Working'}</td>
      <td>
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            if (window.confirm(`Remove ${player.name} from the exercise?`))
              void run(() => onRemove(player.id));
          }}
        >
          Remove<span className="visually-hidden"> {player.name}</span>
        </button>
      </td>
    </tr>
  );
}
