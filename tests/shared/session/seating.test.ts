import { describe, expect, it } from 'vitest';
import { GUEST } from '../../../shared/session/actor';
import { computerRoles } from '../../../shared/session/authority';
import { accepted, hashOf, openTable } from './fixtures/table';

/**
 * Seats kept for the computer (issue 14, finding 9; shared/session/seating.ts): a role the
 * facilitator reserved takes no new person, whichever way they would come in (a join naming it, a
 * join without a preference, an approved join request, the facilitator's own assignment), while
 * the people already in it stay.
 */
describe('a role reserved for the computer', () => {
  const join = (table: ReturnType<typeof openTable>, name: string, preferredRole?: string) =>
    table.send(GUEST, {
      type: 'join',
      name,
      tokenHash: hashOf(name),
      ...(preferredRole ? { preferredRole } : {}),
    });

  it('refuses new players with role-full and keeps the ones already seated', () => {
    // infra seats two; one person is already in it when the facilitator reserves it.
    const table = openTable({ players: ['infra'] });
    const seated = table.seats.infra![0]!;
    accepted(table.facilitator({ type: 'reserve-role', roleId: 'infra', reserved: true }));

    const refused = join(table, 'Pat', 'infra');
    expect(refused).toMatchObject({ ok: false, code: 'role-full' });
    expect(!refused.ok && refused.message).toMatch(/computer/);

    const { state } = table.session;
    expect(state.players.find((p) => p.id === seated)).toMatchObject({ roleId: 'infra', removed: false });
    // The person in it plays it; the computer takes it only when nobody does.
    expect(computerRoles(state)).not.toContain('infra');
  });

  it('is never given to a join without a preference, even when it is the only role with room', () => {
    const table = openTable();
    accepted(table.facilitator({ type: 'reserve-role', roleId: 'infra', reserved: true }));
    const roles: string[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = join(table, `Guest ${i}`);
      if (!answer.ok) {
        expect(answer.code).toBe('role-full');
        break;
      }
      const event = answer.events[0];
      if (event?.type === 'player-joined') roles.push(event.roleId);
    }
    // cfo, investor and observer-role seat one each; infra (room for two) stays the computer's.
    expect(roles.sort()).toEqual(['cfo', 'investor', 'observer-role']);
    expect(computerRoles(table.session.state)).toContain('infra');
  });

  it('is not given by admitting a request made before it was reserved, nor by assignment', () => {
    const table = openTable({ players: ['cfo'] });
    accepted(table.facilitator({ type: 'set-seating', approval: true }));
    const asked = accepted(join(table, 'Kim', 'infra'));
    const request = asked.events[0];
    if (request?.type !== 'join-requested') throw new Error('the join did not wait');
    accepted(table.facilitator({ type: 'reserve-role', roleId: 'infra', reserved: true }));
    expect(
      table.facilitator({ type: 'admit-join', requestId: request.requestId, admit: true }),
    ).toMatchObject({
      ok: false,
      code: 'role-full',
    });
    expect(
      table.facilitator({ type: 'assign-role', playerId: table.seats.cfo![0]!, roleId: 'infra' }),
    ).toMatchObject({ ok: false, code: 'role-full' });

    // Opened again, it takes people as before.
    accepted(table.facilitator({ type: 'reserve-role', roleId: 'infra', reserved: false }));
    accepted(table.facilitator({ type: 'admit-join', requestId: request.requestId, admit: true }));
    expect(table.session.state.players.filter((p) => p.roleId === 'infra')).toHaveLength(1);
  });
});
