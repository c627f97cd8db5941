import type { ReactNode } from 'react';
import type { InjectCard as InjectCardData } from '../../../shared/views/view';
import { PHASE_LABEL } from '../lib/labels';
import { at } from '../lib/scenario-model';
import { InjectCard } from './inject-card';
import { TextList } from './text-list';

/** Delivered injects, newest first, each styled by its channel, with its discussion questions. */
export function InjectFeed<I extends InjectCardData>({
  injects,
  headingLevel = 3,
  empty = 'Nothing has come in yet.',
  forRole = true,
  more,
}: {
  injects: readonly I[];
  headingLevel?: 3 | 4;
  empty?: string;
  /** A player's feed marks what only their role received; an evaluator follows every inject. */
  forRole?: boolean;
  /** More under an inject (an evaluator's expected actions). */
  more?: (inject: I) => ReactNode;
}) {
  if (injects.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="inject-feed">
      {[...injects].reverse().map((inject) => (
        <InjectCard
          key={inject.id}
          channel={inject.channel}
          from={inject.from}
          subject={inject.subject}
          body={inject.body}
          when={`Round ${inject.round} · ${at(inject.day)} · ${PHASE_LABEL[inject.phase]}`}
          restricted={forRole && inject.audience !== 'all'}
          headingLevel={headingLevel}
        >
          <TextList className="inject-questions" title="To discuss:" items={inject.discussionQuestions} />
          {more?.(inject)}
        </InjectCard>
      ))}
    </div>
  );
}
