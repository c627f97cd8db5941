import type { Ack } from '../../../shared/protocol/ack';
import { conditionText } from '../../../shared/scenario/condition-text';
import type { InjectTrigger } from '../../../shared/scenario/schema';
import type { TimelineInject } from '../../../shared/views/view';
import { useAck } from '../hooks/use-ack';
import { metricTestText } from '../lib/debrief';
import { PHASE_LABEL } from '../lib/labels';
import { at } from '../lib/scenario-model';
import { AckError } from './ack-error';
import { ConfirmButton } from './confirm-button';
import { channelLook } from './inject-card';
import { Markdown } from './markdown';
import { TextList } from './text-list';

const STATUS_LOOK = {
  ready: { icon: '◷', text: 'Ready', tag: 'tag-info' },
  sent: { icon: '✓', text: 'Sent', tag: 'tag-ok' },
  skipped: { icon: '↷', text: 'Skipped', tag: 'tag-neutral' },
} as const;

/** When an inject is due, in words; `words` names actions and injects as the page knows them. */
export function triggerText(
  trigger: InjectTrigger,
  words: { action?: (id: string) => string; inject?: (id: string) => string } = {},
): string {
  switch (trigger.type) {
    case 'scheduled':
      return `Round ${trigger.round}, ${PHASE_LABEL[trigger.phase].toLowerCase()}`;
    case 'day':
      return `Simulated ${at(trigger.day)}`;
    case 'condition':
      return `When ${conditionText(trigger.condition, { metric: (t) => metricTestText(t), ...words })}`;
    case 'manual':
      return 'Fired by hand';
  }
}

interface TimelineItemProps {
  roleName: (roleId: string) => string;
  onFire: (injectId: string) => Promise<Ack>;
  onSkip: (injectId: string) => Promise<Ack>;
}

/**
 * The facilitator's MSEL: every inject in order with its status (ready / sent / skipped), when it
 * is due, who receives it, the facilitator notes, and "fire now" / "skip" for those still ready.
 */
export function InjectTimeline({ entries, ...item }: TimelineItemProps & { entries: TimelineInject[] }) {
  const sorted = [...entries].sort((a, b) => a.number - b.number);
  return (
    <ol className="timeline">
      {sorted.map((entry) => (
        <TimelineItem key={entry.injectId} entry={entry} {...item} />
      ))}
    </ol>
  );
}

function TimelineItem({ entry, roleName, onFire, onSkip }: TimelineItemProps & { entry: TimelineInject }) {
  const { inject } = entry;
  const look = STATUS_LOOK[entry.status];
  const channel = channelLook(inject.channel);
  const { busy, error, run } = useAck();
  const audience = inject.audience === 'all' ? 'everyone' : inject.audience.map(roleName).join(', ');
  return (
    <li className={`timeline-item status-${entry.status}`}>
      <h3>
        #{inject.number} {inject.title}{' '}
        <span className={`tag ${look.tag}`}>
          <span aria-hidden="true">{look.icon}</span> {look.text}
          {entry.queued ? ' (queued: fires on resume)' : ''}
        </span>
        {inject.contingency && <span className="tag tag-warn">Contingency</span>}
      </h3>
      <p className="timeline-meta">
        <span aria-hidden="true">{channel.icon}</span> {channel.label} from {inject.from} to {audience} ·{' '}
        {triggerText(entry.trigger)}
        {entry.rescheduled ? ' (rescheduled)' : ''}
        {entry.sentAt
          ? ` · sent round ${entry.sentAt.round}, ${at(entry.sentAt.day)} (${entry.sentAt.cause})`
          : ''}
      </p>
      <details>
        <summary>{inject.subject}</summary>
        <Markdown text={inject.body} />
        <TextList title="Expected actions" items={inject.expectedActions} />
      </details>
      {inject.facilitatorNotes && (
        <div className="timeline-notes">
          <strong>Facilitator notes:</strong> {inject.facilitatorNotes}
        </div>
      )}
      {entry.status === 'ready' && !entry.queued && (
        <div className="button-row">
          <ConfirmButton
            // An inject meant for later (a round, a day or a condition) is fired early only on purpose.
            ask={entry.trigger.type !== 'manual'}
            question={`#${inject.number} is planned for later (${triggerText(entry.trigger)}). Fire it now, ahead of its time?`}
            confirm={`Fire #${inject.number} ahead of time`}
            disabled={busy}
            onConfirm={() => void run(() => onFire(inject.id))}
          >
            Fire #{inject.number} now
          </ConfirmButton>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => run(() => onSkip(inject.id))}
          >
            Skip #{inject.number}
          </button>
        </div>
      )}
      <AckError message={error} />
    </li>
  );
}
