import { type FormEvent, useId, useMemo, useState } from 'react';
import type { Ack } from '../../../shared/protocol/ack';
import type { ClientCommand } from '../../../shared/protocol/events';
import { CHANNELS, PHASES, type Phase } from '../../../shared/scenario/schema';
import type { LiveInject, RescheduleTrigger } from '../../../shared/session/commands';
import { type Effect, effectSchema } from '../../../shared/sim/effects';
import type { FacilitatorView, TimelineInject } from '../../../shared/views/view';
import { useAck } from '../hooks/use-ack';
import { effectText } from '../lib/effect-text';
import { channelOptions } from '../lib/scenario-model';
import { AckError } from './ack-error';

type When = 'now' | 'round' | 'day';

interface Draft {
  title: string;
  body: string;
  channel: (typeof CHANNELS)[number];
  audience: string[];
  effects: string[];
  when: When;
  round: number;
  phase: Phase;
  day: number;
}

const empty = (view: FacilitatorView): Draft => ({
  title: '',
  body: '',
  channel: 'email',
  audience: [],
  effects: [],
  when: 'now',
  round: Math.max(1, view.round),
  phase: 'deliberation',
  day: view.sim.day + 1,
});

/**
 * Live authoring in the console (issue 15): write an ad-hoc inject (title, message, channel,
 * audience, effects taken from the scenario's own catalog of inject effects) and send it now or at
 * a round and phase or a day; edit or reschedule one not yet sent. The session decides and logs it
 * (`add-inject`, `edit-inject`, `reschedule-inject`); until it is sent only the facilitator sees it.
 */
