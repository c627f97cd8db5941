// biome-ignore-all lint/suspicious/noArrayIndexKey: the forms and rows are bound to an item's position in the file (its YAML path, its CSV line), which is its identity here
import { useId, useState } from 'react';
import type { ScenarioProblem } from '../../../../shared/scenario/problem';
import { CHANNELS, PHASES } from '../../../../shared/scenario/schema';
import type { YamlPath } from '../../../../shared/scenario/yaml-edit';
import { audienceText, newInject, problemsAt, type RawInject, whenOf } from '../../lib/author';
import { FieldProblems, YamlField } from './yaml-field';

const TRIGGERS = {
  scheduled: (round: number) => ({ type: 'scheduled', round, phase: 'injects' }),
  day: () => ({ type: 'day', day: 1 }),
  condition: () => ({
    type: 'condition',
    condition: { metric: 'availability', comparison: '<', threshold: 0.99 },
  }),
  manual: () => ({ type: 'manual' }),
} as const;

/**
 * The MSEL (the scenario's injects) as a timeline by round and by day, and as a table: add, edit,
 * duplicate, move and delete injects. Every change goes back into the YAML text: the list through
 * `onInjects` (msel/replace-injects: unchanged injects keep their text), one field through `onField`.
 */
export function MselEditor({
  injects,
  rounds,
  roles,
  channels = CHANNELS,
  problems,
  onInjects,
  onField,
}: {
  injects: RawInject[];
  rounds: number;
  roles: readonly string[];
  /** The built-in channels and the scenario's declared ones. */
  channels?: readonly string[];
  problems: readonly ScenarioProblem[];
  onInjects: (injects: RawInject[]) => void;
  onField: (path: YamlPath, value: unknown) => void;
}) {
  const [selected, setSelected] = useState<number>();
  const editing = selected === undefined ? undefined : injects[selected];
  const add = (trigger: Record<string, unknown>) => {
    const next = [...injects, newInject(injects, trigger)];
    onInjects(next);
    setSelected(next.length - 1);
  };
  const move = (index: number, by: number) => {
    const to = index + by;
    if (to < 0 || to >= injects.length) return;
    const next = [...injects];
    [next[index], next[to]] = [next[to]!, next[index]!];
    onInjects(next);
    setSelected(to);
  };
  const duplicate = (index: number) => {
    const copy = { ...newInject(injects, {}), ...injects[index], ...idAndNumber(injects) };
    const next = [...injects.slice(0, index + 1), copy, ...injects.slice(index + 1)];
    onInjects(next);
    setSelected(index + 1);
  };
  const remove = (index: number) => {
    onInjects(injects.filter((_, i) => i !== index));
    setSelected(undefined);
  };

  const lanes = new Map<
    string,
    { order: number; items: { inject: RawInject; index: number; label: string }[] }
  >();
  for (let r = 1; r <= rounds; r++) lanes.set(`Round ${r}`, { order: r * 10, items: [] });
  injects.forEach((inject, index) => {
    const when = whenOf(inject);
    const lane = lanes.get(when.lane) ?? { order: when.order, items: [] };
    lane.items.push({ inject, index, label: when.label });
    lanes.set(when.lane, lane);
  });

  return (
    <section className="msel-editor" aria-labelledby="msel-heading">
      <h2 id="msel-heading">MSEL: the injects</h2>
      <h3>Timeline</h3>
      <ol className="msel-timeline">
        {[...lanes.entries()]
          .sort(([, a], [, b]) => a.order - b.order)
          .map(([name, lane], laneIndex) => (
            <li key={name} className="msel-lane">
              <h4>{name}</h4>
              <ul>
                {lane.items.map(({ inject, index, label }) => (
                  <li key={`${String(inject.id)}-${index}`}>
                    <button
                      type="button"
                      className={`msel-chip${problemsAt(problems, ['injects', index]).length > 0 ? ' has-problem' : ''}`}
                      aria-pressed={selected === index}
                      onClick={() => setSelected(index)}
                    >
                      <span className="msel-number">#{String(inject.number)}</span>{' '}
                      {String(inject.title ?? '')}
                      <span className="muted"> · {label}</span>
                    </button>
                  </li>
                ))}
              </ul>
              {name.startsWith('Round ') && laneIndex < rounds && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => add(TRIGGERS.scheduled(laneIndex + 1))}
                >
                  Add inject to {name.toLowerCase()}
                </button>
              )}
            </li>
          ))}
      </ol>
      <p>
        <button type="button" onClick={() => add(TRIGGERS.day())}>
          Add inject on a day
        </button>{' '}
        <button type="button" onClick={() => add(TRIGGERS.manual())}>
          Add contingency (by hand)
        </button>
      </p>

      {editing && selected !== undefined && (
        <InjectForm
          key={selected}
          index={selected}
          inject={editing}
          rounds={rounds}
          roles={roles}
          channels={channels}
          problems={problems}
          onField={onField}
          onTrigger={(kind) =>
            onField(
              ['injects', selected, 'trigger'],
              kind === 'scheduled' ? TRIGGERS.scheduled(1) : TRIGGERS[kind](),
            )
          }
          onClose={() => setSelected(undefined)}
        />
      )}

      <h3>Table</h3>
      <div className="table-scroll">
        <table className="msel-table">
          <caption className="visually-hidden">Every inject in file order</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Title</th>
              <th scope="col">When</th>
              <th scope="col">To</th>
              <th scope="col">Channel</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {injects.map((inject, index) => {
              const title = String(inject.title ?? '');
              return (
                <tr
                  key={`${String(inject.id)}-${index}`}
                  className={selected === index ? 'selected' : undefined}
                >
                  <td>{String(inject.number)}</td>
                  <td>
                    {title}
                    {problemsAt(problems, ['injects', index]).length > 0 && (
                      <span className="problem-badge"> needs a fix</span>
                    )}
                  </td>
                  <td>{whenOf(inject).label}</td>
                  <td>{audienceText(inject.audience)}</td>
                  <td>{String(inject.channel ?? '')}</td>
                  <td className="row-actions">
                    <button type="button" onClick={() => setSelected(index)} aria-label={`Edit ${title}`}>
                      Edit
                    </button>
                    <button type="button" onClick={() => duplicate(index)} aria-label={`Duplicate ${title}`}>
                      Duplicate
                    </button>
                    <button
                      type="button"
                      onClick={() => move(index, -1)}
                      aria-label={`Move ${title} up`}
                      disabled={index === 0}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      onClick={() => move(index, 1)}
                      aria-label={`Move ${title} down`}
                      disabled={index === injects.length - 1}
                    >
                      ↓
                    </button>
                    <button type="button" onClick={() => remove(index)} aria-label={`Delete ${title}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function idAndNumber(injects: readonly RawInject[]): Pick<RawInject, 'id' | 'number'> {
  const fresh = newInject(injects, {});
  return { id: fresh.id, number: fresh.number };
}

function InjectForm({
  index,
  inject,
  rounds,
  roles,
  channels,
  problems,
  onField,
  onTrigger,
  onClose,
}: {
  index: number;
  inject: RawInject;
  rounds: number;
  roles: readonly string[];
  channels: readonly string[];
  problems: readonly ScenarioProblem[];
  onField: (path: YamlPath, value: unknown) => void;
  onTrigger: (kind: keyof typeof TRIGGERS) => void;
  onClose: () => void;
}) {
  const at = (...path: (string | number)[]): YamlPath => ['injects', index, ...path];
  const trigger = (inject.trigger ?? {}) as Record<string, unknown>;
  const audienceId = useId();
  const triggerId = useId();
  const [audience, setAudience] = useState(audienceText(inject.audience));
  const field = (label: string, key: string, kind?: 'multiline' | 'number') => (
    <YamlField
      label={label}
      path={at(key)}
      value={inject[key]}
      problems={problems}
      onChange={onField}
      {...(kind ? { kind } : {})}
    />
  );
  return (
    <fieldset className="inject-form">
      <legend>
        Inject #{String(inject.number)}: {String(inject.title ?? '')}
      </legend>
      {field('Title', 'title')}
      {field('Number', 'number', 'number')}
      <div className="field">
        <label htmlFor={triggerId}>When</label>
        <select
          id={triggerId}
          value={String(trigger.type ?? 'manual')}
          onChange={(e) => onTrigger(e.target.value as keyof typeof TRIGGERS)}
        >
          <option value="scheduled">In a round and phase</option>
          <option value="day">On a simulated day</option>
          <option value="condition">When a condition holds</option>
          <option value="manual">By hand (the facilitator fires it)</option>
        </select>
        <FieldProblems id={`${triggerId}-problems`} problems={problemsAt(problems, at('trigger'), true)} />
      </div>
      {trigger.type === 'scheduled' && (
        <div className="field-row">
          <YamlField
            label={`Round (1-${rounds})`}
            path={at('trigger', 'round')}
            value={trigger.round}
            problems={problems}
            onChange={onField}
            kind="number"
          />
          <YamlField
            label="Phase"
            path={at('trigger', 'phase')}
            value={trigger.phase}
            problems={problems}
            onChange={onField}
            kind="select"
            options={PHASES}
          />
        </div>
      )}
      {trigger.type === 'day' && (
        <YamlField
          label="Day"
          path={at('trigger', 'day')}
          value={trigger.day}
          problems={problems}
          onChange={onField}
          kind="number"
        />
      )}
      <div className="field">
        <label htmlFor={audienceId}>To (all, or role ids separated by commas: {roles.join(', ')})</label>
        <input
          id={audienceId}
          value={audience}
          onChange={(e) => {
            setAudience(e.target.value);
            const ids = e.target.value
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean);
            onField(at('audience'), ids.length === 0 || (ids.length === 1 && ids[0] === 'all') ? 'all' : ids);
          }}
        />
        <FieldProblems id={`${audienceId}-problems`} problems={problemsAt(problems, at('audience'))} />
      </div>
      <YamlField
        label="Channel"
        path={at('channel')}
        value={inject.channel}
        problems={problems}
        onChange={onField}
        kind="select"
        options={channels}
      />
      {field('From (the simulated sender)', 'from')}
      {field('Subject', 'subject')}
      {field('Message (Markdown)', 'body', 'multiline')}
      {field('Facilitator notes', 'facilitatorNotes', 'multiline')}
      <button type="button" onClick={onClose}>
        Done
      </button>
    </fieldset>
  );
}
