import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { RunningServer } from '../../../server/app-server';
import { hashToken } from '../../../server/sessions/tokens';
import { parseScenario } from '../../../shared/scenario/parse';
import type { Scenario } from '../../../shared/scenario/schema';
import { createExercise, type Received, TestClient } from '../../helpers/socket-client';
import { everyoneAt, startRealtimeServer, UNLIMITED_RATE } from './table';

/**
 * DESIGN.md invariant 4 over a whole game of the flagship: every payload every socket receives is
 * recorded, then searched for the actual secret strings of the scenario and of the session.
 * Computer players fill the two roles nobody takes; the facilitator moves the phases on.
 */

const SCENARIO_ID = 'socialwave-hypergrowth';
const SEED = 918_273_645;
/**
 * A restricted inject whose effects start a project and sign a commitment, things the flagship's
 * own restricted injects do not do: what they create (the estate's project and commitment, the
 * landing and the expiry) must reach its audience only. Added to a copy of the flagship that the
 * server loads instead of the shipped one.
 */
const QUIET_CONTRACT = {
  id: 'quiet-contract',
  number: 37,
  title: 'Procurement signs quietly',
  trigger: { type: 'day', day: 8 },
  audience: ['cfo'],
  channel: 'email',
  from: 'Procurement',
  subject: 'Signed on your behalf',
  body: 'Procurement signed a one-month storage commitment and started a change-management push.\n',
  expectedActions: ['Decide whether to tell the rest of the leadership.'],
  discussionQuestions: ['Who else should know?'],
  objectives: ['cost-30m'],
  effects: [
    { type: 'start-project', project: 'change-management', days: 20, incidentRiskPerDay: 0 },
    { type: 'commit-spend', category: 'storage', discount: 0.2, months: 1 },
  ],
};
const scenarioDir = mkdtempSync(path.join(tmpdir(), 'crisis-table-need-to-know-'));
const scenario: Scenario = (() => {
  const doc = parseDocument(readFileSync(`scenarios/${SCENARIO_ID}.yaml`, 'utf8'));
  const injects = doc.get('injects') as { add(value: unknown): void };
  injects.add(doc.createNode(QUIET_CONTRACT));
  const text = doc.toString();
  writeFileSync(path.join(scenarioDir, `${SCENARIO_ID}.yaml`), text);
  const parsed = parseScenario(text, `${SCENARIO_ID}.yaml`);
  if (!parsed.ok) throw new Error(`the flagship scenario does not parse: ${JSON.stringify(parsed)}`);
  return parsed.scenario;
})();
/** People take these roles; the computer plays the other required ones (head-of-infra, investor). */
const HUMAN_ROLES = ['cfo', 'product-lead', 'legal-trust', 'people-lead'] as const;
const EVALUATOR_NOTE = 'Evaluator only: the CFO hesitated for four minutes before approving the pooler.';
const MESSAGE_TO_FACILITATOR =
  'Private to the control cell: I think the investor is bluffing about the sale.';
const FIRED = 'region-outage';
const SKIPPED = 'creator-exodus';

/** A string as it appears inside a JSON document. */
const inJson = (text: string) => JSON.stringify(text).slice(1, -1);

interface Viewer {
  label: string;
  kind: 'facilitator' | 'player' | 'screen' | 'observer' | 'evaluator';
  roleId?: string;
  client: TestClient;
  token: string;
}

