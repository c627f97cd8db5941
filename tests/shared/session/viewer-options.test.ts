import { describe, expect, test } from 'vitest';
import { type Actor, FACILITATOR } from '../../../shared/session/actor';
import type { Command } from '../../../shared/session/commands';
import { decide } from '../../../shared/session/decide';
import type { SessionState } from '../../../shared/session/state';
import {
  awaitingSeat,
  facilitatorOptions,
  mayMarkReady,
  proposalBlocker,
  proposalOptions,
} from '../../../shared/session/viewer-options';
import { project } from '../../../shared/views/project';
import { publicScenario } from '../../../shared/views/public';
import { accepted, openTable, type Table } from './fixtures/table';
import { tableScenario } from './fixtures/table-scenario';

/**
 * What the client offers is what the server would accept: the options a viewer is shown, computed
 * from that viewer's own projection and the public scenario, agree with `decide` on the full state,
 * in every phase of a whole game, paused and running.
 */

const ok = (state: SessionState, actor: Actor, command: Command) =>
  decide(state, actor, command, state.phaseStartedAt + 1).ok;

function everyPhase(t: Table, visit: (state: SessionState) => void): void {
  visit(t.session.state);
  accepted(t.facilitator({ type: 'start' }));
  while (t.session.state.phase !== 'ended') {
    visit(t.session.state);
    if (t.session.state.phase !== 'debrief') {
      accepted(t.facilitator({ type: 'pause' }));
      visit(t.session.state);
      accepted(t.facilitator({ type: 'resume' }));
    }
    accepted(t.facilitator({ type: 'advance' }));
  }
  visit(t.session.state);
}

