import { useId, useMemo } from 'react';
import { objectiveCoverage } from '../../../shared/views/coverage';
import type { FacilitatorView, PublicScenario } from '../../../shared/views/view';
import { useAck } from '../hooks/use-ack';
import type { SessionHandle } from '../hooks/use-session';
import { at } from '../lib/scenario-model';
import { AckError } from './ack-error';
import { ConfirmButton } from './confirm-button';

/**
 * Live objective coverage (issue 17): for each objective, whether the exercise has exercised it yet,
 * a warning when it has not with few rounds left, and the scenario's contingency injects that would,
 * fired with one click and a confirmation. The report is shared/views/coverage.ts's.
 */
export function ObjectiveCoveragePanel({
  view,
  scenario,
  send,
}: {
  view: FacilitatorView;
  scenario: PublicScenario;
  send: SessionHandle<'facilitator'>['send'];
}) {
  const id = useId();
  const firing = useAck();
  const report = useMemo(() => objectiveCoverage(view, scenario), [view, scenario]);
  const warned = report.objectives.filter((o) => o.warning);

  function fire(injectId: string) {
    void firing.run(() => send({ type: 'fire-inject', injectId }));
  }

  return (
    <section className="panel objective-coverage" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        Objective coverage ({report.objectives.filter((o) => o.exercised).length} of{' '}
        {report.objectives.length} exercised)
      </h2>
      <p className="muted">
        {report.roundsLeft} round{report.roundsLeft === 1 ? '' : 's'} left. An objective is exercised once an
        applied action or a delivered inject bears on its metric; warnings start with {report.warnWithin}{' '}
        rounds left.
      </p>
      {warned.length > 0 && (
        <p role="status" className="coverage-warning">
          {warned.length} objective{warned.length === 1 ? ' has' : 's have'} not been exercised yet.
        </p>
      )}
      <AckError message={firing.error} />
      <ul className="coverage-list">
        {report.objectives.map((o) => (
          <li key={o.objectiveId} data-objective={o.objectiveId}>
            <strong>{o.title}</strong>{' '}
            {o.exercised ? (
              <span className="tag tag-ok">exercised</span>
            ) : (
              <span className="tag tag-neutral">not yet</span>
            )}{' '}
            {o.result && (
              <span className={o.result.met ? 'tag tag-ok' : 'tag tag-bad'}>
                {o.result.met ? 'met' : 'missed'} on {at(o.result.day)}
              </span>
            )}
            {o.exercised && o.by[0] && (
              <div className="muted">
                First by {o.by[0].kind === 'action' ? 'the action' : 'the inject'} “{o.by[0].title}” in round{' '}
                {o.by[0].round}
                {o.by.length > 1 ? ` (and ${o.by.length - 1} more)` : ''}.
              </div>
            )}
            {o.warning && (
              <div className="coverage-warning">
                {o.warning}
                {o.contingencies.length === 0 ? (
                  <div>No hand-fired inject in the scenario bears on it.</div>
                ) : (
                  <ul>
                    {o.contingencies.map((c) => (
                      <li key={c.injectId}>
                        Suggested{c.contingency ? ' contingency' : ''} inject #{c.number} “{c.title}” (
                        {c.reason}){' '}
                        <ConfirmButton
                          ask
                          question={`Fire “${c.title}” now? Its audience receives it at once.`}
                          confirm={`Yes, fire “${c.title}”`}
                          disabled={firing.busy}
                          onConfirm={() => fire(c.injectId)}
                        >
                          Fire “{c.title}”
                        </ConfirmButton>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