describe('need to know: what each socket receives during a whole flagship game', () => {
  let server: RunningServer;
  const viewers: Viewer[] = [];
  let tokenHashes: string[] = [];

  beforeAll(async () => {
    server = await startRealtimeServer({ ...UNLIMITED_RATE, scenarioDir });
    const exercise = await createExercise(server.url, SCENARIO_ID, { seed: SEED });
    const facilitator = await TestClient.connect(server.url);
    await facilitator.authenticate(exercise.sessionId, exercise.facilitatorToken);
    viewers.push({
      label: 'facilitator',
      kind: 'facilitator',
      client: facilitator,
      token: exercise.facilitatorToken,
    });
    for (const kind of ['screen', 'observer', 'evaluator'] as const) {
      const issued = await facilitator.emit('issue-credential', { kind, name: `The ${kind}` });
      if (!issued.ok) throw new Error(issued.code);
      const client = await TestClient.connect(server.url);
      await client.authenticate(exercise.sessionId, issued.token);
      viewers.push({ label: kind, kind, client, token: issued.token });
    }
    for (const roleId of HUMAN_ROLES) {
      const client = await TestClient.connect(server.url);
      const joined = await client.join(exercise.joinCode, `Player ${roleId}`, roleId);
      if (!joined.ok) throw new Error(joined.code);
      viewers.push({ label: roleId, kind: 'player', roleId, client, token: joined.token });
    }
    const clients = viewers.map((v) => v.client);
    const player = (roleId: string) => viewers.find((v) => v.roleId === roleId)!.client;
    const evaluator = viewers.find((v) => v.kind === 'evaluator')!.client;

    await facilitator.must({ type: 'start' });
    await facilitator.must({ type: 'skip-inject', injectId: SKIPPED });
    let guard = 0;
    while (facilitator.view.phase !== 'debrief' && guard++ < 200) {
      const { phase, round } = facilitator.view;
      if (phase === 'deliberation' && round === 1) {
        await player('cfo').must({ type: 'message-facilitator', body: MESSAGE_TO_FACILITATOR });
        await player('legal-trust').must({
          type: 'propose',
          actionId: 'privacy-program',
          rationale: 'The first regulator deadline is weeks away.',
        });
        await evaluator.must({
          type: 'observe',
          target: { kind: 'dimension', id: scenario.scoring.rubric[0]!.id },
          rating: 3,
          note: EVALUATOR_NOTE,
        });
      }
      if (phase === 'deliberation' && round === 2)
        await facilitator.must({ type: 'fire-inject', injectId: FIRED });
      if (phase === 'decision') {
        // The CFO reviews whatever is open this round; the computer players act on their own.
        for (const proposal of facilitator.view.proposals.filter(
          (p) => p.round === round && p.status === 'open',
        )) {
          await player('cfo').command({
            type: 'approve',
            proposalId: proposal.id,
            rationale: 'Within what we can afford.',
            confidence: 3,
          });
        }
      }
      await facilitator.must({ type: 'advance' });
      // Let the computer players finish reacting before the next step.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const synced = await facilitator.emit('sync', { lastSeq: facilitator.seq });
      if (synced.ok) await everyoneAt(clients, synced.seq);
    }
    tokenHashes = viewers.map((v) => hashToken(v.token));
  }, 120_000);

  afterAll(async () => {
    for (const viewer of viewers) viewer.client.close();
    await server.close();
  });

  const texts = new Map<Viewer, { event: string; payload: unknown; text: string }[]>();
  /** Every payload the viewer received, serialized once. */
  const payloads = (viewer: Viewer) => {
    let cached = texts.get(viewer);
    if (!cached) {
      cached = viewer.client.received.map((r) => ({ ...r, text: JSON.stringify(r.payload) }));
      texts.set(viewer, cached);
    }
    return cached;
  };
  const joined = new Map<Viewer, string>();
  /** Which of `needles` occur anywhere in what the viewer received. */
  const seenBy = (viewer: Viewer, needles: readonly string[]) => {
    let text = joined.get(viewer);
    if (text === undefined) {
      text = payloads(viewer)
        .map((p) => p.text)
        .join('\n');
      joined.set(viewer, text);
    }
    return occurring(text, needles);
  };
  const nonFacilitators = () => viewers.filter((v) => v.kind !== 'facilitator');

  it('played the whole game to the debrief with every kind of viewer connected', () => {
    const facilitator = viewers[0]!;
    expect(facilitator.client.view.phase).toBe('debrief');
    expect(facilitator.client.view.rounds.length).toBeGreaterThan(0);
    for (const viewer of viewers) expect(viewer.client.views.length).toBeGreaterThan(40);
    // The secrets searched for below are really there: the facilitator received every one of them.
    const secrets = [
      ...scenario.roles.map((r) => inJson(r.privateBrief)),
      inJson(EVALUATOR_NOTE),
      inJson(MESSAGE_TO_FACILITATOR),
      String(SEED),
    ];
    expect([...seenBy(facilitator, secrets)].sort()).toEqual([...secrets].sort());
  });

  /** What the viewer received before the first view of the debrief: the exercise itself. */
  const beforeDebrief = (viewer: Viewer) => {
    const received = viewer.client.received;
    const debrief = received.findIndex(
      (r) => r.event === 'view' && (r.payload as { view?: { phase?: string } }).view?.phase === 'debrief',
    );
    return (debrief < 0 ? received : received.slice(0, debrief))
      .map((r) => JSON.stringify(r.payload))
      .join('\n');
  };

  it("shows no role another role's private brief, nor its secret objectives before the debrief", () => {
    for (const viewer of nonFacilitators()) {
      for (const role of scenario.roles) {
        const own = viewer.roleId === role.id;
        const briefs = [role.privateBrief].map(inJson);
        expect(seenBy(viewer, briefs).size, `${viewer.label} received ${role.id}'s private brief`).toBe(
          own ? 1 : 0,
        );
        const objectives = role.secretObjectives.map(inJson);
        const during = occurring(beforeDebrief(viewer), objectives);
        expect(during.size, `${viewer.label} received ${role.id}'s secret objectives during play`).toBe(
          own ? objectives.length : 0,
        );
      }
    }
  });

  it("reveals every role's secret objectives to everyone once the debrief opens (issue 21)", () => {
    for (const viewer of nonFacilitators()) {
      for (const role of scenario.roles.filter((r) => r.secretObjectives.length > 0)) {
        const objectives = role.secretObjectives.map(inJson);
        expect(seenBy(viewer, objectives).size, `${viewer.label} sees ${role.id}'s objectives revealed`).toBe(
          objectives.length,
        );
      }
    }
  });

  it('shows nobody but the facilitator the facilitator notes, the seed, credentials or the PRNG state', () => {
    const notes = scenario.injects
      .map((i) => i.facilitatorNotes)
      .filter((n) => n.trim().length > 20)
      .map(inJson);
    expect(notes.length).toBeGreaterThan(5);
    for (const viewer of nonFacilitators()) {
      expect([...seenBy(viewer, [...notes, String(SEED), ...tokenHashes])], viewer.label).toEqual([]);
      const forbidden =
        viewer.kind === 'evaluator'
          ? /"(seed|tokenHash|credentials|pendingEffects|timeline|rng|model)":/
          : /"(seed|tokenHash|credentials|pendingEffects|timeline|observations|rng|model)":/;
      for (const payload of payloads(viewer)) expect(payload.text).not.toMatch(forbidden);
    }
    // Evaluators, and only they besides the facilitator, get the observations list.
    expect(viewers.find((v) => v.kind === 'evaluator')!.client.view).toHaveProperty('observations');
    // Not even the facilitator receives the simulation's PRNG state or model calibration.
    for (const payload of payloads(viewers[0]!)) expect(payload.text).not.toMatch(/"(rng|model)":/);
  });

  it("shows nobody another's token, and evaluator notes only to evaluators and the facilitator", () => {
    for (const viewer of viewers) {
      // The facilitator issued the screen's, observer's and evaluator's tokens, so it saw those.
      const issuedBy = (other: Viewer) => viewer.kind === 'facilitator' && other.kind !== 'player';
      const foreign = viewers.filter((o) => o !== viewer && !issuedBy(o)).map((o) => o.token);
      expect(seenBy(viewer, foreign).size, `${viewer.label} saw another's token`).toBe(0);
      const seen = seenBy(viewer, [inJson(EVALUATOR_NOTE), inJson(MESSAGE_TO_FACILITATOR)]);
      expect(seen.has(inJson(EVALUATOR_NOTE)), viewer.label).toBe(
        viewer.kind === 'facilitator' || viewer.kind === 'evaluator',
      );
      expect(seen.has(inJson(MESSAGE_TO_FACILITATOR)), viewer.label).toBe(
        viewer.kind === 'facilitator' || viewer.roleId === 'cfo',
      );
    }
  });

  it('shows an inject only once it is delivered, and only to its audience; never an inject never sent', () => {
    const facilitator = viewers[0]!.client;
    const timeline = facilitator.view.kind === 'facilitator' ? facilitator.view.timeline : [];
    expect(timeline.find((e) => e.injectId === SKIPPED)?.status).toBe('skipped');
    expect(timeline.find((e) => e.injectId === FIRED)?.status).toBe('sent');
    const neverSent = timeline.filter((e) => e.status !== 'sent').map((e) => e.injectId);
    expect(neverSent.length).toBeGreaterThan(0);
    const byBody = new Map(scenario.injects.map((i) => [inJson(i.body), i]));

    const problems: string[] = [];
    for (const viewer of nonFacilitators()) {
      for (const received of payloads(viewer)) {
        const delivered = new Set(deliveredIn(received));
        for (const body of occurring(received.text, [...byBody.keys()])) {
          const inject = byBody.get(body)!;
          const { audience } = inject;
          const entitled =
            viewer.kind === 'evaluator' ||
            audience === 'all' ||
            (viewer.roleId !== undefined && audience.includes(viewer.roleId));
          // The text may only travel as an inject card of this very view, sent, and addressed to this viewer.
          if (!delivered.has(inject.id) || neverSent.includes(inject.id) || !entitled) {
            problems.push(
              `${viewer.label} got ${inject.id} (to ${JSON.stringify(audience)}) in ${received.event}`,
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // Role-addressed injects did reach their roles (the check above is not vacuous).
    const addressed = scenario.injects.filter(
      (i) => i.audience !== 'all' && timeline.some((e) => e.injectId === i.id && e.status === 'sent'),
    );
    expect(addressed.length).toBeGreaterThan(0);
    for (const inject of addressed) {
      for (const roleId of inject.audience === 'all' ? [] : inject.audience) {
        const viewer = viewers.find((v) => v.roleId === roleId);
        if (viewer)
          expect(viewer.client.views.some((v) => v.view.injects.some((i) => i.id === inject.id))).toBe(true);
      }
    }
  });

  it('shows nobody a simulation event or deadline that follows from an inject outside their audience (finding 6)', () => {
    const facilitator = viewers[0]!.client;
    const events = facilitator.view.sim.events;
    const restricted = events.filter((e) => e.audience !== undefined);
    // The flagship fires role-addressed injects with effects: the check below is not vacuous.
    expect(restricted.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const viewer of nonFacilitators()) {
      if (viewer.kind === 'evaluator') continue; // evaluators follow every inject
      const mayKnow = (audience: readonly string[] | undefined) =>
        audience === undefined || (viewer.roleId !== undefined && audience.includes(viewer.roleId));
      // A text is secret from this viewer when only events it may not know of produce it.
      const visible = new Set(events.filter((e) => mayKnow(e.audience)).map((e) => e.text));
      const secret = [...new Set(restricted.filter((e) => !mayKnow(e.audience)).map((e) => e.text))].filter(
        (text) => !visible.has(text),
      );
      for (const text of seenBy(viewer, secret.map(inJson))) problems.push(`${viewer.label} saw "${text}"`);
    }
    expect(problems).toEqual([]);
    // And those who may know of them did receive them.
    const cfo = viewers.find((v) => v.roleId === 'cfo')!;
    const forCfo = restricted.filter((e) => e.audience?.includes('cfo')).map((e) => inJson(e.text));
    if (forCfo.length > 0) expect(seenBy(cfo, forCfo).size).toBeGreaterThan(0);
  });

  it('keeps projects and commitments a restricted inject started, and their landing and expiry, to its audience (finding 6)', () => {
    const facilitator = viewers[0]!.client;
    const kinds = (kind: string) =>
      facilitator.view.sim.events.filter((e) => e.kind === kind && e.audience?.join() === 'cfo');
    // What the quiet contract created carries its audience (this is what the views filter by).
    expect(kinds('project-started')).toHaveLength(1);
    expect(kinds('project-landed')).toHaveLength(1);
    expect(kinds('commitment')).toHaveLength(1);
    expect(kinds('commitment-expired')).toHaveLength(1);
    type Estate = {
      projects: { project: string; startedDay: number; audience?: string[] }[];
      commitments: { category: string; untilDay: number; audience?: string[] }[];
    };
    type Today = { projects: { project: string; audience?: string[] }[] } | null;
    const estates = (viewer: Viewer) =>
      viewer.client.views.map((v) => v.view.sim as unknown as { estate: Estate; today: Today });
    const restrictedProject = new Set<string>();
    let restrictedCommitments = 0;
    for (const { estate } of estates(viewers[0]!)) {
      for (const p of estate.projects) if (p.audience) restrictedProject.add(`${p.project}@${p.startedDay}`);
      if (estate.commitments.some((c) => c.audience)) restrictedCommitments++;
    }
    expect(restrictedProject.size).toBe(1);
    expect(restrictedCommitments).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const viewer of nonFacilitators()) {
      if (viewer.kind === 'evaluator') continue; // evaluators follow every inject
      const entitled = viewer.roleId === 'cfo';
      let saw = 0;
      for (const { estate, today } of estates(viewer)) {
        // The flagship's own actions commit CDN and compute spend only: a storage commitment is the inject's.
        const secret =
          estate.projects.filter((p) => restrictedProject.has(`${p.project}@${p.startedDay}`)).length +
          estate.commitments.filter((c) => c.category === 'storage').length +
          (today?.projects.filter((p) => p.audience).length ?? 0);
        saw += secret;
      }
      if (entitled) expect(saw, viewer.label).toBeGreaterThan(0);
      else if (saw > 0)
        problems.push(`${viewer.label} saw the quiet contract's project or commitment ${saw} times`);
    }
    expect(problems).toEqual([]);
  });
});

/**
 * Which of `needles` occur in `text`, in one pass: a regex over their first 48 characters finds
 * candidates, each confirmed in full. (Searching megabytes of views once per secret is slow.)
 */
function occurring(text: string, needles: readonly string[]): Set<string> {
  const byPrefix = new Map<string, string[]>();
  for (const needle of needles) {
    const prefix = needle.slice(0, 48);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), needle]);
  }
  const found = new Set<string>();
  if (byPrefix.size === 0) return found;
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp([...byPrefix.keys()].map(escapeRegExp).join('|'), 'g');
  for (const match of text.matchAll(pattern)) {
    for (const needle of byPrefix.get(match[0]) ?? [])
      if (text.startsWith(needle, match.index)) found.add(needle);
  }
  return found;
}

function deliveredIn(received: Received): string[] {
  if (received.event !== 'view') return [];
  const { view } = received.payload as { view: { injects: { id: string }[] } };
  return view.injects.map((i) => i.id);
}
