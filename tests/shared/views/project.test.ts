import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../../shared/scenario/parse';
import type { Scenario } from '../../../shared/scenario/schema';
import type { Actor } from '../../../shared/session/actor';
import type { Command } from '../../../shared/session/commands';
import { decide } from '../../../shared/session/decide';
import type { SessionEvent } from '../../../shared/session/events';
import { replay } from '../../../shared/session/replay';
import type { SessionState } from '../../../shared/session/state';
import { project, projectScenario } from '../../../shared/views/project';
import type { View } from '../../../shared/views/view';
import type { Viewer } from '../../../shared/views/viewer';

const SEED = 424_242_421;
const hash = (n: number) => n.toString(16).padStart(64, '0');
const scenario: Scenario = (() => {
  const parsed = parseScenario(readFileSync('scenarios/socialwave-first-30-days.yaml', 'utf8'), 'short.yaml');
  if (!parsed.ok) throw new Error('the short scenario does not parse');
  return parsed.scenario;
})();

/** Plays commands through the session's own decide/replay, as the runtime would (without a store). */
function play(steps: [Actor, Command][]): SessionState {
  const events: SessionEvent[] = [
    {
      type: 'session-created',
      sessionId: 's_views',
      scenario,
      seed: SEED,
      joinCode: 'ABCDEF',
      facilitatorTokenHash: hash(1),
      at: 1000,
      actor: { kind: 'facilitator' },
    },
  ];
  let state = replay(events);
  let at = 2000;
  for (const [actor, command] of steps) {
    at += 1000;
    const decision = decide(state, actor, command, at);
    if (!decision.ok) throw new Error(`${command.type}: ${decision.code} ${decision.message}`);
    events.push(...decision.events);
    state = replay(events);
  }
  return state;
}

const F: Actor = { kind: 'facilitator' };
const player = (n: number): Actor => ({ kind: 'player', playerId: `player-${n}` });
const ROLES = ['head-of-infra', 'cfo', 'product-lead', 'investor'];
const NOTE = 'Evaluator: the CFO froze when the board called.';
const TO_CONTROL = 'Investor to control: I am about to leak the sale rumour.';
const TO_CFO = 'Facilitator to the CFO only: the bank called back.';

