import { conditionText } from '../condition-text';
import type { InjectTrigger } from '../schema';
import { COMPARISON_ALIASES, numberCell } from './cell-text';

/** "Round 2 · deliberation", "Day 14", "When p95-latency-ms > 2000 (7-day mean)", "Manual". */
export function formatInjectTime(trigger: InjectTrigger): string {
  switch (trigger.type) {
    case 'scheduled':
      return `Round ${trigger.round} · ${trigger.phase}`;
    case 'day':
      return `Day ${trigger.day}`;
    case 'condition':
      return `When ${conditionText(trigger.condition)}`;
    case 'manual':
      return 'Manual';
  }
}

type TimeReading = { ok: true; trigger: Record<string, unknown> } | { ok: false; message: string };

export const TIME_EXAMPLES =
  'write e.g. "Round 2 · deliberation", "R2 deliberation", "Day 14", "When availability < 0.99 (7-day mean)" or "Manual"';

/** Reads the human Time column back into a trigger; values are checked by the schema afterwards. */
export function parseInjectTime(text: string): TimeReading {
  const time = text.trim();
  const round = /^(?:round|rnd|r)\s*(\d+)\s*(?:[·•.,:;/|–—-]\s*)?(.*)$/i.exec(time);
  if (round) {
    const phase = round[2]!.trim().toLowerCase();
    // An MSEL row with a round but no phase arrives with the round's news: its injects phase.
    return { ok: true, trigger: { type: 'scheduled', round: Number(round[1]), phase: phase || 'injects' } };
  }
  const day = /^(?:day|d)\s*(\d+)$/i.exec(time);
  if (day) return { ok: true, trigger: { type: 'day', day: Number(day[1]) } };
  if (/^(manual|by hand|on demand)$/i.test(time)) return { ok: true, trigger: { type: 'manual' } };
  const condition =
    /^(?:when|if)?\s*([\p{L}\p{N}_-]+)\s*(<=|>=|=<|=>|<|>|≤|≥)\s*([^\s(]+)\s*(?:\(\s*(\d+)[\s-]*days?(?:\s+(?:mean|average|avg))?\s*\))?$/iu.exec(
      time,
    );
  if (condition) {
    const comparison = condition[2]!;
    const window = condition[4] === undefined ? {} : { windowDays: Number(condition[4]) };
    return {
      ok: true,
      trigger: {
        type: 'condition',
        condition: {
          metric: condition[1]!.toLowerCase(),
          comparison: COMPARISON_ALIASES[comparison] ?? comparison,
          threshold: numberCell(condition[3]!),
          ...window,
        },
      },
    };
  }
  return { ok: false, message: `cannot read the time "${time}"; ${TIME_EXAMPLES}` };
}
