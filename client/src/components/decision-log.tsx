import { latestByParticipant } from '../../../shared/session/decision-rules';
import type { Player, Proposal } from '../../../shared/session/state';
import type { PublicScenario } from '../../../shared/views/view';
import { actionPrice } from '../lib/action-price';
import { actionTitle, participantName } from '../lib/labels';
import { at, hasInfrastructure } from '../lib/scenario-model';

/** Who decided what, when, and why: every proposal with its rationale and every response to it. */
export function DecisionLog({
  proposals,
  scenario,
  players,
}: {
  proposals: Proposal[];
  scenario: PublicScenario;
  players: Player[];
}) {
  if (proposals.length === 0) return <p className="muted">No proposals were made.</p>;
  const who = (key: string) => participantName(scenario, players, key);
  return (
    <ol className="decision-log">
      {proposals.map((p) => (
        <li key={p.id} className="proposal">
          <h3>
            Round {p.round}: {actionTitle(scenario, p.actionId)} —{' '}
            <span
              className={
                p.resolution?.applied ? 'checkpoint-met' : p.status === 'open' ? '' : 'checkpoint-missed'
              }
            >
              <span aria-hidden="true">{p.resolution?.applied ? '✓' : p.status === 'open' ? '◌' : '✗'}</span>{' '}
              {p.resolution?.applied ? 'applied' : p.status === 'open' ? 'not decided' : p.status}
            </span>
          </h3>
          <p>
            Proposed by {who(p.proposer.by)}
            {hasInfrastructure(scenario)
              ? `; ${actionPrice(
                  scenario,
                  scenario.actions.find((a) => a.id === p.actionId),
                  p.params,
                  p,
                )}`
              : ''}
            .
          </p>
          <p>
            <strong>Rationale:</strong> {p.rationale}
          </p>
          <ul className="responses">
            {latestByParticipant(p.reviews).map((r) => (
              <li key={`r-${r.by}`}>
                {r.stance === 'approve' ? 'Approved' : 'Rejected'} by {who(r.by)} (confidence {r.confidence}
                /5): {r.rationale}
              </li>
            ))}
            {p.vetoes.map((v) => (
              <li key={`v-${v.by}-${v.at}`}>
                Vetoed by {who(v.by)}: {v.rationale}
              </li>
            ))}
            {latestByParticipant(p.votes).map((v) => (
              <li key={`vote-${v.by}`}>
                Voted {v.vote} by {who(v.by)} (confidence {v.confidence}/5)
                {v.rationale ? `: ${v.rationale}` : ''}
              </li>
            ))}
            {p.override && (
              <li>
                Facilitator override ({p.override.decision}): {p.override.reason}
              </li>
            )}
          </ul>
          {/* The resolution's reason starts with the status reason (shared/session/resolution.ts): say it once. */}
          <p className="muted">
            {p.resolution ? `Resolution on ${at(p.resolution.day)}: ${p.resolution.reason}` : p.statusReason}
          </p>
        </li>
      ))}
    </ol>
  );
}
