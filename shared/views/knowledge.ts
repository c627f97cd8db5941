import { rolesInPlay } from '../session/authority';
import type { Message, SessionState } from '../session/state';

/**
 * "Who knew what, when" (issue 17): the debrief's map of information. A row per role in play and
 * one for the facilitator (the control cell, who sees every inject and every message), a column
 * per round; each delivered inject and each message sits in the rows of those who received it, in
 * the round it arrived. Each decision (a proposal, and every approval, rejection, veto and vote on
 * it, and a facilitator override) is linked to what its maker had received before making it.
 *
 * Information that reached only some roles is flagged `partial`, with whether it was shared: an
 * inject counts as shared when, after it arrived, one of its recipients wrote something the others
 * could read that cites it. "Cites" is kept simple and visible: the text names the inject's title
 * or its subject (case-insensitive), or "inject N" / "#N" by its MSEL number. Texts the others can
 * read are proposal rationales and review, veto and vote rationales (the whole table sees
 * proposals) and facilitator broadcasts to roles outside the inject's audience. A message to the
 * facilitator shares nothing with the table.
 *
 * Built from the state (which is the log replayed). Need to know: it names every role's injects, so
 * shared/views/project.ts gives it to the facilitator always and to everyone else only once the
 * exercise is over (debrief or ended).
 */

export const FACILITATOR_ROW = 'facilitator';

export interface KnowledgeRow {
  /** A role id, or `facilitator`. */
  id: string;
  name: string;
}

export interface KnowledgeCitation {
  kind: 'proposal' | 'review' | 'veto' | 'vote' | 'broadcast';
  /** The proposal or message that cites it. */
  refId: string;
  /** Who wrote it: a role id, or `facilitator`. */
  by: string;
  round: number;
  at: number;
}

export interface KnowledgeItem {
  /** `inject:<id>` or `message:<id>`. */
  key: string;
  kind: 'inject' | 'message';
  /** The inject's or the message's id. */
  id: string;
  /** The inject's title, or the first words of the message. */
  title: string;
  /** Who sent it: the inject's simulated sender, a role id, or `facilitator`. */
  from: string;
  round: number;
  day: number | null;
  at: number;
  /** The rows it reached, in row order. */
  rows: string[];
  /** It reached some of the roles in play but not all. */
  partial: boolean;
  /** Where a recipient passed it on (injects that reached only some roles; empty otherwise). */
  citations: KnowledgeCitation[];
}

/** One decision of a proposal and what its maker had received before it. */
export interface KnowledgeDecisionStep {
  kind: 'proposed' | 'approved' | 'rejected' | 'vetoed' | 'voted-yes' | 'voted-no' | 'override';
  /** A role id, or `facilitator`. */
  by: string;
  at: number;
  /** Keys of the items that row had received by then. */
  seen: string[];
}

export interface KnowledgeDecision {
  proposalId: string;
  actionId: string;
  title: string;
  round: number;
  status: string;
  applied: boolean;
  steps: KnowledgeDecisionStep[];
}

export interface KnowledgeMap {
  rows: KnowledgeRow[];
  /** Round numbers, the columns; round 0 (before the first round) only when something arrived then. */
  rounds: number[];
  items: KnowledgeItem[];
  decisions: KnowledgeDecision[];
}

const TITLE_WORDS = 8;

