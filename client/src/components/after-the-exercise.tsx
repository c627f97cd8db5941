import { Link } from 'react-router';
import type { PublicScenario, View } from '../../../shared/views/view';
import type { ViewerKind } from '../../../shared/views/viewer';
import { useAck } from '../hooks/use-ack';
import type { SessionHandle } from '../hooks/use-session';
import { AckError } from './ack-error';
import { DebriefReview } from './debrief-review';
import { HotWashForm } from './hot-wash-form';

/**
 * The debrief's after-exercise part (issue 21): every role's secret objectives revealed (judged by
 * the facilitator, scored per role), the player's hot-wash and feedback form or the facilitator's
 * review of the answers, and the way to the after-action report.
 */
export function AfterTheExercise({
  session,
  view,
  scenario,
}: {
  session: SessionHandle<ViewerKind>;
  view: View;
  scenario: PublicScenario;
}) {
  const finished = view.phase === 'debrief' || view.phase === 'ended';
  if (!finished) return null;
  const send = session.send;
  return (
    <>
      <SecretObjectives
        view={view}
        send={view.kind === 'facilitator' && view.phase === 'debrief' ? send : undefined}
      />
      {view.kind === 'player' && view.phase === 'debrief' && (
        <HotWashForm view={view} scenario={scenario} send={send} />
      )}
      {view.kind === 'facilitator' && <DebriefReview view={view} scenario={scenario} send={send} />}
      <p className="no-print">
        <Link to={`/report/${view.sessionId}`}>Open the after-action report</Link>
      </p>
    </>
  );
}

function SecretObjectives({
  view,
  send,
}: {
  view: View;
  send: SessionHandle<ViewerKind>['send'] | undefined;
}) {
  const revealed = view.afterAction?.secretObjectives ?? [];
  const judging = useAck();
  if (revealed.length === 0) return null;
  const scores = view.score?.secretObjectives ?? [];
  return (
    <section className="panel secret-objectives" aria-labelledby="secrets-heading">
      <h2 id="secrets-heading">Secret objectives revealed</h2>
      {revealed.map((role) => {
        const score = scores.find((s) => s.roleId === role.roleId);
        return (
          <div key={role.roleId}>
            <h3>
              {role.roleName}
              {score ? ` · ${score.met} of ${score.total} met` : ''}
            </h3>
            <ul>
              {role.objectives.map((o) => (
                <li key={o.index}>
                  {o.text}{' '}
                  <strong
                    className={o.met === null ? 'muted' : o.met ? 'checkpoint-met' : 'checkpoint-missed'}
                  >
                    {o.met === null ? 'not judged yet' : o.met ? 'met' : 'not met'}
                  </strong>
                  {send && (
                    <span className="button-row inline-buttons">
                      {[true, false].map((met) => (
                        <button
                          key={String(met)}
                          type="button"
                          className="secondary"
                          disabled={judging.busy}
                          aria-label={`${met ? 'Met' : 'Not met'}: ${role.roleName} objective ${o.index + 1}`}
                          onClick={() =>
                            judging.run(() =>
                              send({
                                type: 'judge-secret-objective',
                                roleId: role.roleId,
                                index: o.index,
                                met,
                              }),
                            )
                          }
                        >
                          {met ? 'Met' : 'Not met'}
                        </button>
                      ))}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      <AckError message={judging.error} />
    </section>
  );
}