describe('what a viewer may do now', () => {
  test("the facilitator's controls agree with decide in every phase, paused and running", () => {
    const t = openTable({ players: ['infra', 'cfo', 'investor'] });
    const scenario = publicScenario(t.session.state.scenario);
    let seen = 0;
    everyPhase(t, (state) => {
      const options = facilitatorOptions(project(state, { kind: 'facilitator' }), scenario);
      expect(options, `${state.phase}${state.paused ? ' paused' : ''}`).toEqual({
        start: ok(state, FACILITATOR, { type: 'start' }),
        advance: ok(state, FACILITATOR, { type: 'advance' }),
        pause: ok(state, FACILITATOR, { type: 'pause' }),
        resume: ok(state, FACILITATOR, { type: 'resume' }),
        extend: ok(state, FACILITATOR, { type: 'extend', seconds: 30 }),
        fireInject:
          state.phase !== 'ended' && ok(state, FACILITATOR, { type: 'fire-inject', injectId: 'leak' }),
        end: ok(state, FACILITATOR, { type: 'end' }),
      });
      seen++;
    });
    expect(seen).toBeGreaterThan(25);
  });

  test('a player may mark ready exactly when decide would take it, the lobby included', () => {
    const t = openTable({ players: ['infra', 'cfo', 'investor'] });
    const scenario = publicScenario(t.session.state.scenario);
    const cfo = { kind: 'player', playerId: 'player-2' } as const;
    const answers: boolean[] = [];
    everyPhase(t, (state) => {
      const offered = mayMarkReady(project(state, cfo), scenario, 'player-2');
      expect(offered, state.phase).toBe(ok(state, cfo, { type: 'ready' }));
      answers.push(offered);
    });
    expect(answers[0]).toBe(true); // the lobby: ready to start
    expect(answers).toContain(false);
  });

  test('proposal controls agree with decide: only the proposer withdraws, authority for the rest', () => {
    const t = openTable({ players: ['infra', 'infra', 'cfo', 'investor'] });
    accepted(t.facilitator({ type: 'start' }));
    accepted(t.facilitator({ type: 'advance' }));
    accepted(t.facilitator({ type: 'advance' }));
    expect(t.session.state.phase).toBe('deliberation');
    accepted(t.as('infra', { type: 'propose', actionId: 'pooler', params: {}, rationale: 'the wall' }));
    accepted(
      t.as('infra', { type: 'propose', actionId: 'replicas', params: { count: 6 }, rationale: 'reads' }),
    );
    const scenario = publicScenario(t.session.state.scenario);
    const seats = [
      { playerId: 'player-1', roleId: 'infra' },
      { playerId: 'player-2', roleId: 'infra' },
      { playerId: 'player-3', roleId: 'cfo' },
      { playerId: 'player-4', roleId: 'investor' },
    ];
    const check = (state: SessionState) => {
      for (const seat of seats) {
        const actor = { kind: 'player', playerId: seat.playerId } as const;
        const view = project(state, actor);
        for (const proposal of state.proposals) {
          const id = proposal.id;
          expect(
            proposalOptions(view, scenario, { key: seat.playerId, roleId: seat.roleId }, proposal),
          ).toEqual({
            review: ok(state, actor, { type: 'approve', proposalId: id, rationale: 'r', confidence: 3 }),
            veto: ok(state, actor, { type: 'veto', proposalId: id, rationale: 'r' }),
            vote: ok(state, actor, {
              type: 'vote',
              proposalId: id,
              vote: 'yes',
              rationale: '',
              confidence: 3,
            }),
            withdraw: ok(state, actor, { type: 'withdraw', proposalId: id }),
          });
        }
      }
    };
    check(t.session.state);
    const mate = proposalOptions(
      project(t.session.state, { kind: 'player', playerId: 'player-2' }),
      scenario,
      { key: 'player-2', roleId: 'infra' },
      t.session.state.proposals[0]!,
    );
    expect(mate.withdraw).toBe(false);
    accepted(t.facilitator({ type: 'pause' }));
    check(t.session.state);
    accepted(t.facilitator({ type: 'resume' }));
    accepted(t.facilitator({ type: 'advance' }));
    check(t.session.state);
  });

  test('an action that is already proposed or lacks its prerequisite is shown blocked, with the reason', () => {
    const t = openTable({ players: ['infra', 'cfo', 'investor'] });
    accepted(t.facilitator({ type: 'start' }));
    accepted(t.facilitator({ type: 'advance' }));
    accepted(t.facilitator({ type: 'advance' }));
    const state = t.session.state;
    const scenario = publicScenario(state.scenario);
    const view = project(state, { kind: 'player', playerId: 'player-1' });
    const blockedIds: string[] = [];
    for (const action of scenario.actions) {
      const blocked = proposalBlocker(view, scenario, action.id);
      if (blocked) blockedIds.push(action.id);
      const decided = decide(
        state,
        { kind: 'player', playerId: 'player-1' },
        {
          type: 'propose',
          actionId: action.id,
          params: {},
          rationale: 'r',
        },
        state.phaseStartedAt,
      );
      if (blocked) expect(decided).toMatchObject({ ok: false, code: blocked.code, message: blocked.message });
    }
    // Sharding needs the pooler first.
    expect(blockedIds).toContain('sharding');
  });
  test('what awaits a seat: approvals its role owes and votes it may still cast, gone once given', () => {
    // Sharding without its prerequisite, so it can be put to the vote at once.
    const base = tableScenario();
    const scenarioFile = tableScenario({
      actions: base.actions.map((a) => (a.id === 'sharding' ? { ...a, prerequisites: [] } : a)),
    });
    const t = openTable({ scenario: scenarioFile, players: ['infra', 'cfo', 'investor'] });
    accepted(t.facilitator({ type: 'start' }));
    accepted(t.facilitator({ type: 'advance' }));
    accepted(t.facilitator({ type: 'advance' }));
    accepted(t.as('infra', { type: 'propose', actionId: 'pooler', params: {}, rationale: 'cheap' }));
    accepted(
      t.as('infra', { type: 'propose', actionId: 'replicas', params: { count: 6 }, rationale: 'reads' }),
    );
    accepted(t.as('infra', { type: 'propose', actionId: 'sharding', params: {}, rationale: 'the wall' }));
    const scenario = publicScenario(t.session.state.scenario);
    const awaiting = (playerId: string, roleId: string) =>
      awaitingSeat(project(t.session.state, { kind: 'player', playerId }), scenario, {
        key: playerId,
        roleId,
      }).map((p) => p.actionId);
    // Six replicas cost more than $5M: the CFO's approval is required; the cheap pooler needs none.
    // Sharding is put to everyone's vote; the Investor's veto is a right, not a duty.
    expect(awaiting('player-2', 'cfo')).toEqual(['replicas', 'sharding']);
    expect(awaiting('player-3', 'investor')).toEqual(['sharding']);
    const replicas = t.session.state.proposals.find((p) => p.actionId === 'replicas')?.id ?? '';
    const sharding = t.session.state.proposals.find((p) => p.actionId === 'sharding')?.id ?? '';
    accepted(t.as('cfo', { type: 'reject', proposalId: replicas, rationale: 'too much', confidence: 4 }));
    accepted(t.as('cfo', { type: 'vote', proposalId: sharding, vote: 'yes', rationale: '', confidence: 3 }));
    expect(awaiting('player-2', 'cfo')).toEqual([]);
    // When the clock stops, nothing can be answered, so nothing awaits.
    accepted(t.facilitator({ type: 'pause' }));
    expect(awaiting('player-3', 'investor')).toEqual([]);
  });
});
