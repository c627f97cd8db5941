import type { InjectCard as InjectCardData } from '../../../shared/views/view';
import { PHASE_LABEL } from '../lib/labels';
import { InjectCard } from './inject-card';

/** Delivered injects, newest first, each styled by its channel, with its discussion questions. */
export function InjectFeed({
  injects,
  headingLevel = 3,
}: {
  injects: InjectCardData[];
  headingLevel?: 3 | 4;
}) {
  if (injects.length === 0) return <p className="muted">Nothing has come in yet.</p>;
  return (
    <div className="inject-feed">
      {[...injects].reverse().map((inject) => (
        <InjectCard
          key={inject.id}
          channel={inject.channel}
          from={inject.from}
          subject={inject.subject}
          body={inject.body}
          when={`Round ${inject.round} · day ${inject.day} · ${PHASE_LABEL[inject.phase]}`}
          restricted={inject.audience !== 'all'}
          headingLevel={headingLevel}
        >
          {inject.discussionQuestions.length > 0 && (
            <div className="inject-questions">
              <p>
                <strong>To discuss:</strong>
              </p>
              <ul>
                {inject.discussionQuestions.map((q) => (
                  <li key={q}>{q}</li>
                ))}
              </ul>
            </div>
          )}
        </InjectCard>
      ))}
    </div>
  );
}
