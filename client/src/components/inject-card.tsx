import type { ReactNode } from 'react';
import { declaredChannelLabel } from '../lib/scenario-model';
import { Markdown } from './markdown';

/** A built-in channel or one the scenario declares (`channels:`). */
export type Channel = string;

/** Each channel has an icon and a word, so the channel never depends on colour alone. */
const BUILT_IN_LOOK: Record<string, { icon: string; label: string }> = {
  news: { icon: '▤', label: 'News' },
  email: { icon: '✉', label: 'Email' },
  pager: { icon: '⚠', label: 'Pager alert' },
  chat: { icon: '✎', label: 'Chat' },
  'board-memo': { icon: '§', label: 'Board memo' },
  phone: { icon: '☎', label: 'Phone call' },
};

/** A channel's icon and word: the scenario's label where it declares one, else the built-in look. */
export function channelLook(channel: string): { icon: string; label: string } {
  const declared = declaredChannelLabel(channel);
  const builtIn = BUILT_IN_LOOK[channel];
  if (declared) return { icon: builtIn?.icon ?? '▣', label: declared };
  return builtIn ?? { icon: '▣', label: channel };
}

export interface InjectCardProps {
  channel: Channel;
  from: string;
  subject: string;
  body?: string | undefined;
  /** "Round 2 · day 14", when the inject arrived. */
  when?: string | undefined;
  /** Shown when the inject went to some roles only. */
  restricted?: boolean | undefined;
  /** Extra content under the body (discussion questions, facilitator controls). */
  children?: ReactNode;
  headingLevel?: 2 | 3 | 4;
  large?: boolean;
}

/** An inject as the players receive it, styled like the channel it came through. */
export function InjectCard({
  channel,
  from,
  subject,
  body,
  when,
  restricted,
  children,
  headingLevel = 3,
  large = false,
}: InjectCardProps) {
  const look = channelLook(channel);
  const Heading = `h${headingLevel}` as const;
  return (
    <article className={`inject-card channel-${channel}${large ? ' inject-card-large' : ''}`}>
      <header className="inject-header">
        <span className="inject-channel">
          <span aria-hidden="true">{look.icon}</span> {look.label}
        </span>
        {when && <span className="inject-when">{when}</span>}
        {restricted && <span className="inject-restricted">Only your role received this</span>}
      </header>
      <Heading className="inject-subject">{subject}</Heading>
      <p className="inject-from">
        {channel === 'news' ? 'By ' : 'From: '}
        {from}
      </p>
      {body && <Markdown className="inject-body markdown" text={body} />}
      {children}
    </article>
  );
}
