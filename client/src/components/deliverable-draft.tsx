import { useId } from 'react';
import { dueDeliverable } from '../../../shared/session/after-action';
import type { PublicScenario, ViewOf } from '../../../shared/views/view';
import { useAck } from '../hooks/use-ack';
import { useDraft } from '../hooks/use-draft';
import type { SessionHandle } from '../hooks/use-session';
import { at } from '../lib/scenario-model';
import { AckError } from './ack-error';

/**
 * The checkpoint deliverable the table drafts now (issue 21): each role writes its own section,
 * everyone sees the others' sections as they are typed, and any player submits the whole. Shown
 * from the round whose resolution reaches the checkpoint until the checkpoint is judged.
 */
export function DeliverableDraft({
  session,
  view,
  scenario,
}: {
  session: SessionHandle<'player'>;
  view: ViewOf<'player'>;
  scenario: PublicScenario;
}) {
  const due = dueDeliverable(scenario, {
    phase: view.phase,
    round: view.round,
    checkpoints: view.checkpoints,
    day: view.sim.day,
  });
  if (!due) return null;
  return <DraftPanel key={due.id} session={session} view={view} scenario={scenario} checkpoint={due} />;
}

function DraftPanel({
  session,
  view,
  scenario,
  checkpoint,
}: {
  session: SessionHandle<'player'>;
  view: ViewOf<'player'>;
  scenario: PublicScenario;
  checkpoint: PublicScenario['checkpoints'][number];
}) {
  const myRole = view.me.roleId;
  const { texts, edit, error } = useDraft(session, checkpoint.id, myRole);
  const submitting = useAck();
  const headingId = useId();
  const submitted = view.afterAction?.deliverables.find((d) => d.checkpointId === checkpoint.id);
  const roles = [...scenario.roles].sort((a, b) => (a.id === myRole ? -1 : b.id === myRole ? 1 : 0));

  async function submit() {
    const sections = scenario.roles
      .map((r) => ({ roleId: r.id, text: (texts[r.id] ?? '').trim() }))
      .filter((s) => s.text.length > 0);
    await submitting.run(() =>
      session.send({ type: 'submit-deliverable', checkpointId: checkpoint.id, sections }),
    );
  }

  return (
    <section className="panel deliverable-draft" aria-labelledby={headingId}>
      <h2 id={headingId}>
        Deliverable due at {at(checkpoint.day)}: {checkpoint.title}
      </h2>
      <p>{checkpoint.deliverable}</p>
      <p className="muted">
        Each role writes its own section; the others see it as you type. Any player submits for the table.
      </p>
      {roles.map((role) => (
        <DraftSection
          key={role.id}
          label={`${role.name} section${role.id === myRole ? ' (yours)' : ''}`}
          text={texts[role.id] ?? ''}
          editable={role.id === myRole}
          onChange={edit}
        />
      ))}
      <AckError message={error} />
      <div className="button-row">
        <button type="button" onClick={submit} disabled={submitting.busy}>
          {submitted ? 'Submit again (replaces the last submission)' : 'Submit the deliverable'}
        </button>
      </div>
      {submitted && (
        <p role="status">
          Submitted in round {submitted.round} (simulated {at(submitted.day)}) with{' '}
          {submitted.sections.length} section
          {submitted.sections.length === 1 ? '' : 's'}.
        </p>
      )}
      <AckError message={submitting.error} />
    </section>
  );
}

function DraftSection({
  label,
  text,
  editable,
  onChange,
}: {
  label: string;
  text: string;
  editable: boolean;
  onChange: (text: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={text}
        readOnly={!editable}
        maxLength={8000}
        rows={editable ? 6 : 3}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
