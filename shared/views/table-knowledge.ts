import type { SessionState } from '../session/state';
import { FACILITATOR_ROW, type KnowledgeItem, type KnowledgeMap } from './knowledge';

/**
 * The knowledge map (./knowledge.ts) as the table sees it once the exercise is over: WHO received
 * each inject and message stays (that is the lesson of the map), but WHAT only when it went to
 * everyone. An inject that reached some roles only reads "an inject to CFO, Investor", a message
 * not to everyone "a message to the facilitator": no title, subject, sender or id of its own
 * (an inject's id often names its content), so a private brief's world, a secret inject and a
 * player's note to the control cell stay with their audience (DESIGN.md invariant 4). Keys of
 * withheld injects become `inject:withheld-N`, consistently in the decisions' `seen` lists.
 * The facilitator gets the map unchanged.
 */
export function tableKnowledge(map: KnowledgeMap, state: SessionState): KnowledgeMap {
  const names = new Map(map.rows.map((r) => [r.id, r.name]));
  const rolesOf = (rows: readonly string[]) =>
    rows.filter((r) => r !== FACILITATOR_ROW).map((r) => names.get(r) ?? r);
  const renamed = new Map<string, string>();
  const items = map.items.map((item): KnowledgeItem => {
    if (openToAll(item, state)) return item;
    if (item.kind === 'inject') {
      const key = `inject:withheld-${renamed.size + 1}`;
      renamed.set(item.key, key);
      const to = rolesOf(item.rows);
      return {
        ...item,
        key,
        id: key.slice('inject:'.length),
        title: to.length > 0 ? `an inject to ${to.join(', ')}` : 'an inject to the facilitator',
        from: '',
      };
    }
    const to = rolesOf(item.rows.filter((r) => r !== item.from));
    return {
      ...item,
      title: to.length > 0 ? `a message to ${to.join(', ')}` : 'a message to the facilitator',
    };
  });
  const decisions = map.decisions.map((d) => ({
    ...d,
    steps: d.steps.map((s) => ({ ...s, seen: s.seen.map((key) => renamed.get(key) ?? key) })),
  }));
  return { ...map, items, decisions };
}

/** An inject delivered to `all`, or a message to `all`: its title is the table's already. */
function openToAll(item: KnowledgeItem, state: SessionState): boolean {
  if (item.kind === 'inject') {
    return state.deliveries.some((d) => d.injectId === item.id && d.at === item.at && d.audience === 'all');
  }
  return state.messages.some((m) => m.id === item.id && m.to === 'all' && m.toPlayerId === undefined);
}
