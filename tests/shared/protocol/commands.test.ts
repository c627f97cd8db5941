import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { COMMAND_TYPES, parseCommand } from '../../../shared/session/commands';
import { GAME_ERROR_CODES, GAME_ERRORS } from '../../../shared/session/errors';

describe('command schemas', () => {
  test('defaults are filled in', () => {
    expect(parseCommand({ type: 'extend' })).toEqual({ ok: true, command: { type: 'extend', seconds: 30 } });
    expect(parseCommand({ type: 'propose', actionId: 'pooler', rationale: ' why ' })).toEqual({
      ok: true,
      command: { type: 'propose', actionId: 'pooler', params: {}, rationale: 'why' },
    });
    expect(parseCommand({ type: 'vote', proposalId: 'proposal-1', vote: 'yes' })).toMatchObject({
      ok: true,
      command: { rationale: '', confidence: 3 },
    });
  });

  test('unknown types, extra fields and out-of-range values are refused with the field named', () => {
    expect(parseCommand({ type: 'fly' })).toMatchObject({ ok: false, code: 'unknown-command' });
    expect(parseCommand(42)).toMatchObject({ ok: false, code: 'unknown-command' });
    const extra = parseCommand({ type: 'ready', please: true });
    expect(extra).toMatchObject({ ok: false, code: 'invalid-payload' });
    const confidence = parseCommand({ type: 'approve', proposalId: 'p', rationale: 'r', confidence: 9 });
    expect(confidence).toMatchObject({ ok: false, code: 'invalid-payload' });
    if (!confidence.ok) expect(confidence.message).toContain('confidence');
    const long = parseCommand({ type: 'message-facilitator', body: 'x'.repeat(2001) });
    expect(long).toMatchObject({ ok: false, code: 'invalid-payload' });
  });

  test('arbitrary input never throws and is either a valid command or a refusal with a code', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({ type: fc.constantFrom(...COMMAND_TYPES) }, { requiredKeys: ['type'] }),
          fc
            .tuple(fc.constantFrom(...COMMAND_TYPES), fc.dictionary(fc.string(), fc.anything()))
            .map(([type, fields]) => ({ ...fields, type })),
        ),
        (input) => {
          const parsed = parseCommand(input);
          if (!parsed.ok) expect(GAME_ERROR_CODES).toContain(parsed.code);
          else expect(COMMAND_TYPES).toContain(parsed.command.type);
        },
      ),
      { seed: 3, numRuns: 300 },
    );
  });

  test('every rejection code has a one-line meaning', () => {
    for (const code of GAME_ERROR_CODES) expect(GAME_ERRORS[code]).toMatch(/^[A-Z].+\.$/);
  });
});
