import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Action } from '../../../shared/scenario/schema';
import { requiredApprovals } from '../../../shared/session/decision-rules';
import type { Proposal } from '../../../shared/session/state';
import {
  awaitingSeat,
  mayMarkReady,
  proposableActions,
  proposalBlocker,
  proposalOptions,
  proposalsOpen,
} from '../../../shared/session/viewer-options';
import { AckError } from '../components/ack-error';
import { ActionCatalog } from '../components/action-catalog';
import { DeliverableDraft } from '../components/deliverable-draft';
import { InjectAnnouncement } from '../components/inject-announcement';
import { InjectFeed } from '../components/inject-feed';
import { Markdown } from '../components/markdown';
import { MessageForm } from '../components/message-form';
import { MessageList } from '../components/message-list';
import { MetricTiles } from '../components/metric-tiles';
import { ModulePanel } from '../components/module-panel';
import { ProposalCard } from '../components/proposal-card';
import { RoundSummary } from '../components/round-summary';
import { SectionTabs } from '../components/section-tabs';
import { type ReadySession, SessionRoute } from '../components/session-route';
import { SessionTopBar } from '../components/session-top-bar';
import { TeamList } from '../components/team-list';
import { useAck } from '../hooks/use-ack';
import { useUnread } from '../hooks/use-unread';
import { dashboardMetrics, tiles } from '../lib/dashboard';
import { actionTitle, PHASE_HINT } from '../lib/labels';
import { at } from '../lib/scenario-model';

/** A player's screen: their role, the situation, what came in, what to decide, and a line to the facilitator. */
export function PlayRoute() {
  return (
    <SessionRoute kind="player" rejoin={<p>Join again with the code on the screen to get a seat.</p>}>
      {(ready) => <PlayerScreen {...ready} />}
    </SessionRoute>
  );
}

/**
 * The page's sections. A phone shows one at a time behind the section switcher; a laptop shows
 * them all in two columns (styles.css, player page).
 */
type Section = 'now' | 'proposals' | 'actions' | 'team' | 'messages';
const SECTION_LABEL: Record<Section, string> = {
  now: 'Now',
  proposals: 'Proposals',
  actions: 'Actions',
  team: 'Team',
  messages: 'Messages',
};
const SECTIONS = Object.keys(SECTION_LABEL) as Section[];

function PlayerScreen({ session, view, scenario }: ReadySession<'player'>) {
  const { role, me } = view;
  const metrics = useMemo(() => dashboardMetrics(scenario), [scenario]);
  const actions = useMemo(() => proposableActions(scenario, role.id), [scenario, role.id]);
  const [section, setSection] = useState<Section>('now');
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
  const mine = view.proposals.filter((p) => p.status !== 'open' && p.proposer.by === me.id);
  const othersDecided = view.proposals.filter((p) => p.status !== 'open' && p.proposer.by !== me.id);
  const awaiting = awaitingSeat(view, scenario, seat);
  const lastRound = view.rounds[view.rounds.length - 1];
  const seated = view.players.filter((p) => !p.removed);
  const { send } = session;
  const unread = useUnread<Section>(
    {
      now: view.injects.length,
      // A new proposal, and every proposal decided, is news.
      proposals: view.proposals.length + view.proposals.filter((p) => p.status !== 'open').length,
      actions: 0,
      team: seated.length + view.computerRoles.length,
      messages: view.messages.filter((m) => !(m.from.kind === 'player' && m.from.playerId === me.id)).length,
    },
    section,
  );
  const openSection = (next: Section) => {
    setSection(next);
    window.scrollTo({ top: 0 });
  };
  const shown = (s: Section) => `play-section${s === section ? ' is-open' : ''}`;

  const decidedCard = (p: Proposal) => (
    <ProposalCard key={p.id} proposal={p} scenario={scenario} players={view.players} />
  );

  return (
    <>
      <SessionTopBar
        title={role.name}
        subtitle={`${me.name} · ${scenario.title}`}
        session={session}
        view={view}
        scenario={scenario}
      />
      <SectionTabs
        label="Sections of your page"
        tabs={SECTIONS.map((id) => ({ id, label: SECTION_LABEL[id], unread: unread[id] }))}
        open={section}
        onOpen={openSection}
      />
      <InjectAnnouncement injects={view.injects} onRead={() => openSection('now')} />
      <main className="play">
        <div className="play-column">
          {/* Sections holding several panels are plain containers: each panel is its own region. */}
          <div id="section-now" className={shown('now')}>
            <DeliverableDraft session={session} view={view} scenario={scenario} />
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

            {awaiting.length > 0 && (
              <section className="panel awaiting" aria-labelledby="awaiting-heading">
                <h3 id="awaiting-heading">Waiting for your answer ({awaiting.length})</h3>
                <ul>
                  {awaiting.map((p) => (
                    <li key={p.id}>
                      {actionTitle(scenario, p.actionId)}:{' '}
                      {proposalOptions(view, scenario, seat, p).vote ? 'your vote' : 'your approval'}
                    </li>
                  ))}
                </ul>
                <button type="button" className="secondary" onClick={() => openSection('proposals')}>
                  Go to the proposals
                </button>
              </section>
            )}

            <ModulePanel scenario={scenario} round={view.round} />

            <section className="panel" aria-labelledby="feed-heading">
              <h2 id="feed-heading">Incoming</h2>
              <InjectFeed injects={view.injects} />
            </section>

            {lastRound && (
              <section className="panel" aria-labelledby="round-heading">
                <h2 id="round-heading">What happened in round {lastRound.round}</h2>
                <RoundSummary result={lastRound} scenario={scenario} injects={view.injects} />
              </section>
            )}

            <section className="panel" aria-labelledby="situation-heading">
              <h2 id="situation-heading">Situation on {at(view.sim.day)}</h2>
              <MetricTiles tiles={tiles(scenario, view.sim.series, view.sim.day, metrics)} />
            </section>
          </div>

          <div id="section-team" className={shown('team')}>
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
            <section className="panel" aria-labelledby="team-heading">
              <h2 id="team-heading">The table</h2>
              <TeamList
                players={view.players}
                computerRoles={view.computerRoles}
                ready={view.ready}
                me={me.id}
                scenario={scenario}
              />
            </section>
          </div>
        </div>

        <div className="play-column">
          <section
            id="section-proposals"
            className={`${shown('proposals')} panel`}
            aria-labelledby="proposals-heading"
          >
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
            {mine.length > 0 && (
              <>
                <h3>What became of your proposals</h3>
                <div className="card-list">{[...mine].reverse().map(decidedCard)}</div>
              </>
            )}
            {othersDecided.length > 0 && (
              <details>
                <summary>Other decided proposals ({othersDecided.length})</summary>
                <div className="card-list">{othersDecided.map(decidedCard)}</div>
              </details>
            )}
          </section>

          <section
            id="section-actions"
            className={`${shown('actions')} panel`}
            aria-labelledby="actions-heading"
          >
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

          <section
            id="section-messages"
            className={`${shown('messages')} panel`}
            aria-labelledby="messages-heading"
          >
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
      </main>
    </>
  );
}
