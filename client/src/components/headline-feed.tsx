import type { Message } from '../../../shared/session/state';
import type { InjectCard } from '../../../shared/views/view';
import { at } from '../lib/scenario-model';
import { type Channel, channelLook, InjectCard as InjectCardView } from './inject-card';

interface Headline {
  key: string;
  at: number;
  /** An inject's channel, to style the latest headline as its card. */
  channel?: Channel;
  from?: string;
  subject?: string;
  icon: string;
  kind: string;
  text: string;
  when: string;
}

/**
 * Everything sent to the whole room, newest first, one line each: the injects that went to
 * everyone and the facilitator's broadcasts. The projector shows as many as fit; older ones drop
 * off the bottom.
 */
export function HeadlineFeed({
  injects,
  messages,
}: {
  injects: readonly InjectCard[];
  messages: readonly Message[];
}) {
  const headlines: Headline[] = [
    ...injects
      .filter((i) => i.audience === 'all')
      .map((i) => ({
        key: `i-${i.id}`,
        at: i.at,
        channel: i.channel,
        from: i.from,
        subject: i.subject,
        icon: channelLook(i.channel).icon,
        kind: channelLook(i.channel).label,
        text: `${i.from}: ${i.subject}`,
        when: `Round ${i.round} · ${at(i.day)}`,
      })),
    ...messages
      .filter((m) => m.from.kind === 'facilitator' && m.to === 'all')
      .map((m) => ({
        key: `m-${m.id}`,
        at: m.at,
        icon: '◆',
        kind: 'Facilitator',
        text: m.body,
        when: `Round ${m.round}`,
      })),
  ].sort((a, b) => b.at - a.at);
  if (headlines.length === 0) return <p className="muted">Nothing has been sent to the room yet.</p>;
  return (
    <ol className="headline-feed">
      {headlines.map((h, index) => (
        <li key={h.key} className={index === 0 ? 'headline-latest' : undefined}>
          {index === 0 && h.channel && h.from && h.subject ? (
            <InjectCardView channel={h.channel} from={h.from} subject={h.subject} when={h.when} large />
          ) : (
            <>
              <span className="headline-kind">
                <span aria-hidden="true">{h.icon}</span> {h.kind} · {h.when}
              </span>
              <span className="headline-text">{h.text}</span>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
