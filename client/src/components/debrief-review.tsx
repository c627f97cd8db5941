import { useId, useState } from 'react';
import type { DebriefMarkKind } from '../../../shared/session/after-action-types';
import type { PublicScenario, ViewOf } from '../../../shared/views/view';
import { useAck } from '../hooks/use-ack';
import type { SessionHandle } from '../hooks/use-session';
import { AckError } from './ack-error';

/** The facilitator's side of the hot wash: answers and feedback as they arrive, each grouped and marked. */
export function DebriefReview({
  view,
  scenario,
  send,
}: {
  view: ViewOf<'facilitator'>;
  scenario: PublicScenario;
  send: SessionHandle<'facilitator'>['send'];
}) {
  const record = view.afterAction;
  const roleName = (roleId: string | null) =>
    roleId === null ? 'Anonymous' : (scenario.roles.find((r) => r.id === roleId)?.name ?? roleId);
  const items = [
    ...(record?.hotWash ?? []).map((a) => ({
      id: a.id,
      heading: `Q${a.question + 1} · ${roleName(a.roleId)}`,
      text: a.answer,
    })),
    ...(record?.feedback ?? []).map((f) => ({
      id: f.id,
      heading: `Feedback · ${roleName(f.roleId)} · ratings ${f.ratings.join(', ')}`,
      text: [f.strengths && `Went well: ${f.strengths}`, f.improvements && `Improve: ${f.improvements}`]
        .filter(Boolean)
        .join(' · '),
    })),
  ];
  return (
    <section className="panel debrief-review" aria-labelledby="review-heading">
      <h2 id="review-heading">Hot-wash answers and feedback ({items.length})</h2>
      <p className="muted" aria-live="polite">
        Answers appear as players send them. Group each one and mark it a strength or an area for improvement:
        marked items go into the after-action report.
      </p>
      {items.length === 0 && <p className="muted">Nothing yet.</p>}
      <ul className="review-items">
        {items.map((item) => (
          <ReviewItem
            key={item.id}
            item={item}
            mark={record?.marks.find((m) => m.itemId === item.id)}
            scenario={scenario}
            send={send}
          />
        ))}
      </ul>
    </section>
  );
}

function ReviewItem({
  item,
  mark,
  scenario,
  send,
}: {
  item: { id: string; heading: string; text: string };
  mark: { group: string; mark: DebriefMarkKind; objectiveId: string | null } | undefined;
  scenario: PublicScenario;
  send: SessionHandle<'facilitator'>['send'];
}) {
  const [group, setGroup] = useState(mark?.group ?? '');
  const [kind, setKind] = useState<DebriefMarkKind>(mark?.mark ?? 'strength');
  const [objectiveId, setObjective] = useState(mark?.objectiveId ?? '');
  const { busy, error, run } = useAck();
  const id = useId();
  return (
    <li className="review-item">
      <p>
        <strong>{item.heading}</strong>
      </p>
      <p>{item.text}</p>
      <div className="review-controls">
        <div className="field">
          <label htmlFor={`${id}-group`}>Group</label>
          <input id={`${id}-group`} value={group} maxLength={80} onChange={(e) => setGroup(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-mark`}>Mark</label>
          <select id={`${id}-mark`} value={kind} onChange={(e) => setKind(e.target.value as DebriefMarkKind)}>
            <option value="strength">Strength</option>
            <option value="improvement">Area for improvement</option>
            <option value="none">Neither</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-objective`}>Objective</label>
          <select id={`${id}-objective`} value={objectiveId} onChange={(e) => setObjective(e.target.value)}>
            <option value="">General</option>
            {scenario.objectives.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            run(() =>
              send({
                type: 'mark-debrief-item',
                itemId: item.id,
                group,
                mark: kind,
                objectiveId: objectiveId || null,
              }),
            )
          }
        >
          Save mark
        </button>
      </div>
      {mark && (
        <p className="muted">
          Marked:{' '}
          {mark.mark === 'strength'
            ? 'strength'
            : mark.mark === 'improvement'
              ? 'area for improvement'
              : 'neither'}
          {mark.group ? ` (${mark.group})` : ''}
        </p>
      )}
      <AckError message={error} />
    </li>
  );
}
