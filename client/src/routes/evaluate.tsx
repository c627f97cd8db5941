import { type FormEvent, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import type { EvaluatorView, PublicScenario } from '../../../shared/views/view';
import { AckError } from '../components/ack-error';
import { InjectCard } from '../components/inject-card';
import { MetricTiles } from '../components/metric-tiles';
import { ObservationList } from '../components/observation-list';
import { PhaseBar } from '../components/phase-bar';
import { ProposalCard } from '../components/proposal-card';
import { SessionGate } from '../components/session-gate';
import { TopBar } from '../components/top-bar';
import { useAck } from '../hooks/use-ack';
import { usePhaseClock } from '../hooks/use-phase-clock';
import { type SessionHandle, useSession } from '../hooks/use-session';
import { dashboardMetrics, tiles } from '../lib/dashboard';
import { PHASE_LABEL } from '../lib/labels';
import { adoptTokenFromLink } from '../lib/token-from-link';

/** An evaluator follows the exercise with each inject's expected actions and records rated observations. */
export function EvaluateRoute() {
  const sessionId = useParams().sessionId ?? '';
  useState(() => adoptTokenFromLink(sessionId, 'evaluator'));
  const session = useSession(sessionId, 'evaluator');
  return (
    <SessionGate
      authError={session.authError}
      ready={session.view !== undefined && session.scenario !== undefined}
      rejoin={<p>Ask the facilitator for an evaluator link.</p>}
    >
      {() => (
        <Evaluator
          session={session}
          view={session.view as EvaluatorView}
          scenario={session.scenario as PublicScenario}
        />
      )}
    </SessionGate>
  );
}

function Evaluator({
  session,
  view,
  scenario,
}: {
  session: SessionHandle<'evaluator'>;
  view: EvaluatorView;
  scenario: PublicScenario;
}) {
  const secondsLeft = usePhaseClock(view.timer, view.paused, session.clockOffsetMs);
  const metrics = useMemo(() => dashboardMetrics(scenario), [scenario]);
  return (
    <>
      <TopBar title="Evaluator" subtitle={scenario.title} connection={session.connection}>
        <PhaseBar
          phase={PHASE_LABEL[view.phase]}
          round={view.round}
          roundCount={scenario.rounds.count}
          day={view.sim.day}
          secondsLeft={secondsLeft}
          paused={view.paused}
        />
      </TopBar>
      <main>
        <div className="grid-2">
          <div>
            <section className="panel" aria-labelledby="observe-heading">
              <h2 id="observe-heading">Record an observation</h2>
              <ObservationForm scenario={scenario} send={session.send} />
            </section>
            <section className="panel" aria-labelledby="observations-heading">
              <h2 id="observations-heading">Observations</h2>
              <ObservationList observations={view.observations} scenario={scenario} />
            </section>
            <section className="panel" aria-labelledby="metrics-heading">
              <h2 id="metrics-heading">Situation on day {view.sim.day}</h2>
              <MetricTiles tiles={tiles(scenario, view.sim.series, view.sim.day, metrics)} />
            </section>
          </div>
          <div>
            <section className="panel" aria-labelledby="injects-heading">
              <h2 id="injects-heading">Injects and expected actions</h2>
              {view.injects.length === 0 && <p className="muted">No inject delivered yet.</p>}
              <div className="inject-feed">
                {[...view.injects].reverse().map((inject) => (
                  <InjectCard
                    key={inject.id}
                    channel={inject.channel}
                    from={inject.from}
                    subject={inject.subject}
                    body={inject.body}
                    when={`Round ${inject.round} · day ${inject.day}`}
                  >
                    {inject.expectedActions.length > 0 && (
                      <>
                        <p>
                          <strong>Expected actions</strong>
                        </p>
                        <ul>
                          {inject.expectedActions.map((a) => (
                            <li key={a}>{a}</li>
                          ))}
                        </ul>
                      </>
                    )}
                  </InjectCard>
                ))}
              </div>
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
    ...scenario.objectives.map((o) => ({ value: `objective:${o.id}`, label: `Objective: ${o.title}` })),
    ...scenario.scoring.rubric.map((d) => ({ value: `dimension:${d.id}`, label: `Rubric: ${d.title}` })),
  ];
  const [target, setTarget] = useState(options[0]?.value ?? '');
  const [rating, setRating] = useState(3);
  const [note, setNote] = useState('');
  const { busy, error, run } = useAck();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const [kind, id] = target.split(':') as ['objective' | 'dimension', string];
    if (await run(() => send({ type: 'observe', target: { kind, id }, rating, note }))) setNote('');
  }

  return (
    <form onSubmit={submit}>
      <div className="field">
        <label htmlFor="observe-target">Objective or rubric dimension</label>
        <select id="observe-target" value={target} onChange={(e) => setTarget(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="observe-rating">Rating</label>
        <select id="observe-rating" value={rating} onChange={(e) => setRating(Number(e.target.value))}>
          <option value={1}>1 — unable to perform</option>
          <option value={2}>2 — major challenges</option>
          <option value={3}>3 — some challenges</option>
          <option value={4}>4 — minor challenges</option>
          <option value={5}>5 — performed without challenges</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="observe-note">Note</label>
        <textarea id="observe-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit" disabled={busy || !target}>
        Record observation
      </button>
      <AckError message={error} />
    </form>
  );
}