describe('per-viewer projection of the session state', () => {
  let state: SessionState;
  const viewers: Record<string, Viewer> = {
    facilitator: { kind: 'facilitator' },
    cfo: { kind: 'player', playerId: 'player-2' },
    investor: { kind: 'player', playerId: 'player-4' },
    screen: { kind: 'screen' },
    observer: { kind: 'observer' },
    evaluator: { kind: 'evaluator', evaluatorId: 'cred-2' },
  };
  const view = (name: string): View => project(state, viewers[name]!);
  const text = (name: string) => JSON.stringify(view(name));

  beforeAll(() => {
    state = play([
      [F, { type: 'issue-credential', kind: 'evaluator', name: 'Eve', tokenHash: hash(2) }],
      ...ROLES.map((roleId, i): [Actor, Command] => [
        { kind: 'guest' },
        { type: 'join', name: `P${i + 1}`, preferredRole: roleId, tokenHash: hash(10 + i) },
      ]),
      [F, { type: 'start' }],
      [F, { type: 'advance' }], // round 1 injects: the login storm, to everyone
      [F, { type: 'advance' }], // deliberation: board-strings, to the CFO and the investor
      [player(4), { type: 'message-facilitator', body: TO_CONTROL }],
      [F, { type: 'broadcast', body: TO_CFO, audience: ['cfo'] }],
      [F, { type: 'broadcast', body: 'Five minutes left.', audience: 'all' }],
      [
        { kind: 'evaluator', evaluatorId: 'cred-2' },
        { type: 'observe', target: { kind: 'dimension', id: 'crisis-leadership' }, rating: 2, note: NOTE },
      ],
      [player(2), { type: 'propose', actionId: 'investor-update', rationale: 'Calm the board.', params: {} }],
    ]);
    expect(state.deliveries.map((d) => d.injectId)).toEqual(['monday-login-storm', 'board-strings']);
  });

  it('builds each view from an allow-list of fields', () => {
    const base = [
      'sessionId',
      'joinCode',
      'phase',
      'round',
      'paused',
      'phaseStartedAt',
      'timer',
      'players',
      'computerRoles',
      'ready',
      'proposals',
      'injects',
      'messages',
      'sim',
      'rounds',
      'objectives',
      'checkpoints',
      'endState',
      'outcome',
      'score',
      'kind',
    ];
    const keys = (name: string) => Object.keys(view(name)).sort();
    expect(keys('facilitator')).toEqual(
      [...base, 'seed', 'timeline', 'observations', 'pendingEffects', 'credentials'].sort(),
    );
    expect(keys('cfo')).toEqual([...base, 'me', 'role'].sort());
    expect(keys('evaluator')).toEqual([...base, 'evaluatorId', 'observations'].sort());
    expect(keys('screen')).toEqual([...base].sort());
    expect(keys('observer')).toEqual([...base].sort());
    expect(Object.keys(view('screen').sim).sort()).toEqual(['day', 'estate', 'events', 'series', 'today']);
  });

  it("gives a player their own role's private brief and secret objectives, and nobody else's", () => {
    const cfo = view('cfo');
    expect(cfo.kind === 'player' && cfo.role).toMatchObject({
      id: 'cfo',
      secretObjectives: scenario.roles[1]!.secretObjectives,
    });
    for (const name of ['cfo', 'investor', 'screen', 'observer', 'evaluator']) {
      for (const role of scenario.roles) {
        const own = viewers[name]!.kind === 'player' && name === role.id;
        expect(
          text(name).includes(JSON.stringify(role.privateBrief).slice(1, -1)),
          `${name} / ${role.id}`,
        ).toBe(own);
        for (const objective of role.secretObjectives) expect(text(name).includes(objective)).toBe(own);
      }
    }
  });

  it('delivers injects to their audience only, without effects or facilitator notes', () => {
    const ids = (name: string) => view(name).injects.map((i) => i.id);
    expect(ids('cfo')).toEqual(['monday-login-storm', 'board-strings']);
    expect(ids('investor')).toEqual(['monday-login-storm', 'board-strings']);
    expect(ids('screen')).toEqual(['monday-login-storm']);
    expect(ids('observer')).toEqual(['monday-login-storm']);
    expect(ids('evaluator')).toEqual(['monday-login-storm', 'board-strings']);
    const evaluator = view('evaluator');
    expect(evaluator.kind === 'evaluator' && evaluator.injects[0]).toHaveProperty('expectedActions');
    expect(view('cfo').injects[0]).not.toHaveProperty('expectedActions');
    for (const name of ['cfo', 'investor', 'screen', 'observer', 'evaluator']) {
      for (const inject of scenario.injects) {
        if (inject.facilitatorNotes.length > 10)
          expect(text(name)).not.toContain(inject.facilitatorNotes.slice(0, 60));
      }
      // Injects not yet sent: their bodies appear nowhere.
      for (const inject of scenario.injects.slice(2))
        expect(text(name)).not.toContain(inject.body.slice(0, 60));
    }
    const timeline = view('facilitator');
    expect(timeline.kind === 'facilitator' && timeline.timeline.map((e) => e.injectId)).toEqual(
      scenario.injects.map((i) => i.id),
    );
  });

  it('routes messages: broadcasts by audience, messages to the control cell to their sender only', () => {
    const bodies = (name: string) => view(name).messages.map((m) => m.body);
    expect(bodies('facilitator')).toEqual([TO_CONTROL, TO_CFO, 'Five minutes left.']);
    expect(bodies('investor')).toEqual([TO_CONTROL, 'Five minutes left.']);
    expect(bodies('cfo')).toEqual([TO_CFO, 'Five minutes left.']);
    for (const name of ['screen', 'observer', 'evaluator'])
      expect(bodies(name)).toEqual(['Five minutes left.']);
  });

  it('keeps the seed, credentials, observations and pending effects from those not entitled', () => {
    expect(view('facilitator')).toMatchObject({ seed: SEED });
    expect(text('facilitator')).toContain(hash(10));
    expect(text('evaluator')).toContain(NOTE);
    for (const name of ['cfo', 'investor', 'screen', 'observer']) {
      expect(text(name)).not.toContain(NOTE);
      expect(text(name)).not.toContain(String(SEED));
    }
    for (const name of ['cfo', 'investor', 'screen', 'observer', 'evaluator']) {
      expect(text(name)).not.toContain(hash(10));
      expect(text(name)).not.toMatch(/"(seed|tokenHash|credentials|pendingEffects|timeline)":/);
    }
    for (const name of Object.keys(viewers)) expect(text(name)).not.toMatch(/"(rng|model)":/);
  });

  it('shows the table its proposals, players and the simulated metrics', () => {
    for (const name of Object.keys(viewers)) {
      const v = view(name);
      expect(v.proposals.map((p) => p.actionId)).toEqual(['investor-update']);
      expect(v.players.map((p) => p.roleId)).toEqual(ROLES);
      expect(v.sim.series.days).toEqual([0]);
      expect(v.sim.series.metrics.availability).toHaveLength(1);
    }
  });

  it('projects the scenario: the whole file for the facilitator, the public part for everyone else', () => {
    expect(projectScenario(scenario, { kind: 'facilitator' })).toEqual({ kind: 'full', scenario });
    const shown = projectScenario(scenario, { kind: 'screen' });
    expect(shown.kind).toBe('public');
    const serialized = JSON.stringify(shown);
    for (const key of ['privateBrief', 'secretObjectives', 'facilitatorNotes']) {
      expect(serialized).not.toContain(`"${key}"`);
    }
    expect(shown.scenario).not.toHaveProperty('injects');
    for (const inject of scenario.injects) expect(serialized).not.toContain(inject.body.slice(0, 60));
    expect(shown.scenario.actions).toHaveLength(scenario.actions.length);
    // The starting position is public: clients preview actions with the simulation core.
    expect(shown.scenario.simulation).toEqual(scenario.simulation);
  });

  it('refuses to project for a player the session does not have', () => {
    expect(() => project(state, { kind: 'player', playerId: 'player-99' })).toThrow(/no player/);
  });
});
