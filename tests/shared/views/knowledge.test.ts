import { describe, expect, test } from 'vitest';
import {
  citeMatcher,
  FACILITATOR_ROW,
  type KnowledgeMap,
  knowledgeMap,
} from '../../../shared/views/knowledge';
import { project } from '../../../shared/views/project';
import { tableKnowledge } from '../../../shared/views/table-knowledge';
import type { Viewer } from '../../../shared/views/viewer';
import { accepted, advanceTo, openTable, type Table } from '../session/fixtures/table';

/**
 * Who knew what, when (issue 17): injects and messages placed in the rows of those who received
 * them, decisions linked to what their makers had seen, and the map's need to know.
 */

const CITING = 'The board memo to the CFO says bring the burn down: commit the compute spend.';

/** Round 2: the board's memo reaches the CFO only (test scenario); the CFO cites it in a proposal. */
function playTable(): Table {
  const table = openTable({ players: ['infra', 'cfo', 'investor'] });
  advanceTo(table, 'deliberation', 1);
  accepted(
    table.facilitator({ type: 'broadcast', body: 'CFO only: the bank called back.', audience: ['cfo'] }),
  );
  advanceTo(table, 'deliberation', 2);
  accepted(table.as('infra', { type: 'propose', actionId: 'pooler', rationale: 'Pool the connections.' }));
  table.tick(1000);
  accepted(table.as('cfo', { type: 'propose', actionId: 'savings-plan', rationale: CITING }));
  return table;
}

const item = (map: KnowledgeMap, key: string) => {
  const found = map.items.find((i) => i.key === key);
  if (!found) expect.fail(`no ${key} in the map`);
  return found;
};

describe('the who-knew-what map', () => {
  test('an inject withheld from some roles sits only in the rows of its audience, and is flagged', () => {
    const map = knowledgeMap(playTable().session.state);
    expect(map.rows.map((r) => r.id)).toEqual(['infra', 'cfo', 'investor', FACILITATOR_ROW]);
    const memo = item(map, 'inject:cfo-memo');
    expect(memo.rows).toEqual(['cfo', FACILITATOR_ROW]);
    expect(memo.round).toBe(2);
    expect(memo.partial).toBe(true);
    const news = item(map, 'inject:outage-news');
    expect(news.rows).toEqual(['infra', 'cfo', 'investor', FACILITATOR_ROW]);
    expect(news.partial).toBe(false);
    const message = map.items.find((i) => i.kind === 'message');
    expect(message?.rows).toEqual(['cfo', FACILITATOR_ROW]);
    expect(message?.round).toBe(1);
  });

  test('an inject is shared when a recipient cites it where others read it', () => {
    const map = knowledgeMap(playTable().session.state);
    expect(item(map, 'inject:cfo-memo').citations).toEqual([
      expect.objectContaining({ kind: 'proposal', by: 'cfo', round: 2 }),
    ]);
    // The infra spike reached infra only, and nobody cited it.
    const spike = map.items.find((i) => i.key === 'inject:day-three-spike');
    if (spike) expect(spike.citations).toEqual([]);
  });

  test('each decision is linked to what its maker had received before deciding', () => {
    const map = knowledgeMap(playTable().session.state);
    const byAction = (id: string) => map.decisions.find((d) => d.actionId === id);
    const cfo = byAction('savings-plan')?.steps[0];
    expect(cfo).toMatchObject({ kind: 'proposed', by: 'cfo' });
    expect(cfo?.seen).toContain('inject:cfo-memo');
    const infra = byAction('pooler')?.steps[0];
    expect(infra).toMatchObject({ kind: 'proposed', by: 'infra' });
    expect(infra?.seen).toContain('inject:outage-news');
    expect(infra?.seen).not.toContain('inject:cfo-memo');
  });

  test('cites means naming the title or subject, or the MSEL number', () => {
    const cites = citeMatcher('Board memo to the CFO', 'Burn', 2);
    expect(cites('as the board memo to the cfo says')).toBe(true);
    expect(cites('see inject 2')).toBe(true);
    expect(cites('see #2 again')).toBe(true);
    expect(cites('inject 21 is unrelated')).toBe(false);
    expect(cites('nothing to see')).toBe(false);
  });
});

describe('need to know: who receives the map in their view', () => {
  const viewers = (table: Table): Record<string, Viewer> => ({
    facilitator: { kind: 'facilitator' },
    investor: { kind: 'player', playerId: table.seats.investor?.[0] ?? '' },
    cfo: { kind: 'player', playerId: table.seats.cfo?.[0] ?? '' },
    screen: { kind: 'screen' },
    observer: { kind: 'observer' },
  });

  test('during the exercise only the facilitator has it', () => {
    const table = playTable();
    const state = table.session.state;
    for (const [name, viewer] of Object.entries(viewers(table))) {
      const view = project(state, viewer);
      if (name === 'facilitator')
        expect(view.knowledge?.items.map((i) => i.key)).toContain('inject:cfo-memo');
      else expect(view.knowledge, name).toBeNull();
      // Nothing of the memo leaks through the map to a role outside its audience.
      if (name !== 'facilitator' && name !== 'cfo')
        expect(JSON.stringify(view)).not.toContain('Board memo to the CFO');
    }
  });

  test('after the exercise everyone sees who received what; what, only of what went to everyone (issue 19)', () => {
    const table = playTable();
    advanceTo(table, 'debrief');
    const state = table.session.state;
    for (const [name, viewer] of Object.entries(viewers(table))) {
      const map = project(state, viewer).knowledge;
      if (name === 'facilitator') {
        expect(map).toEqual(knowledgeMap(state));
        expect(map?.items.map((i) => i.key)).toContain('inject:cfo-memo');
        continue;
      }
      // The same map for the whole table: the rows each item reached, its title withheld when it did not reach everyone.
      expect(map, name).toEqual(tableKnowledge(knowledgeMap(state), state));
      expect(map?.items.map((i) => i.rows)).toEqual(knowledgeMap(state).items.map((i) => i.rows));
      expect(JSON.stringify(map)).not.toContain('Board memo to the CFO');
      expect(JSON.stringify(map)).not.toContain('cfo-memo');
      expect(map?.items.some((i) => i.kind === 'inject' && /^an inject to /.test(i.title))).toBe(true);
    }
  });
});