export function LiveInjectPanel({
  view,
  roles,
  send,
}: {
  view: FacilitatorView;
  roles: readonly { id: string; name: string }[];
  send: (command: ClientCommand) => Promise<Ack>;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => empty(view));
  const [editing, setEditing] = useState<TimelineInject>();
  const { busy, error, run } = useAck();
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  // The effects the scenario's injects already use, with plain numbers: the facilitator picks, never types JSON.
  const catalog = useMemo(() => {
    const seen = new Map<string, Effect>();
    for (const entry of view.timeline) {
      for (const effect of entry.inject.effects) {
        const parsed = effectSchema.safeParse(effect);
        if (parsed.success) seen.set(JSON.stringify(parsed.data), parsed.data);
      }
    }
    return [...seen.entries()].slice(0, 12);
  }, [view.timeline]);
  const unsent = view.timeline.filter((e) => e.live && e.status === 'ready');
  const rounds = Math.max(view.round, 1);

  const trigger = (): RescheduleTrigger | undefined =>
    draft.when === 'round'
      ? { type: 'scheduled', round: draft.round, phase: draft.phase }
      : draft.when === 'day'
        ? { type: 'day', day: draft.day }
        : undefined;
  const content = (): LiveInject => ({
    title: draft.title,
    body: draft.body,
    channel: draft.channel,
    audience: draft.audience.length === 0 ? 'all' : draft.audience,
    from: 'Exercise control',
    subject: '',
    effects: draft.effects.map((key) => JSON.parse(key) as Effect),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const when = trigger();
    const ok = await run(async () => {
      if (!editing)
        return send({ type: 'add-inject', inject: content(), ...(when ? { trigger: when } : {}) });
      const edited = await send({ type: 'edit-inject', injectId: editing.injectId, inject: content() });
      if (!edited.ok || !when) return edited;
      return send({ type: 'reschedule-inject', injectId: editing.injectId, trigger: when });
    });
    if (ok) {
      setDraft(empty(view));
      setEditing(undefined);
    }
  }

  function edit(entry: TimelineInject) {
    const t = entry.trigger;
    setEditing(entry);
    setDraft({
      title: entry.inject.title,
      body: entry.inject.body,
      channel: (CHANNELS as readonly string[]).includes(entry.inject.channel)
        ? (entry.inject.channel as (typeof CHANNELS)[number])
        : 'email',
      audience: entry.inject.audience === 'all' ? [] : entry.inject.audience,
      effects: entry.inject.effects.map((e) => JSON.stringify(e)),
      when: t.type === 'scheduled' ? 'round' : t.type === 'day' ? 'day' : 'now',
      round: t.type === 'scheduled' ? t.round : draft.round,
      phase: t.type === 'scheduled' ? t.phase : draft.phase,
      day: t.type === 'day' ? t.day : draft.day,
    });
  }

  return (
    <section className="panel live-inject" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{editing ? `Edit live inject #${editing.number}` : 'Write a live inject'}</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-title`}>Title</label>
          <input
            id={`${id}-title`}
            value={draft.title}
            maxLength={160}
            onChange={(e) => set({ title: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-body`}>Message (Markdown)</label>
          <textarea
            id={`${id}-body`}
            rows={3}
            maxLength={5000}
            value={draft.body}
            onChange={(e) => set({ body: e.target.value })}
          />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-channel`}>Channel</label>
            <select
              id={`${id}-channel`}
              value={draft.channel}
              onChange={(e) => set({ channel: e.target.value as Draft['channel'] })}
            >
              {/* A live inject goes out on a built-in channel (shared/session/commands.ts takes those). */}
              {channelOptions()
                .filter((c): c is { id: (typeof CHANNELS)[number]; label: string } =>
                  (CHANNELS as readonly string[]).includes(c.id),
                )
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
            </select>
          </div>
          <fieldset className="field">
            <legend>To (none ticked: everyone)</legend>
            {roles.map((role) => (
              <label key={role.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={draft.audience.includes(role.id)}
                  onChange={(e) =>
                    set({
                      audience: e.target.checked
                        ? [...draft.audience, role.id]
                        : draft.audience.filter((r) => r !== role.id),
                    })
                  }
                />{' '}
                {role.name}
              </label>
            ))}
          </fieldset>
        </div>
        {catalog.length > 0 && (
          <fieldset className="field">
            <legend>Effects on the simulation (optional)</legend>
            {catalog.map(([key, effect]) => (
              <label key={key} className="checkbox">
                <input
                  type="checkbox"
                  checked={draft.effects.includes(key)}
                  onChange={(e) =>
                    set({
                      effects: e.target.checked
                        ? [...draft.effects, key]
                        : draft.effects.filter((k) => k !== key),
                    })
                  }
                />{' '}
                {effectText(effect)}
              </label>
            ))}
          </fieldset>
        )}
        <fieldset className="field">
          <legend>When</legend>
          {(
            [
              ['now', editing ? 'Keep its time' : 'Send now'],
              ['round', 'In a round and phase'],
              ['day', 'On a simulated day'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="checkbox">
              <input
                type="radio"
                name={`${id}-when`}
                checked={draft.when === value}
                onChange={() => set({ when: value })}
              />{' '}
              {label}
            </label>
          ))}
          {draft.when === 'round' && (
            <div className="field-row">
              <label>
                Round{' '}
                <input
                  type="number"
                  min={rounds}
                  value={draft.round}
                  onChange={(e) => set({ round: Number(e.target.value) })}
                />
              </label>
              <label>
                Phase{' '}
                <select value={draft.phase} onChange={(e) => set({ phase: e.target.value as Phase })}>
                  {PHASES.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          )}
          {draft.when === 'day' && (
            <label>
              Day{' '}
              <input
                type="number"
                min={0}
                value={draft.day}
                onChange={(e) => set({ day: Number(e.target.value) })}
              />
            </label>
          )}
        </fieldset>
        <button type="submit" disabled={busy || draft.title.trim() === '' || draft.body.trim() === ''}>
          {editing ? 'Save changes' : draft.when === 'now' ? 'Send now' : 'Schedule'}
        </button>{' '}
        {editing && (
          <button
            type="button"
            onClick={() => {
              setEditing(undefined);
              setDraft(empty(view));
            }}
          >
            Cancel
          </button>
        )}
        <AckError message={error} />
      </form>
      {unsent.length > 0 && (
        <>
          <h3>Live injects not sent yet</h3>
          <ul className="live-inject-list">
            {unsent.map((entry) => (
              <li key={entry.injectId}>
                #{entry.number} {entry.inject.title}{' '}
                <span className="muted">
                  (
                  {entry.trigger.type === 'scheduled'
                    ? `round ${entry.trigger.round}, ${entry.trigger.phase}`
                    : entry.trigger.type === 'day'
                      ? `day ${entry.trigger.day}`
                      : 'by hand'}
                  )
                </span>{' '}
                <button
                  type="button"
                  onClick={() => edit(entry)}
                  aria-label={`Edit or reschedule ${entry.inject.title}`}
                >
                  Edit or reschedule
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
