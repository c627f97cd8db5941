import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openEnvelope, parsePayload, payloadHazard } from '../../../server/realtime/envelope';
import { CLIENT_EVENT_SCHEMAS, CLIENT_EVENTS } from '../../../shared/protocol/events';

const SEEDED = { seed: 20_240_611, numRuns: 400 };

describe('socket envelope: any input gets a payload or an error value, never an exception', () => {
  it('parses arbitrary JSON for every client event without throwing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CLIENT_EVENTS),
        fc.array(fc.jsonValue(), { maxLength: 3 }),
        (event, args) => {
          const result = parsePayload(event, CLIENT_EVENT_SCHEMAS[event], args);
          if (!result.ok) {
            expect(result.code).toBe('invalid-payload');
            expect(result.message.length).toBeLessThanOrEqual(1000);
          } else {
            expect(args).toHaveLength(1);
          }
        },
      ),
      SEEDED,
    );
  });

  it('finds a prototype-tampering key at any depth', () => {
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype');
    const withKeyAtDepth = fc
      .tuple(key, fc.integer({ min: 0, max: 10 }), fc.jsonValue())
      .map(([k, depth, value]) => {
        let node: unknown = JSON.parse(`{${JSON.stringify(k)}: ${JSON.stringify(value ?? null)}}`);
        for (let i = 0; i < depth; i++) node = i % 2 === 0 ? { wrap: node } : [node];
        return node;
      });
    fc.assert(
      fc.property(withKeyAtDepth, (payload) => {
        expect(payloadHazard(payload)).toMatch(/is not allowed/);
      }),
      SEEDED,
    );
  });

  it('passes ordinary payloads and refuses absurd nesting', () => {
    fc.assert(
      fc.property(fc.jsonValue({ depthSize: 'small' }), (value) => {
        const hazard = payloadHazard(value);
        if (hazard !== undefined) expect(hazard).toMatch(/nesting deeper|is not allowed/);
      }),
      SEEDED,
    );
    expect(payloadHazard({ command: { type: 'propose', params: { replicas: 4 } } })).toBeUndefined();
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { a: deep };
    expect(payloadHazard(deep)).toMatch(/nesting deeper than 16/);
  });

  it('takes the acknowledgement from the last argument and answers it at most once', () => {
    const answers: unknown[] = [];
    const envelope = openEnvelope([{ lastSeq: 1 }, (ack: unknown) => answers.push(ack)]);
    expect(envelope.args).toEqual([{ lastSeq: 1 }]);
    envelope.ack?.({ ok: true, seq: 1 });
    envelope.ack?.({ ok: true, seq: 2 });
    expect(answers).toEqual([{ ok: true, seq: 1 }]);
    expect(openEnvelope([{ lastSeq: 1 }]).ack).toBeUndefined();
  });
});
