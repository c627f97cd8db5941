import type { Player } from '../../../shared/session/state';
import type { PublicScenario } from '../../../shared/views/view';
import { roleName } from '../lib/labels';

/** Who is at the table, by role: the people in each seat, and the roles the computer plays. */
export function TeamList({
  players,
  computerRoles,
  ready,
  me,
  scenario,
}: {
  players: readonly Player[];
  computerRoles: readonly string[];
  ready: readonly string[];
  me: string;
  scenario: PublicScenario;
}) {
  const seated = players.filter((p) => !p.removed);
  return (
    <ul className="team-list">
      {seated.map((p) => (
        <li key={p.id}>
          <strong>
            {p.name}
            {p.id === me ? ' (you)' : ''}
          </strong>{' '}
          · {roleName(scenario, p.roleId)}
          {ready.includes(p.id) && <span className="tag tag-ok">✓ done with this phase</span>}
        </li>
      ))}
      {computerRoles.map((roleId) => (
        <li key={`computer-${roleId}`}>
          <strong>{roleName(scenario, roleId)}</strong> · played by the computer
          {ready.includes(`computer:${roleId}`) && <span className="tag tag-ok">✓ done with this phase</span>}
        </li>
      ))}
    </ul>
  );
}
