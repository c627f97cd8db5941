import { useId, useState } from 'react';
import type { Ack } from '../../../shared/protocol/ack';
import { latestByParticipant } from '../../../shared/session/decision-rules';
import type { Player, Proposal, ProposalStatus, Stance } from '../../../shared/session/state';
import type { ProposalOptions as ProposalControls } from '../../../shared/session/viewer-options';
import type { PublicScenario } from '../../../shared/views/view';
import { useAck } from '../hooks/use-ack';
import { actionPrice } from '../lib/action-price';
import { actionTitle, participantName, roleName } from '../lib/labels';
import { hasInfrastructure } from '../lib/scenario-model';
import { AckError } from './ack-error';
import { TextAreaField } from './text-area-field';

const STATUS_LOOK: Record<ProposalStatus, { icon: string; text: string; tag: string }> = {
  open: { icon: '◌', text: 'Open', tag: 'tag-info' },
  approved: { icon: '✓', text: 'Approved', tag: 'tag-ok' },
  rejected: { icon: '✗', text: 'Rejected', tag: 'tag-bad' },
  vetoed: { icon: '⊘', text: 'Vetoed', tag: 'tag-bad' },
  withdrawn: { icon: '↩', text: 'Withdrawn', tag: 'tag-neutral' },
};

const STANCES: readonly Stance[] = ['approve', 'reject'];
const STANCE_LOOK: Record<Stance, { icon: string; verb: string; done: string; button: string }> = {
  approve: { icon: '✓', verb: 'Approve', done: 'Approved', button: 'good' },
  reject: { icon: '✗', verb: 'Reject', done: 'Rejected', button: 'danger' },
};
const VOTES = ['yes', 'no'] as const;

export interface ProposalHandlers {
  review?: (stance: Stance, rationale: string, confidence: number) => Promise<Ack>;
  veto?: (rationale: string) => Promise<Ack>;
  vote?: (vote: 'yes' | 'no', rationale: string, confidence: number) => Promise<Ack>;
  withdraw?: () => Promise<Ack>;
  override?: (decision: Stance, reason: string) => Promise<Ack>;
}

/** A proposal on the table: what, who, cost, the case for it, where it stands, and the controls this viewer has. */
export function ProposalCard({
  proposal,
  scenario,
  players,
  controls,
  handlers = {},
  approvalsNeeded = [],
}: {
  proposal: Proposal;
  scenario: PublicScenario;
  players: Player[];
  controls?: ProposalControls | undefined;
  handlers?: ProposalHandlers;
  approvalsNeeded?: string[];
}) {
  const look = STATUS_LOOK[proposal.status];
  const action = scenario.actions.find((a) => a.id === proposal.actionId);
  const votes = latestByParticipant(proposal.votes);
  const yes = votes.filter((v) => v.vote === 'yes').length;
  const no = votes.length - yes;
  const headingId = useId();
  return (
    <article className="proposal" aria-labelledby={headingId}>
      <header>
        <h3 id={headingId}>{actionTitle(scenario, proposal.actionId)}</h3>
        <span className={`tag ${look.tag}`}>
          <span aria-hidden="true">{look.icon}</span> {look.text}
        </span>
      </header>
      <dl className="facts">
        <dt>Proposed by</dt>
        <dd>{participantName(scenario, players, proposal.proposer.by)}</dd>
        {hasInfrastructure(scenario) && (
          <>
            <dt>Cost</dt>
            <dd>{actionPrice(scenario, action, proposal.params, proposal)}</dd>
          </>
        )}
        {action && action.parameters.length > 0 && (
          <>
            <dt>Parameters</dt>
            <dd>
              {action.parameters
                .map((p) => `${p.label}: ${proposal.params[p.id] ?? p.default}${p.unit ? ` ${p.unit}` : ''}`)
                .join(', ')}
            </dd>
          </>
        )}
        <dt>Rationale</dt>
        <dd>{proposal.rationale}</dd>
        {approvalsNeeded.length > 0 && (
          <>
            <dt>Needs approval of</dt>
            <dd>{approvalsNeeded.map((r) => roleName(scenario, r)).join(', ')}</dd>
          </>
        )}
        {/* The resolution's reason starts with the status reason (shared/session/resolution.ts): say it once. */}
        {proposal.statusReason && !proposal.resolution && (
          <>
            <dt>Status</dt>
            <dd>{proposal.statusReason}</dd>
          </>
        )}
        {proposal.override && (
          <>
            <dt>Facilitator override</dt>
            <dd>
              {STANCE_LOOK[proposal.override.decision].done}: {proposal.override.reason}
            </dd>
          </>
        )}
        {proposal.resolution && (
          <>
            <dt>Resolution</dt>
            <dd>
              Day {proposal.resolution.day}: {proposal.resolution.reason}
            </dd>
          </>
        )}
      </dl>
      {(proposal.reviews.length > 0 || proposal.vetoes.length > 0 || votes.length > 0) && (
        <ul className="responses" aria-label="Responses">
          {latestByParticipant(proposal.reviews).map((r) => (
            <li key={`r-${r.by}`}>
              <span aria-hidden="true">{STANCE_LOOK[r.stance].icon}</span>{' '}
              <strong>{STANCE_LOOK[r.stance].done}</strong> by {participantName(scenario, players, r.by)}{' '}
              (confidence {r.confidence}/5): {r.rationale}
            </li>
          ))}
          {proposal.vetoes.map((v) => (
            <li key={`v-${v.by}-${v.at}`}>
              <span aria-hidden="true">⊘</span> <strong>Vetoed</strong> by{' '}
              {participantName(scenario, players, v.by)}: {v.rationale}
            </li>
          ))}
          {votes.length > 0 && (
            <li>
              <span aria-hidden="true">☑</span> <strong>Votes:</strong> {yes} yes, {no} no
              <ul>
                {votes.map((v) => (
                  <li key={`vote-${v.by}`}>
                    {participantName(scenario, players, v.by)}: {v.vote}
                    {v.rationale ? ` — ${v.rationale}` : ''} (confidence {v.confidence}/5)
                  </li>
                ))}
              </ul>
            </li>
          )}
        </ul>
      )}
      {controls && <PlayerControls controls={controls} handlers={handlers} />}
      {handlers.override && proposal.status === 'open' && <OverrideControls override={handlers.override} />}
    </article>
  );
}

