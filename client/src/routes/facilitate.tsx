import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { PublicScenario } from '../../../shared/views/view';
import { CredentialLinks } from '../components/credential-links';
import { InjectTimeline } from '../components/inject-timeline';
import { JoinBox } from '../components/join-box';
import { MessageForm } from '../components/message-form';
import { MessageList } from '../components/message-list';
import { MetricTiles } from '../components/metric-tiles';
import { ObservationList } from '../components/observation-list';
import { PhaseControls } from '../components/phase-controls';
import { ProposalCard } from '../components/proposal-card';
import { Roster } from '../components/roster';
import { RoundSummary } from '../components/round-summary';
import { type ReadySession, SessionRoute } from '../components/session-route';
import { SessionTopBar } from '../components/session-top-bar';
import type { SessionHandle } from '../hooks/use-session';
import { approvalsNeeded } from '../lib/authority';
import { dashboardMetrics, tiles } from '../lib/dashboard';
import { PHASE_HINT, roleName } from '../lib/labels';

/** The facilitator's console: join code, roster, clock, MSEL, live metrics, proposals, messages, evaluations. */
export function FacilitateRoute() {
  return (
    <SessionRoute
      kind="facilitator"
      rejoin={<p>Open the console from the browser that created the exercise, or create a new one.</p>}
    >
      {(ready) => <Console {...ready} />}
    </SessionRoute>
  );
}

function Console({ session, view, scenario }: ReadySession<'facilitator'>) {
  const { send } = session;
  const metrics = useMemo(() => dashboardMetrics(scenario), [scenario]);
  const open = view.proposals.filter((p) => p.status === 'open');
  const decided = view.proposals.filter((p) => p.status !== 'open');
  const fromPlayers = view.messages.filter((m) => m.from.kind === 'player');
  const broadcasts = view.messages.filter((m) => m.from.kind === 'facilitator');
  const lastRound = view.rounds[view.rounds.length - 1];
  const nameOfRole = (id: string) => roleName(scenario, id);

  return (
    <>
      <SessionTopBar title="Facilitator console" session={session} view={view} scenario={scenario} />
      <main>
        <div className="grid-2">
          <section className="panel" aria-labelledby="join-heading">
            <h2 id="join-heading">Join</h2>
            <JoinBox joinCode={view.joinCode} chooser />
            <CredentialLinks sessionId={view.sessionId} issue={session.issueCredential} />
            <p className="muted">
              {session.presence
                ? `${session.presence.screens} screen(s), ${session.presence.evaluators.length} evaluator(s) and ${session.presence.facilitators} facilitator(s) connected.`
                : ''}
            </p>
          </section>
          <section className="panel" aria-labelledby="flow-heading">
            <h2 id="flow-heading">Phase and clock</h2>
            <p>{view.paused ? 'Paused.' : PHASE_HINT[view.phase]}</p>
            <PhaseControls phase={view.phase} paused={view.paused} send={send} />
            {(view.phase === 'debrief' || view.phase === 'ended') && (
              <p>
                <Link to={`/debrief/${view.sessionId}`}>Open the debrief</Link>
              </p>
            )}
          </section>
        </div>

        <section className="panel" aria-labelledby="roster-heading">
          <h2 id="roster-heading">Roster ({view.players.filter((p) => !p.removed).length} players)</h2>
          <Roster
            players={view.players}
            roles={scenario.roles.map((r) => ({ id: r.id, name: r.name }))}
            computerRoles={view.computerRoles}
            ready={view.ready}
            presence={session.presence}
            onAssign={(playerId, roleId) => send({ type: 'assign-role', playerId, roleId })}
            onRemove={(playerId) => send({ type: 'remove-player', playerId })}
          />
        </section>

        <section className="panel" aria-labelledby="metrics-heading">
          <h2 id="metrics-heading">Live metrics, day {view.sim.day}</h2>
          <MetricTiles tiles={tiles(scenario, view.sim.series, view.sim.day, metrics)} />
        </section>

        <div className="grid-2">
          <section className="panel" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">Inject timeline (MSEL)</h2>
            <InjectTimeline
              entries={view.timeline}
              roleName={nameOfRole}
              onFire={(injectId) => send({ type: 'fire-inject', injectId })}
              onSkip={(injectId) => send({ type: 'skip-inject', injectId })}
            />
          </section>

          <div>
            <section className="panel" aria-labelledby="proposals-heading">
              <h2 id="proposals-heading">Proposals ({open.length} open)</h2>
              {view.proposals.length === 0 && <p className="muted">No proposals yet.</p>}
              <div className="card-list">
                {[...open, ...decided].map((p) => (
                  <ProposalCard
                    key={p.id}
                    proposal={p}
                    scenario={scenario}
                    players={view.players}
                    approvalsNeeded={p.status === 'open' ? approvalsNeeded(scenario, p) : []}
                    handlers={{
                      override: (decision, reason) =>
                        send({ type: 'override-decision', proposalId: p.id, decision, reason }),
                    }}
                  />
                ))}
              </div>
            </section>

            {lastRound && (
              <section className="panel" aria-labelledby="round-heading">
                <h2 id="round-heading">Round {lastRound.round} resolution</h2>
                <RoundSummary result={lastRound} scenario={scenario} />
              </section>
            )}

            <section className="panel" aria-labelledby="messages-heading">
              <h2 id="messages-heading">Messages from players ({fromPlayers.length})</h2>
              <MessageList
                messages={fromPlayers}
                scenario={scenario}
                players={view.players}
                empty="No messages from players."
              />
            </section>

            <section className="panel" aria-labelledby="broadcast-heading">
              <h2 id="broadcast-heading">Broadcast</h2>
              <BroadcastForm scenario={scenario} send={send} />
              <MessageList
                messages={broadcasts}
                scenario={scenario}
                players={view.players}
                empty="Nothing broadcast yet."
              />
            </section>

            <section className="panel" aria-labelledby="observations-heading">
              <h2 id="observations-heading">Evaluator observations ({view.observations.length})</h2>
              <ObservationList observations={view.observations} scenario={scenario} />
            </section>
          </div>
        </div>
      </main>
    </>
  );
}

function BroadcastForm({
  scenario,
  send,
}: {
  scenario: PublicScenario;
  send: SessionHandle<'facilitator'>['send'];
}) {
  const id = useId();
  const [audience, setAudience] = useState('all');
  return (
    <MessageForm
      label="Message to the table"
      button="Broadcast"
      onSend={(body) => send({ type: 'broadcast', body, audience: audience === 'all' ? 'all' : [audience] })}
    >
      <div className="field">
        <label htmlFor={`${id}-audience`}>Send to</label>
        <select id={`${id}-audience`} value={audience} onChange={(e) => setAudience(e.target.value)}>
          <option value="all">Everyone (shown on the projector)</option>
          {scenario.roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} only
            </option>
          ))}
        </select>
      </div>
    </MessageForm>
  );
}
