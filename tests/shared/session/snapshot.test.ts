import { describe, expect, test } from 'vitest';
import { fromSnapshot, SNAPSHOT_FORMAT, toSnapshot } from '../../../shared/session/snapshot';
import { openTable } from './fixtures/table';

describe('stored snapshots', () => {
  const state = openTable({ players: ['infra'] }).session.state;

  test('hold the SessionState with a format version, and read back to it', () => {
    const stored = JSON.parse(JSON.stringify(toSnapshot(state)));
    expect(stored).toMatchObject({ format: SNAPSHOT_FORMAT, formatVersion: 1 });
    expect(fromSnapshot(stored)).toEqual(state);
  });

  test("the old format, XState's persisted snapshot whose context was the state, is still read", () => {
    const old = { status: 'active', value: 'lobby', historyValue: {}, context: state, children: {} };
    expect(fromSnapshot(JSON.parse(JSON.stringify(old)))).toEqual(state);
  });

  test('anything else is unreadable, so the session is rebuilt from its log', () => {
    for (const bad of [
      null,
      7,
      'x',
      {},
      { format: SNAPSHOT_FORMAT, formatVersion: 2, state },
      { context: {} },
    ]) {
      expect(fromSnapshot(bad)).toBeUndefined();
    }
  });
});
