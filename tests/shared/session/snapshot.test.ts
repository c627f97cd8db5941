import { describe, expect, test } from 'vitest';
import {
  fromSnapshot,
  isLegacySnapshot,
  SNAPSHOT_FORMAT,
  toSnapshot,
} from '../../../shared/session/snapshot';
import { openTable } from './fixtures/table';

describe('stored snapshots', () => {
  const state = openTable({ players: ['infra'] }).session.state;

  test('hold the SessionState with a format version, and read back to it', () => {
    const stored = JSON.parse(JSON.stringify(toSnapshot(state)));
    expect(stored).toMatchObject({ format: SNAPSHOT_FORMAT, formatVersion: 1 });
    expect(fromSnapshot(stored)).toEqual(state);
  });

  test("the old format, XState's persisted snapshot, is recognised and not used: the log is replayed instead", () => {
    const old = { status: 'active', value: 'lobby', historyValue: {}, context: state, children: {} };
    expect(isLegacySnapshot(JSON.parse(JSON.stringify(old)))).toBe(true);
    expect(fromSnapshot(JSON.parse(JSON.stringify(old)))).toBeUndefined();
    expect(isLegacySnapshot(toSnapshot(state))).toBe(false);
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
