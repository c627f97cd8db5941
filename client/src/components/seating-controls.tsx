import type { Ack } from '../../../shared/protocol/ack';
import type { ClientCommand } from '../../../shared/protocol/events';
import type { FacilitatorView } from '../../../shared/views/view';
import { useAck } from '../hooks/use-ack';
import { AckError } from './ack-error';

/**
 * Who may take a seat (shared/session/seating.ts): close the exercise to new players, approve each
 * join, keep roles for the computer, and admit or refuse the joins waiting. The rules are the
 * session's; this only sends the facilitator's choices.
 */
export function SeatingControls({
  view,
  roles,
  send,
}: {
  view: FacilitatorView;
  roles: { id: string; name: string }[];
  send: (command: ClientCommand) => Promise<Ack>;
}) {
  const { busy, error, run } = useAck();
  const { seating, joinRequests } = view;
  const roleName = (id: string) => roles.find((r) => r.id === id)?.name ?? id;
  return (
    <>
      <fieldset className="seating" disabled={busy}>
        <legend className="visually-hidden">Seating rules</legend>
        <label>
          <input
            type="checkbox"
            checked={seating.locked}
            onChange={(e) => run(() => send({ type: 'set-seating', locked: e.target.checked }))}
          />{' '}
          Lock: no new players
        </label>
        <label>
          <input
            type="checkbox"
            checked={seating.approval}
            onChange={(e) => run(() => send({ type: 'set-seating', approval: e.target.checked }))}
          />{' '}
          Approve each join
        </label>
        <details>
          <summary>Roles kept for the computer ({seating.reserved.length})</summary>
          {roles.map((role) => (
            <label key={role.id}>
              <input
                type="checkbox"
                checked={seating.reserved.includes(role.id)}
                onChange={(e) =>
                  run(() => send({ type: 'reserve-role', roleId: role.id, reserved: e.target.checked }))
                }
              />{' '}
              {role.name}
            </label>
          ))}
        </details>
      </fieldset>
      {joinRequests.length > 0 && (
        <ul className="join-requests" aria-label="Joins waiting for approval">
          {joinRequests.map((request) => (
            <li key={request.id}>
              {request.name} ({roleName(request.roleId)}){' '}
              <button
                type="button"
                disabled={busy}
                onClick={() => run(() => send({ type: 'admit-join', requestId: request.id, admit: true }))}
              >
                Admit
              </button>{' '}
              <button
                type="button"
                disabled={busy}
                onClick={() => run(() => send({ type: 'admit-join', requestId: request.id, admit: false }))}
              >
                Refuse
              </button>
            </li>
          ))}
        </ul>
      )}
      <AckError message={error} />
    </>
  );
}
