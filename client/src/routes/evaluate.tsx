import { type FormEvent, useMemo, useState } from 'react';
import type { PublicScenario } from '../../../shared/views/view';
import { AckError } from '../components/ack-error';
import { DeliverableRating } from '../components/deliverable-rating';
import { InjectFeed } from '../components/inject-feed';
import { MetricTiles } from '../components/metric-tiles';
import { ObservationList } from '../components/observation-list';
import { ProposalCard } from '../components/proposal-card';
import { type ReadySession, SessionRoute } from '../components/session-route';
import { SessionTopBar } from '../components/session-top-bar';
import { TextAreaField } from '../components/text-area-field';
import { TextList } from '../components/text-list';
import { useAck } from '../hooks/use-ack';
import type { SessionHandle } from '../hooks/use-session';
import { dashboardMetrics, tiles } from '../lib/dashboard';
import { HSEEP_RATINGS, ratedText } from '../lib/rated';
import { at } from '../lib/scenario-model';

/** An evaluator follows the exercise with each inject's expected actions and records rated observations. */
export function EvaluateRoute() {
  return (
    <SessionRoute kind="evaluator" tokenInLink rejoin={<p>Ask the facilitator for an evaluator link.</p>}>
      {(ready) => <Evaluator {...ready} />}
    </SessionRoute>
  );
}

function Evaluator({ session, view, scenario }: ReadySession<'evaluator'>) {
  const metrics = useMemo(() => dashboardMetrics(scenario), [scenario]);
  const rated = scenario.objectives.filter((o) => o.rated);
  return (
    <>
      <SessionTopBar title="Evaluator" session={session} view={view} scenario={scenario} />
      <main>
        <DeliverableRating view={view} scenario={scenario} send={session.send} />
        <div className="grid-2">
          <div>
            {rated.length > 0 && (
              <section className="panel" aria-labelledby="rated-heading">
                <h2 id="rated-heading">Capabilities you rate</h2>
                <p className="muted">
                  These objectives are rated by evaluators (HSEEP: P, S, M or U), not tested by the
                  simulation.
                </p>
                <ul>
                  {rated.map((o) => (
                    <li key={o.id}>
                      <strong>{o.title}</strong>: {ratedText(o.id, view.observations)}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <section className="panel" aria-labelledby="observe-heading">
              <h2 id="observe-heading">Record an observation</h2>
              <ObservationForm scenario={scenario} send={session.send} />
            </section>
            <section className="panel" aria-labelledby="observations-heading">
              <h2 id="observations-heading">Observations</h2>
              <ObservationList observations={view.observations} scenario={scenario} />
            </section>
            <section className="panel" aria-labelledby="metrics-heading">
              <h2 id="metrics-heading">Situation on {at(view.sim.day)}</h2>
              <MetricTiles tiles={tiles(scenario, view.sim.series, view.sim.day, metrics)} />
            </section>
          </div>
          <div>
            <section className="panel" aria-labelledby="injects-heading">
              <h2 id="injects-heading">Injects and expected actions</h2>
              <InjectFeed
                injects={view.injects}
                empty="No inject delivered yet."
                forRole={false}
                more={(inject) => <TextList title="Expected actions" items={inject.expectedActions} />}
              />
            </section>
            <section className="panel" aria-labelledby="proposals-heading">
              <h2 id="proposals-heading">Proposals</h2>
              {view.proposals.length === 0 && <p className="muted">No proposals yet.</p>}
              <div className="card-list">
                {view.proposals.map((p) => (
                  <ProposalCard key={p.id} proposal={p} scenario={scenario} players={view.players} />
                ))}
              </div>
            </section>
          </div>
        </div>
      </main>
    </>
  );
}

function ObservationForm({
  scenario,
  send,
}: {
  scenario: PublicScenario;
  send: SessionHandle<'evaluator'>['send'];
}) {
  const options = [
    ...scenario.objectives.map((o) => ({
      value: `objective:${o.id}`,
      label: `${o.rated ? 'Capability (rated)' : 'Objective'}: ${o.title}`,
    })),
    ...scenario.scoring.rubric.map((d) => ({ value: `dimension:${d.id}`, label: `Rubric: ${d.title}` })),
  ];
  const [target, setTarget] = useState(options[0]?.value ?? '');
  const [rating, setRating] = useState(3);
  const [note, setNote] = useState('');
  const { busy, error, run } = useAck();
  const [kind, targetId] = target.split(':');
  const ratedTarget = kind === 'objective' && scenario.objectives.some((o) => o.id === targetId && o.rated);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const [kind, id] = target.split(':') as ['objective' | 'dimension', string];
    if (await run(() => send({ type: 'observe', target: { kind, id }, rating, note }))) setNote('');
  }

  return (
    <form onSubmit={submit}>
      <div className="field">
        <label htmlFor="observe-target">Objective or rubric dimension</label>
        <select
          id="observe-target"
          value={target}
          onChange={(e) => {
            setTarget(e.target.value);
            // HSEEP has no 4: a capability's rating is one of 5, 3, 2, 1.
            if (rating === 4) setRating(3);
          }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="observe-rating">Rating</label>
        {ratedTarget ? (
          // A capability takes HSEEP's four ratings, sent on the same 1..5 scale (lib/rated.ts).
          <select id="observe-rating" value={rating} onChange={(e) => setRating(Number(e.target.value))}>
            {HSEEP_RATINGS.map((r) => (
              <option key={r.code} value={r.rating}>
                {r.code} — {r.text.toLowerCase()}
              </option>
            ))}
          </select>
        ) : (
          <select id="observe-rating" value={rating} onChange={(e) => setRating(Number(e.target.value))}>
            <option value={1}>1 — unable to perform</option>
            <option value={2}>2 — major challenges</option>
            <option value={3}>3 — some challenges</option>
            <option value={4}>4 — minor challenges</option>
            <option value={5}>5 — performed without challenges</option>
          </select>
        )}
      </div>
      <TextAreaField label="Note" value={note} maxLength={2000} onChange={setNote} />
      <button type="submit" disabled={busy || !target}>
        Record observation
      </button>
      <AckError message={error} />
    </form>
  );
}
