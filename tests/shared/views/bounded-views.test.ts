import { describe, expect, test } from 'vitest';
import { FACILITATOR_MESSAGES, project, RECENT_CREDENTIALS } from '../../../shared/views/project';
import { accepted, hashOf, openTable } from '../session/fixtures/table';

/** Issue 19: the facilitator's view does not grow with credentials or messages without limit. */
describe('bounded facilitator view', () => {
  test('1,000 credentials: the facilitator view stays under 50 KB, with counts of every kind', () => {
    const table = openTable();
    for (let batch = 0; batch < 2; batch++) {
      accepted(
        table.facilitator({
          type: 'issue-credentials',
          kind: 'observer',
          credentials: Array.from({ length: 500 }, (_, i) => ({
            name: `Observer ${batch * 500 + i + 1}`,
            tokenHash: hashOf(`observer-${batch}-${i}`),
          })),
        }),
      );
    }
    accepted(
      table.facilitator({
        type: 'issue-credential',
        kind: 'screen',
        name: 'Projector',
        tokenHash: hashOf('screen'),
      }),
    );
    const view = project(table.session.state, { kind: 'facilitator' });
    if (view.kind !== 'facilitator') throw new Error('expected the facilitator view');
    expect(Buffer.byteLength(JSON.stringify(view))).toBeLessThan(50 * 1024);
    expect(view.credentialCounts.observer).toEqual({ active: 1000, revoked: 0 });
    // The console's own links stay listed: every active screen, evaluator and facilitator credential.
    expect(view.credentials.some((c) => c.kind === 'screen' && c.name === 'Projector')).toBe(true);
    expect(view.credentials.filter((c) => c.kind === 'observer')).toHaveLength(RECENT_CREDENTIALS);
  });

  test('300 messages: the newest 100 in the view, and the count of all', () => {
    const table = openTable();
    for (let i = 0; i < 300; i++)
      accepted(table.facilitator({ type: 'broadcast', body: `Update ${i + 1}: all systems nominal.` }));
    const view = project(table.session.state, { kind: 'facilitator' });
    if (view.kind !== 'facilitator') throw new Error('expected the facilitator view');
    expect(view.messageCount).toBe(300);
    expect(view.messages).toHaveLength(FACILITATOR_MESSAGES);
    expect(view.messages.at(-1)?.body).toBe('Update 300: all systems nominal.');
    // Left open (issue 19): the knowledge map (shared/views/knowledge.ts) keeps an item per message.
    expect(view.knowledge?.items.filter((i) => i.kind === 'message')).toHaveLength(300);
  });
});