export function knowledgeMap(state: SessionState): KnowledgeMap {
  const roles = rolesInPlay(state);
  const rows: KnowledgeRow[] = [
    ...roles.map((id) => ({ id, name: state.scenario.roles.find((r) => r.id === id)?.name ?? id })),
    { id: FACILITATOR_ROW, name: 'Facilitator' },
  ];
  const inOrder = (ids: Iterable<string>) => {
    const set = new Set(ids);
    return rows.map((r) => r.id).filter((id) => set.has(id));
  };
  const partialOf = (reached: readonly string[]) => {
    const reachedRoles = roles.filter((r) => reached.includes(r));
    return reachedRoles.length > 0 && reachedRoles.length < roles.length;
  };
  const texts = citingTexts(state);

  const injects: KnowledgeItem[] = state.deliveries.flatMap((d) => {
    const inject = state.scenario.injects.find((i) => i.id === d.injectId);
    if (!inject) return [];
    const reached = d.audience === 'all' ? roles : roles.filter((r) => d.audience.includes(r));
    const itemRows = inOrder([...reached, FACILITATOR_ROW]);
    const partial = partialOf(itemRows);
    const cites = citeMatcher(inject.title, inject.subject, inject.number);
    const citations = partial
      ? texts
          .filter(
            (t) =>
              t.at >= d.at &&
              (reached.includes(t.by) || t.by === FACILITATOR_ROW) &&
              t.reaches.some((r) => !reached.includes(r)),
          )
          .filter((t) => cites(t.text))
          .map(({ text: _text, reaches: _reaches, ...citation }) => citation)
      : [];
    return [
      {
        key: `inject:${inject.id}`,
        kind: 'inject' as const,
        id: inject.id,
        title: inject.title,
        from: inject.from,
        round: d.round,
        day: d.day,
        at: d.at,
        rows: itemRows,
        partial,
        citations,
      },
    ];
  });

  const messages: KnowledgeItem[] = state.messages.map((m) => {
    const itemRows = inOrder([...messageRecipients(state, m, roles), FACILITATOR_ROW]);
    return {
      key: `message:${m.id}`,
      kind: 'message' as const,
      id: m.id,
      title: firstWords(m.body),
      from: m.from.kind === 'player' ? m.from.roleId : FACILITATOR_ROW,
      round: m.round,
      day: null,
      at: m.at,
      rows: itemRows,
      partial: partialOf(itemRows),
      citations: [],
    };
  });

  const items = [...injects, ...messages].sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
  const seenBy = (row: string, at: number) =>
    items.filter((item) => item.at <= at && item.rows.includes(row)).map((item) => item.key);

  const decisions: KnowledgeDecision[] = state.proposals.map((p) => {
    const made: Omit<KnowledgeDecisionStep, 'seen'>[] = [
      { kind: 'proposed', by: p.proposer.roleId, at: p.submittedAt },
      ...p.reviews.map((r) => ({
        kind: r.stance === 'approve' ? ('approved' as const) : ('rejected' as const),
        by: r.roleId,
        at: r.at,
      })),
      ...p.vetoes.map((v) => ({ kind: 'vetoed' as const, by: v.roleId, at: v.at })),
      ...p.votes.map((v) => ({
        kind: v.vote === 'yes' ? ('voted-yes' as const) : ('voted-no' as const),
        by: v.roleId,
        at: v.at,
      })),
      ...(p.override ? [{ kind: 'override' as const, by: FACILITATOR_ROW, at: p.override.at }] : []),
    ];
    const steps: KnowledgeDecisionStep[] = made
      .sort((a, b) => a.at - b.at)
      .map((step) => ({ ...step, seen: seenBy(step.by, step.at) }));
    return {
      proposalId: p.id,
      actionId: p.actionId,
      title: state.scenario.actions.find((a) => a.id === p.actionId)?.title ?? p.actionId,
      round: p.round,
      status: p.status,
      applied: p.resolution?.applied ?? false,
      steps,
    };
  });

  const rounds = [...new Set([...items.map((i) => i.round), ...decisions.map((d) => d.round)])];
  for (let r = 1; r <= Math.max(state.round, 0); r++) if (!rounds.includes(r)) rounds.push(r);
  rounds.sort((a, b) => a - b);
  return { rows, rounds, items, decisions };
}

/** The roles a message reached (the facilitator sees every message). */
function messageRecipients(state: SessionState, m: Message, roles: readonly string[]): string[] {
  const sender = m.from.kind === 'player' ? [m.from.roleId] : [];
  if (m.toPlayerId !== undefined) {
    const player = state.players.find((p) => p.id === m.toPlayerId);
    return [...sender, ...(player ? [player.roleId] : [])];
  }
  if (m.to === 'facilitator') return sender;
  if (m.to === 'all') return [...roles];
  return [...sender, ...roles.filter((r) => m.to.includes(r))];
}

interface CitingText extends KnowledgeCitation {
  text: string;
  /** The roles who could read it. */
  reaches: string[];
}

/** Everything written that others could read: rationales on proposals (public) and facilitator broadcasts. */
function citingTexts(state: SessionState): CitingText[] {
  const everyone = rolesInPlay(state);
  const texts: CitingText[] = [];
  for (const p of state.proposals) {
    const base = { refId: p.id, round: p.round, reaches: everyone };
    texts.push({ ...base, kind: 'proposal', by: p.proposer.roleId, at: p.submittedAt, text: p.rationale });
    for (const r of p.reviews)
      texts.push({ ...base, kind: 'review', by: r.roleId, at: r.at, text: r.rationale });
    for (const v of p.vetoes)
      texts.push({ ...base, kind: 'veto', by: v.roleId, at: v.at, text: v.rationale });
    for (const v of p.votes) texts.push({ ...base, kind: 'vote', by: v.roleId, at: v.at, text: v.rationale });
  }
  for (const m of state.messages) {
    if (m.from.kind !== 'facilitator' || m.toPlayerId !== undefined) continue;
    const reaches =
      m.to === 'all' ? everyone : m.to === 'facilitator' ? [] : everyone.filter((r) => m.to.includes(r));
    texts.push({
      kind: 'broadcast',
      refId: m.id,
      by: FACILITATOR_ROW,
      round: m.round,
      at: m.at,
      text: m.body,
      reaches,
    });
  }
  return texts;
}

/** Whether a text cites an inject: names its title or subject, or its MSEL number ("inject 3", "#3"). */
export function citeMatcher(title: string, subject: string, number: number): (text: string) => boolean {
  const phrases = [title, subject].map((s) => s.trim().toLowerCase()).filter((s) => s.length >= 4);
  const byNumber = new RegExp(`(?:\\binject\\s*#?|#)${number}\\b`, 'i');
  return (text) => {
    const lower = text.toLowerCase();
    return phrases.some((p) => lower.includes(p)) || byNumber.test(text);
  };
}

function firstWords(body: string): string {
  const words = body.trim().split(/\s+/);
  return words.length > TITLE_WORDS ? `${words.slice(0, TITLE_WORDS).join(' ')}…` : words.join(' ');
}
