import { useMemo } from 'react';
import { ConnectionStatus } from '../components/connection-status';
import { HeadlineFeed } from '../components/headline-feed';
import { JoinBox } from '../components/join-box';
import { MetricTiles } from '../components/metric-tiles';
import { ModulePanel } from '../components/module-panel';
import { RoundSummary } from '../components/round-summary';
import { ScreenResults } from '../components/screen-results';
import { type ReadySession, SessionRoute } from '../components/session-route';
import { usePhaseClock } from '../hooks/use-phase-clock';
import { dashboardMetrics, tiles } from '../lib/dashboard';
import { formatClock } from '../lib/format';
import { PHASE_HINT, PHASE_LABEL, roleName } from '../lib/labels';
import { At } from '../lib/scenario-model';

/**
 * The projector: what the whole room may see, large and high-contrast. It is its own viewer on the
 * server (DESIGN.md invariant 4), so private briefs and facilitator notes never reach this page.
 * It fills one screen without scrolling (1280×720 to 1920×1080; styles.css, projector screen): a
 * bar with phase, clock and counts, the phase's main panel, and a column with the headline feed and
 * the join code for late joiners.
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

/** Kahoot-sized name tiles: how many the lobby shows before it sums up the rest. */
const NAME_TILES = 24;

function Projector({ session, view, scenario }: ReadySession<'screen'>) {
  const secondsLeft = usePhaseClock(view.timer, view.paused, session.clockOffsetMs);
  const metrics = useMemo(() => dashboardMetrics(scenario, 6), [scenario]);
  const players = view.players.filter((p) => !p.removed);
  const roundProposals = view.proposals.filter((p) => p.round === view.round);
  const open = roundProposals.filter((p) => p.status === 'open').length;
  const votes = roundProposals.reduce((n, p) => n + new Set(p.votes.map((v) => v.by)).size, 0);
  const lastRound = view.rounds[view.rounds.length - 1];
  const lobby = view.phase === 'lobby';
  const finished = view.phase === 'debrief' || view.phase === 'ended';

  return (
    <main className={`screen${lobby ? ' screen-lobby' : ''}`}>
      <header className="screen-bar">
        <div className="screen-title">
          <h1>{scenario.title}</h1>
          <p>
            <span className="phase-name">{PHASE_LABEL[view.phase]}</span>
            {view.round > 0 ? ` · Round ${view.round} of ${scenario.rounds.count}` : ''} · {At(view.sim.day)}
          </p>
        </div>
        {!lobby && !finished && (
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
        )}
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
        <ConnectionStatus state={session.connection} />
      </header>

      <div className="screen-main">
        {lobby ? (
          <>
            <h2>Join the exercise</h2>
            <JoinBox joinCode={view.joinCode} qrSize={320} />
            <p className="screen-joined">
              {players.length} player{players.length === 1 ? '' : 's'} joined
              {players.length > 0 ? `: ${players.map((p) => p.name).join(', ')}` : ''}
            </p>
            <ul className="name-tiles" aria-label="Players at the table">
              {players.slice(0, NAME_TILES).map((p) => (
                <li key={p.id}>
                  <span className="name-tile-name">{p.name}</span>
                  <span className="name-tile-role">{roleName(scenario, p.roleId)}</span>
                </li>
              ))}
              {players.length > NAME_TILES && <li>+{players.length - NAME_TILES} more</li>}
            </ul>
          </>
        ) : finished ? (
          <ScreenResults view={view} scenario={scenario} />
        ) : (
          <>
            <p className="screen-hint">{view.paused ? 'The exercise is paused.' : PHASE_HINT[view.phase]}</p>
            {/* The module's questions are for the discussion; the review needs the room for what happened. */}
            {view.phase !== 'review' && view.phase !== 'resolution' && (
              <ModulePanel scenario={scenario} round={view.round} compact />
            )}
            {view.phase === 'review' && lastRound ? (
              <section aria-labelledby="screen-round" className="screen-round">
                <h2 id="screen-round">Round {lastRound.round}: what happened</h2>
                <RoundSummary
                  result={lastRound}
                  scenario={scenario}
                  injects={view.injects}
                  maxExplanations={4}
                />
              </section>
            ) : null}
            <MetricTiles tiles={tiles(scenario, view.sim.series, view.sim.day, metrics)} large />
          </>
        )}
      </div>

      {!lobby && (
        <aside className="screen-side" aria-label="Sent to everyone, and how to join">
          <section aria-labelledby="screen-feed" className="screen-feed">
            <h2 id="screen-feed">Sent to everyone</h2>
            <HeadlineFeed injects={view.injects} messages={view.messages} />
          </section>
          <div className="screen-corner">
            <JoinBox joinCode={view.joinCode} qrSize={120} />
          </div>
        </aside>
      )}
    </main>
  );
}
