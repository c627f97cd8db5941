import { describe, expect, it } from 'vitest';
import type { CreateCohortResponse, TableCohortResponse } from '../../../shared/protocol/cohort';
import { createExercise } from '../../helpers/socket-client';
import { NO_COMPUTER_PLAYERS, serverForSuite, UNLIMITED_RATE } from '../realtime/table';

/**
 * The "The class" section of a table's after-action report (issue 13): the class comparison found
 * by the table's session id, for a facilitator credential of that table only.
 */
const SCENARIO = 'socialwave-first-30-days';

describe('a table’s class, for its after-action report', () => {
  const suite = serverForSuite({ ...NO_COMPUTER_PLAYERS, ...UNLIMITED_RATE });
  const get = (sessionId: string, token: string) =>
    fetch(`${suite.url}/api/cohorts/for-session/${sessionId}/comparison`, {
      headers: { authorization: `Bearer ${token}` },
    });

  /** The one answer for "in no class" and "not a facilitator of it". */
  const none = async (sessionId: string, token: string) => {
    const res = await get(sessionId, token);
    return res.status === 200 && ((await res.json()) as TableCohortResponse).cohort === null;
  };

  it('gives a table of a class its class: both tables, this table’s number', async () => {
    const res = await fetch(`${suite.url}/api/cohorts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId: SCENARIO, tables: 2, name: 'Tuesday class', seeds: 'different' }),
    });
    expect(res.status).toBe(201);
    const cohort = (await res.json()) as CreateCohortResponse;
    const second = cohort.tables[1];
    if (!second) throw new Error('no second table');
    const found = await get(second.sessionId, cohort.facilitatorToken);
    expect(found.status).toBe(200);
    const body = ((await found.json()) as TableCohortResponse).cohort;
    expect(body).toMatchObject({ cohortId: cohort.cohortId, name: 'Tuesday class', number: 2 });
    expect(body?.comparison.tables.map((t) => t.number)).toEqual([1, 2]);
    expect(body?.comparison.objectivesTotal).toBeGreaterThan(0);

    // A player of the table, the room projector's token and no token are refused.
    const player = await suite.connect();
    const joined = await player.join(second.joinCode, 'Ada', 'cfo');
    if (!joined.ok) throw new Error(joined.code);
    expect(await none(second.sessionId, joined.token)).toBe(true);
    expect(await none(second.sessionId, cohort.screenToken)).toBe(true);
    expect((await fetch(`${suite.url}/api/cohorts/for-session/${second.sessionId}/comparison`)).status).toBe(
      401,
    );
  });

  it('answers "no class" for an exercise that is in no class, as for a token that is not its facilitator’s', async () => {
    const alone = await createExercise(suite.url, SCENARIO);
    expect(await none(alone.sessionId, alone.facilitatorToken)).toBe(true);
    expect(await none('s_nosuchsession', alone.facilitatorToken)).toBe(true);
  });
});
