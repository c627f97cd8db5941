import { useMemo } from 'react';
import { Link } from 'react-router';
import type { Action } from '../../../shared/scenario/schema';
import { requiredApprovals } from '../../../shared/session/decision-rules';
import {
  mayMarkReady,
  proposableActions,
  proposalBlocker,
  proposalOptions,
  proposalsOpen,
} from '../../../shared/session/viewer-options';
import { AckError } from '../components/ack-error';
import { ActionCatalog } from '../components/action-catalog';
import { InjectFeed } from '../components/inject-feed';
import { Markdown } from '../components/markdown';
import { MessageForm } from '../components/message-form';
import { MessageList } from '../components/message-list';
import { MetricTiles } from '../components/metric-tiles';
import { ProposalCard } from '../components/proposal-card';
import { RoundSummary } from '../components/round-summary';
import { type ReadySession, SessionRoute } from '../components/session-route';
import { SessionTopBar } from '../components/session-top-bar';
import { useAck } from '../hooks/use-ack';
import { dashboardMetrics, tiles } from '../lib/dashboard';
import { PHASE_HINT } from '../lib/labels';

/** A player's screen: their role, the situation, what came in, what to decide, and a line to the facilitator. */
export function PlayRoute() {
  return (
    <SessionRoute kind="player" rejoin={<p>Join again with the code on the screen to get a seat.</p>}>
      {(ready) => <PlayerScreen {...ready} />}
    </SessionRoute>
  );
}

function PlayerScreen({ session, view, scenario }: ReadySession<'player'>) {
  const { role, me } = view;
  const metrics = useMemo(() => dashboardMetrics(scenario), [scenario]);
  const actions = useMemo(() => proposableActions(scenario, role.id), [scenario, role.id]);
  const ready = useAck();
  const isReady = view.ready.includes(me.id);
  const seat = { key: me.id, roleId: role.id };
  const canReady = mayMarkReady(view, scenario, me.id);
  const proposing = proposalsOpen(view, scenario);
  const blockedReason = (action: Action): string | undefined => {
    if (!proposing) {
      return view.paused
        ? 'The exercise is paused.'
        : 'Proposals are made in the deliberation and decision phases.';
    }
    return proposalBlocker(view, scenario, action.id)?.message;
  };
  const publicRole = scenario.roles.find((r) => r.id === role.id);
  const open = view.proposals.filter((p) => p.status === 'open');
  const decided = view.proposals.filter((p) => p.status !== 'open');
  const lastRound = view.rounds[view.rounds.length - 1];
  const { send } = session;

  return (
    <>
      <SessionTopBar
        title={role.name}
        subtitle={`${me.name} · ${scenario.title}`}
        session={session}
        view={view}
        scenario={scenario}
      />
      <main>
        <p className="notice" aria-live="polite">
          {view.paused ? 'The facilitator has paused the exercise.' : PHASE_HINT[view.phase]}
        </p>
        {(view.phase === 'debrief' || view.phase === 'ended') && (
          <p>
            <Link to={`/debrief/${view.sessionId}`}>Open the debrief</Link>
          </p>
        )}
        {(canReady || isReady) && (
          <div className="button-row">
            <button
              type="button"
              disabled={!canReady || ready.busy}
              onClick={() => ready.run(() => send({ type: 'ready' }))}
            >
              {view.phase === 'lobby'
                ? isReady
                  ? '✓ You are ready to start'
                  : "I'm ready to start"
                : isReady
                  ? '✓ You are done with this phase'
                  : "I'm done with this phase"}
            </button>
            <AckError message={ready.error} />
          </div>
        )}

        <div className="grid-2">
          <div>
            <section className="panel" aria-labelledby="brief-heading">
              <h2 id="brief-heading">Your role: {role.name}</h2>
              {publicRole && <Markdown text={publicRole.publicBrief} />}
              <h3>Only you know</h3>
              <Markdown text={role.privateBrief} />
              {role.secretObjectives.length > 0 && (
                <>
                  <h3>Your private objectives</h3>
                  <ul>
                    {role.secretObjectives.map((o) => (
                      <li key={o}>{o}</li>
                    ))}
                  </ul>
                </>
              )}
            </section>

            <section className="panel" aria-labelledby="situation-heading">
              <h2 id="situation-heading">Situation on day {view.sim.day}</h2>
              <MetricTiles tiles={tiles(scenario, view.sim.series, view.sim.day, metrics)} />
            </section>

            {lastRound && (
              <section className="panel" aria-labelledby="round-heading">
                <h2 id="round-heading">What happened in round {lastRound.round}</h2>
                <RoundSummary result={lastRound} scenario={scenario} />
              </section>
            )}

            <section className="panel" aria-labelledby="feed-heading">
              <h2 id="feed-heading">Incoming</h2>
              <InjectFeed injects={view.injects} />
            </section>
          </div>

          <div>
            <section className="panel" aria-labelledby="proposals-heading">
              <h2 id="proposals-heading">Proposals on the table ({open.length} open)</h2>
              {open.length === 0 && <p className="muted">No open proposals.</p>}
              <div className="card-list">
                {open.map((p) => (
                  <ProposalCard
                    key={p.id}
                    proposal={p}
                    scenario={scenario}
                    players={view.players}
                    controls={proposalOptions(view, scenario, seat, p)}
                    approvalsNeeded={requiredApprovals(scenario, p.actionId, p.spendUsd)}
                    handlers={{
                      review: (stance, rationale, confidence) =>
                        send({ type: stance, proposalId: p.id, rationale, confidence }),
                      veto: (rationale) => send({ type: 'veto', proposalId: p.id, rationale }),
                      vote: (vote, rationale, confidence) =>
                        send({ type: 'vote', proposalId: p.id, vote, rationale, confidence }),
                      withdraw: () => send({ type: 'withdraw', proposalId: p.id }),
                    }}
                  />
                ))}
              </div>
              {decided.length > 0 && (
                <details>
                  <summary>Decided proposals ({decided.length})</summary>
                  <div className="card-list">
                    {decided.map((p) => (
                      <ProposalCard key={p.id} proposal={p} scenario={scenario} players={view.players} />
                    ))}
                  </div>
                </details>
              )}
            </section>

            <section className="panel" aria-labelledby="actions-heading">
              <h2 id="actions-heading">Actions you can propose</h2>
              <ActionCatalog
                actions={actions}
                scenario={scenario}
                sim={view.sim}
                metrics={metrics}
                blockedReason={blockedReason}
                onPropose={(actionId, params, rationale) =>
                  send({ type: 'propose', actionId, params, rationale })
                }
              />
            </section>

            <section className="panel" aria-labelledby="messages-heading">
              <h2 id="messages-heading">Messages</h2>
              <MessageList
                messages={view.messages}
                scenario={scenario}
                players={view.players}
                empty="No messages yet."
              />
              <MessageForm
                label="Message to the facilitator"
                button="Send to facilitator"
                onSend={(body) => send({ type: 'message-facilitator', body })}
              />
            </section>
          </div>
        </div>
      </main>
    </>
  );
}
