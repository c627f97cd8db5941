import type { InjectCard } from '../../../shared/views/view';
import { at } from '../lib/scenario-model';

/** The debrief's record of the injects the facilitator wrote during the exercise ("added live"). */
export function LiveInjectsRecord({ injects }: { injects: readonly InjectCard[] }) {
  const live = injects.filter((i) => i.live);
  if (live.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="live-injects-heading">
      <h2 id="live-injects-heading">Injects added live</h2>
      <ul>
        {live.map((i) => (
          <li key={i.id}>
            #{i.number} {i.title} <span className="live-badge">added live</span>{' '}
            <span className="muted">
              round {i.round}, {i.phase}, {at(i.day)}; to{' '}
              {i.audience === 'all' ? 'everyone' : i.audience.join(', ')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
