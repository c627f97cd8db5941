import { useMemo } from 'react';
import { ConnectionStatus } from '../components/connection-status';
import { InjectCard } from '../components/inject-card';
import { JoinBox } from '../components/join-box';
import { MetricTiles } from '../components/metric-tiles';
import { RoundSummary } from '../components/round-summary';
import { type ReadySession, SessionRoute } from '../components/session-route';
import { usePhaseClock } from '../hooks/use-phase-clock';
import { dashboardMetrics, tiles } from '../lib/dashboard';
import { formatClock } from '../lib/format';
import { PHASE_HINT, PHASE_LABEL } from '../lib/labels';

/**
 * The projector: what the whole room may see, large and high-contrast. It is its own viewer on the
 * server (DESIGN.md invariant 4), so private briefs and facilitator notes never reach this page.
 */
export function ScreenRoute() {
  return (
    <SessionRoute
      kind="screen"
      tokenInLink
      rejoin={<p>Open the projector link from the facilitator console.</p>}
    >
      {(ready) => <Projector {...ready} />}
    </SessionRoute>
  );
}

function Projector({ session, view, scenario }: ReadySession<'screen'>) {
  const secondsLeft = usePhaseClock(view.timer, view.paused, session.clockOffsetMs);
  const metrics = useMemo(() => dashboardMetrics(scenario, 6), [scenario]);
  const players = view.players.filter((p) => !p.removed);
  const roundProposals = view.proposals.filter((p) => p.round === view.round);
  const open = roundProposals.filter((p) => p.status === 'open').length;
  const votes = roundProposals.reduce((n, p) => n + new Set(p.votes.map((v) => v.by)).size, 0);
  const latest = view.injects[view.injects.length - 1];
  const broadcast = view.messages.filter((m) => m.from.kind === 'facilitator').at(-1);
  const lastRound = view.rounds[view.rounds.length - 1];

  return (
    <main className="screen">
      <div className="screen-bar">
        <h1>{scenario.title}</h1>
        <ConnectionStatus state={session.connection} />
      </div>

      {view.phase === 'lobby' ? (
        <>
          <h2>Join the exercise</h2>
          <JoinBox joinCode={view.joinCode} qrSize={320} />
          <p>
            {players.length} player{players.length === 1 ? '' : 's'} joined
            {players.length > 0 ? `: ${players.map((p) => p.name).join(', ')}` : ''}
          </p>
        </>
      ) : (
        <>
          <div className="screen-bar">
            <div>
              <span className="phase-name">{PHASE_LABEL[view.phase]}</span>
              <p>
                {view.round > 0 ? `Round ${view.round} of ${scenario.rounds.count} · ` : ''}
                Day {view.sim.day}
              </p>
            </div>
            <div className="screen-timer" role="timer" aria-label="Time left in this phase">
              {view.paused ? (
                <>
                  <span aria-hidden="true">‖</span> Paused
                </>
              ) : secondsLeft !== undefined ? (
                formatClock(secondsLeft)
              ) : (
                ''
              )}
            </div>
            <div className="screen-counts">
              <p>
                {open}
                <span>open proposals</span>
              </p>
              <p>
                {votes}
                <span>votes cast</span>
              </p>
              <p>
                {view.ready.length} / {players.length + view.computerRoles.length}
                <span>done with this phase</span>
              </p>
            </div>
          </div>
          <p>{view.paused ? 'The exercise is paused.' : PHASE_HINT[view.phase]}</p>
          {view.outcome && (
            <h2>
              Outcome:{' '}
              {view.outcome.kind === 'end-state'
                ? view.outcome.title
                : view.outcome.kind === 'completed'
                  ? 'All rounds played'
                  : 'Ended by the facilitator'}
              {view.score ? ` · score ${Math.round(view.score.total)} / 100` : ''}
            </h2>
          )}
          <MetricTiles tiles={tiles(scenario, view.sim.series, view.sim.day, metrics)} large />
          {view.phase === 'review' && lastRound && (
            <section aria-labelledby="screen-round">
              <h2 id="screen-round">Round {lastRound.round}: what happened</h2>
              <RoundSummary result={lastRound} scenario={scenario} maxExplanations={3} />
            </section>
          )}
          {broadcast && (
            <p className="notice">
              <strong>Facilitator:</strong> {broadcast.body}
            </p>
          )}
          {latest && (
            <section aria-labelledby="screen-inject">
              <h2 id="screen-inject">Latest</h2>
              <InjectCard
                channel={latest.channel}
                from={latest.from}
                subject={latest.subject}
                body={latest.body}
                when={`Round ${latest.round} · day ${latest.day}`}
                large
              />
            </section>
          )}
        </>
      )}
    </main>
  );
}
