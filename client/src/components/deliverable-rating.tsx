import { type FormEvent, useId, useState } from 'react';
import type { DeliverableSubmission } from '../../../shared/session/after-action-types';
import type { PublicScenario, ViewOf } from '../../../shared/views/view';
import { useAck } from '../hooks/use-ack';
import type { SessionHandle } from '../hooks/use-session';
import { AckError } from './ack-error';

/** The evaluator's rating of each submitted checkpoint deliverable against the rubric (feeds the score). */
export function DeliverableRating({
  view,
  scenario,
  send,
}: {
  view: ViewOf<'evaluator'>;
  scenario: PublicScenario;
  send: SessionHandle<'evaluator'>['send'];
}) {
  const submitted = view.afterAction?.deliverables ?? [];
  if (submitted.length === 0) return null;
  return (
    <section className="panel deliverable-rating" aria-labelledby="deliverables-heading">
      <h2 id="deliverables-heading">Submitted deliverables</h2>
      {submitted.map((d) => (
        <RateOne key={d.checkpointId} submission={d} view={view} scenario={scenario} send={send} />
      ))}
    </section>
  );
}

function RateOne({
  submission,
  view,
  scenario,
  send,
}: {
  submission: DeliverableSubmission;
  view: ViewOf<'evaluator'>;
  scenario: PublicScenario;
  send: SessionHandle<'evaluator'>['send'];
}) {
  const checkpoint = scenario.checkpoints.find((c) => c.id === submission.checkpointId);
  const [dimensionId, setDimension] = useState(scenario.scoring.rubric[0]?.id ?? '');
  const [rating, setRating] = useState(3);
  const [comment, setComment] = useState('');
  const { busy, error, run } = useAck();
  const id = useId();
  const ratings = (view.afterAction?.deliverableRatings ?? []).filter(
    (r) => r.checkpointId === submission.checkpointId,
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const sent = await run(() =>
      send({ type: 'rate-deliverable', checkpointId: submission.checkpointId, dimensionId, rating, comment }),
    );
    if (sent) setComment('');
  }

  return (
    <article className="deliverable">
      <h3>{checkpoint?.title ?? submission.checkpointId}</h3>
      {submission.sections.map((s) => (
        <div key={s.roleId}>
          <h4>{scenario.roles.find((r) => r.id === s.roleId)?.name ?? s.roleId}</h4>
          <p className="deliverable-text">{s.text}</p>
        </div>
      ))}
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-dimension`}>Rubric dimension</label>
          <select id={`${id}-dimension`} value={dimensionId} onChange={(e) => setDimension(e.target.value)}>
            {scenario.scoring.rubric.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title} ({d.weight}%)
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-rating`}>Deliverable rating</label>
          <select id={`${id}-rating`} value={rating} onChange={(e) => setRating(Number(e.target.value))}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-comment`}>Comment on the deliverable</label>
          <textarea
            id={`${id}-comment`}
            value={comment}
            maxLength={2000}
            onChange={(e) => setComment(e.target.value)}
          />
        </div>
        <button type="submit" disabled={busy}>
          Rate the deliverable
        </button>
        <AckError message={error} />
      </form>
      {ratings.length > 0 && (
        <ul aria-label="Ratings recorded">
          {ratings.map((r) => (
            <li key={r.id}>
              {scenario.scoring.rubric.find((d) => d.id === r.dimensionId)?.title}: {r.rating}/5
              {r.comment ? ` — ${r.comment}` : ''}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
