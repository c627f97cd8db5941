import { useId, useMemo, useState } from 'react';
import type { Ack } from '../../../shared/protocol/ack';
import { resolveAction } from '../../../shared/scenario/resolve-action';
import type { Action } from '../../../shared/scenario/schema';
import type { PublicScenario, PublicSim } from '../../../shared/views/view';
import { useAck } from '../hooks/use-ack';
import { useProjection } from '../hooks/use-projection';
import { actionPrice } from '../lib/action-price';
import { effectText } from '../lib/effect-text';
import { keyed } from '../lib/keyed';
import { categoryLabel, hasInfrastructure, span } from '../lib/scenario-model';
import { AckError } from './ack-error';
import { Markdown } from './markdown';
import { ProjectionTable } from './projection-table';
import { TextAreaField } from './text-area-field';

export type ProposeHandler = (
  actionId: string,
  params: Record<string, number>,
  rationale: string,
) => Promise<Ack>;

interface ActionCardProps {
  scenario: PublicScenario;
  sim: PublicSim;
  metrics: readonly string[];
  /** Why this action cannot be proposed right now (the phase, a prerequisite, once only), or undefined when it can. */
  blockedReason: (action: Action) => string | undefined;
  onPropose: ProposeHandler;
}

/** The actions this role may propose, each with its price, lead time, effects, a projection and a proposal form. */
export function ActionCatalog({ actions, ...card }: ActionCardProps & { actions: Action[] }) {
  if (actions.length === 0) return <p className="muted">Your role proposes no actions in this scenario.</p>;
  return (
    <div className="card-list">
      {actions.map((action) => (
        <ActionCard key={action.id} action={action} {...card} />
      ))}
    </div>
  );
}

function ActionCard({
  action,
  scenario,
  sim,
  metrics,
  blockedReason,
  onPropose,
}: ActionCardProps & { action: Action }) {
  const blocked = blockedReason(action);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [params, setParams] = useState<Record<string, number>>(() =>
    Object.fromEntries(action.parameters.map((p) => [p.id, p.default])),
  );
  const [rationale, setRationale] = useState('');
  const [proposed, setProposed] = useState(false);
  const { busy, error, run } = useAck();
  const resolved = useMemo(() => resolveAction(action, params), [action, params]);
  const projection = useProjection(scenario, sim, action, params, metrics, open);
  // Without the infrastructure model there is no money to price an action in, nor a model to project it.
  const infrastructure = hasInfrastructure(scenario);
  const price = useMemo(
    () =>
      !infrastructure
        ? undefined
        : resolved.ok
          ? actionPrice(scenario, action, params, resolved, sim)
          : resolved.message,
    [infrastructure, scenario, action, params, resolved, sim],
  );

  return (
    <article className="action" aria-labelledby={`${id}-title`}>
      <header>
        <h3 id={`${id}-title`}>{action.title}</h3>
        <span className="tag tag-neutral">{categoryLabel(action.category)}</span>
      </header>
      <Markdown text={action.description} />
      <dl className="facts">
        {price !== undefined && (
          <>
            <dt>Cost</dt>
            <dd>{price}</dd>
          </>
        )}
        <dt>Lead time</dt>
        <dd>{action.leadTimeDays === 0 ? 'Immediate' : `${span(action.leadTimeDays)} (simulated)`}</dd>
        <dt>Effects</dt>
        <dd>
          {resolved.ok ? (
            <ul>
              {keyed(resolved.effects.map(effectText), (text) => text).map(({ key, item }) => (
                <li key={key}>{item}</li>
              ))}
            </ul>
          ) : (
            '—'
          )}
        </dd>
        {action.risks.length > 0 && (
          <>
            <dt>Risks</dt>
            <dd>{action.risks.join(' ')}</dd>
          </>
        )}
      </dl>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          {infrastructure ? 'Prepare a proposal and see its projected impact' : 'Prepare a proposal'}
        </summary>
        {action.parameters.length > 0 && (
          <div className="field-row">
            {action.parameters.map((p) => (
              <div className="field" key={p.id}>
                <label htmlFor={`${id}-${p.id}`}>
                  {p.label}
                  {p.unit ? ` (${p.unit})` : ''}
                </label>
                <input
                  id={`${id}-${p.id}`}
                  type="number"
                  min={p.min}
                  max={p.max}
                  step={p.step}
                  value={params[p.id] ?? p.default}
                  onChange={(e) => setParams({ ...params, [p.id]: Number(e.target.value) })}
                />
              </div>
            ))}
          </div>
        )}
        {infrastructure && (
          <section className="projection" aria-labelledby={`${id}-projection`}>
            <h4 id={`${id}-projection`}>Projected impact (projection)</h4>
            <p className="muted">
              An estimate computed in your browser from what the table knows today. The real outcome is
              decided by the exercise and may differ.
            </p>
            {projection?.ok === false && <p>{projection.reason}</p>}
            {projection?.ok && <ProjectionTable projection={projection.projection} />}
          </section>
        )}
        <TextAreaField
          label="Rationale for the table"
          value={rationale}
          maxLength={1000}
          onChange={setRationale}
        />
        {blocked && <p className="notice">{blocked}</p>}
        <button
          type="button"
          disabled={busy || blocked !== undefined}
          onClick={() =>
            run(() => onPropose(action.id, params, rationale)).then((ok) => {
              if (ok) setRationale('');
              setProposed(ok);
            })
          }
        >
          Propose “{action.title}”
        </button>
        {/* On a phone the proposal lands in another section: say where it went. */}
        {proposed && !error && (
          <p role="status" className="notice">
            ✓ Proposed: it is on the table, under Proposals.
          </p>
        )}
        <AckError message={error} />
      </details>
    </article>
  );
}