function PlayerControls({ controls, handlers }: { controls: ProposalControls; handlers: ProposalHandlers }) {
  const id = useId();
  const [rationale, setRationale] = useState('');
  const [confidence, setConfidence] = useState(3);
  const { busy, error, run } = useAck();
  if (!controls.review && !controls.veto && !controls.vote && !controls.withdraw) return null;
  const needsWords = controls.review || controls.veto || controls.vote;
  const act = (fn: () => Promise<Ack>) => run(fn).then((ok) => ok && setRationale(''));
  const { review, veto, vote, withdraw } = handlers;
  return (
    <div className="proposal-controls">
      {needsWords && (
        <div className="field-row">
          <TextAreaField label="Your rationale" value={rationale} maxLength={1000} onChange={setRationale} />
          <div className="field" style={{ flex: '0 0 9rem' }}>
            <label htmlFor={`${id}-confidence`}>Confidence</label>
            <select
              id={`${id}-confidence`}
              value={confidence}
              onChange={(e) => setConfidence(Number(e.target.value))}
            >
              <option value={1}>1 — a guess</option>
              <option value={2}>2</option>
              <option value={3}>3</option>
              <option value={4}>4</option>
              <option value={5}>5 — certain</option>
            </select>
          </div>
        </div>
      )}
      <div className="button-row">
        {controls.review &&
          review &&
          STANCES.map((stance) => (
            <button
              key={stance}
              type="button"
              className={STANCE_LOOK[stance].button}
              disabled={busy}
              onClick={() => act(() => review(stance, rationale, confidence))}
            >
              <span aria-hidden="true">{STANCE_LOOK[stance].icon}</span> {STANCE_LOOK[stance].verb}
            </button>
          ))}
        {controls.veto && veto && (
          <button type="button" className="danger" disabled={busy} onClick={() => act(() => veto(rationale))}>
            <span aria-hidden="true">⊘</span> Veto
          </button>
        )}
        {controls.vote &&
          vote &&
          VOTES.map((choice) => (
            <button
              key={choice}
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => act(() => vote(choice, rationale, confidence))}
            >
              Vote {choice}
            </button>
          ))}
        {controls.withdraw && withdraw && (
          <button type="button" className="secondary" disabled={busy} onClick={() => act(withdraw)}>
            Withdraw
          </button>
        )}
      </div>
      <AckError message={error} />
    </div>
  );
}

function OverrideControls({ override }: { override: (decision: Stance, reason: string) => Promise<Ack> }) {
  const id = useId();
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAck();
  return (
    <details className="override">
      <summary>Override the decision</summary>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason (logged for the debrief)</label>
        <input
          id={`${id}-reason`}
          value={reason}
          maxLength={1000}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="button-row">
        {STANCES.map((stance) => (
          <button
            key={stance}
            type="button"
            className={STANCE_LOOK[stance].button}
            disabled={busy}
            onClick={() => run(() => override(stance, reason))}
          >
            Force {stance}
          </button>
        ))}
      </div>
      <AckError message={error} />
    </details>
  );
}
