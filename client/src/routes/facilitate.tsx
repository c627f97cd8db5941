import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { requiredApprovals } from '../../../shared/session/decision-rules';
import type { Message, Player } from '../../../shared/session/state';
import { facilitatorOptions } from '../../../shared/session/viewer-options';
import type { PublicScenario } from '../../../shared/views/view';
import { CarriedActions } from '../components/carried-actions';
import { CohortBackLink } from '../components/cohort-back-link';
import { ConsoleInsights } from '../components/console-insights';
import { CredentialLinks } from '../components/credential-links';
import { InjectTimeline } from '../components/inject-timeline';
import { JoinBox } from '../components/join-box';
import { LiveInjectPanel } from '../components/live-inject-panel';
import { MessageForm } from '../components/message-form';
import { MessageList } from '../components/message-list';
import { MetricTiles } from '../components/metric-tiles';
import { ObservationList } from '../components/observation-list';
import { PhaseControls } from '../components/phase-controls';
import { ProposalCard } from '../components/proposal-card';
import { Roster } from '../components/roster';
import { RoundSummary } from '../components/round-summary';
import { SeatingControls } from '../components/seating-controls';
import { type ReadySession, SessionRoute } from '../components/session-route';
import { SessionTopBar } from '../components/session-top-bar';
import type { SessionHandle } from '../hooks/use-session';
import { dashboardMetrics, tiles } from '../lib/dashboard';
import { PHASE_HINT, roleName } from '../lib/labels';

/**
 * The facilitator's console: a sticky bar with the phase, the clock and the flow controls, then the
 * join code and links, roster, live metrics, MSEL, proposals, messages and evaluations. A
 * co-facilitator link opens it with its token in the URL fragment.
 */
export function FacilitateRoute() {
  return (
    <SessionRoute
      kind="facilitator"
      tokenInLink
      rejoin={
        <p>
          Open the console from the browser that created the exercise, from "My exercises" on the start page,
          or with a co-facilitator link.
        </p>
      }
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
  const seated = view.players.filter((p) => !p.removed);
  const rehearsal = seated.length === 0 && view.phase !== 'lobby';

  return (
    <div className="console">
      {/* Sticky: the phase, the clock and the main controls stay in view down the long console. */}
      <div className="console-bar">
        <SessionTopBar title="Facilitator console" session={session} view={view} scenario={scenario} />
        <section className="console-controls" aria-label="Phase and clock controls">
          <p className="console-hint">
            {view.paused ? 'Paused.' : PHASE_HINT[view.phase]}
            {rehearsal && ' Rehearsal: computer players hold every role; phases close on their timers.'}
          </p>
          <CohortBackLink />
          <PhaseControls
            options={facilitatorOptions(view, scenario)}
            phase={view.phase}
            paused={view.paused}
            players={seated.length}
            send={send}
          />
          {(view.phase === 'debrief' || view.phase === 'ended') && (
            <Link to={`/debrief/${view.sessionId}`}>Open the debrief</Link>
          )}
        </section>
      </div>
      <main>
        <div className="grid-2">
          <section className="panel" aria-labelledby="join-heading">
            <h2 id="join-heading">Join</h2>
            <JoinBox joinCode={view.joinCode} chooser />
            <p className="muted">
              {session.presence
                ? `${session.presence.screens} screen(s), ${session.presence.evaluators.length} evaluator(s) and ${session.presence.facilitators} facilitator(s) connected.`
                : ''}
            </p>
          </section>
          <section className="panel" aria-labelledby="links-heading">
            <h2 id="links-heading">Projector, evaluator and co-facilitator links</h2>
            <CredentialLinks
              sessionId={view.sessionId}
              credentials={view.credentials}
              issue={session.issueCredential}
              send={send}
            />
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
          <SeatingControls
            view={view}
            roles={scenario.roles.map((r) => ({ id: r.id, name: r.name }))}
            send={send}
          />
        </section>

        <ConsoleInsights view={view} scenario={scenario} send={send} />
        <CarriedActions session={session} view={view} scenario={scenario} />
        <section className="panel" aria-labelledby="metrics-heading">
          <h2 id="metrics-heading">Live metrics, day {view.sim.day}</h2>
          <MetricTiles tiles={tiles(scenario, view.sim.series, view.sim.day, metrics)} />
        </section>

        <LiveInjectPanel view={view} roles={scenario.roles} send={send} />
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
                    approvalsNeeded={
                      p.status === 'open' ? requiredApprovals(scenario, p.actionId, p.spendUsd) : []
                    }
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
              <ReplyForm scenario={scenario} players={seated} messages={fromPlayers} send={send} />
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
    </div>
  );
}

/** A message to one player only (a reply to what they sent, or a private word); their role-mates do not see it. */
function ReplyForm({
  scenario,
  players,
  messages,
  send,
}: {
  scenario: PublicScenario;
  players: Player[];
  messages: Message[];
  send: SessionHandle<'facilitator'>['send'];
}) {
  const id = useId();
  const [chosen, setChosen] = useState('');
  if (players.length === 0) return null;
  const lastSender = messages.findLast((m) => m.from.kind === 'player')?.from;
  const latest = lastSender?.kind === 'player' ? lastSender.playerId : undefined;
  // Until the facilitator picks someone, the reply goes to whoever wrote last.
  const playerId = players.some((p) => p.id === chosen) ? chosen : (latest ?? players[0]?.id ?? '');
  return (
    <MessageForm
      label="Reply to one player"
      button="Send to this player only"
      onSend={(body) => send({ type: 'message-player', playerId, body })}
    >
      <div className="field">
        <label htmlFor={`${id}-player`}>To player</label>
        <select id={`${id}-player`} value={playerId} onChange={(e) => setChosen(e.target.value)}>
          {players.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({roleName(scenario, p.roleId)}) only
            </option>
          ))}
        </select>
      </div>
    </MessageForm>
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
