import type { Module } from '../../../shared/scenario/schema';
import type { PublicScenario } from '../../../shared/views/view';
import { TextList } from './text-list';

/** The module (CTEP: a group of rounds with its own questions) a round belongs to, if any. */
export function moduleOfRound(scenario: PublicScenario, round: number): Module | undefined {
  return scenario.modules?.find((m) => m.rounds.includes(round));
}

/** "Module 2: Recovery", unless the scenario's title already says which module it is. */
function numbered(index: number, title: string): string {
  return /^module\b/i.test(title) ? title : `Module ${index}: ${title}`;
}

/** The current module: its title, summary and discussion questions, for players and the projector. */
export function ModulePanel({
  scenario,
  round,
  compact = false,
}: {
  scenario: PublicScenario;
  round: number;
  /** The projector shows the title and questions only. */
  compact?: boolean;
}) {
  const module = moduleOfRound(scenario, round);
  if (!module) return null;
  const index = (scenario.modules ?? []).indexOf(module) + 1;
  return (
    <section
      className={`panel module-panel${compact ? ' module-panel-compact' : ''}`}
      aria-labelledby="module-heading"
    >
      <h2 id="module-heading">{numbered(index, module.title)}</h2>
      {!compact && module.summary && <p>{module.summary}</p>}
      <TextList
        className="module-questions"
        title="Discussion questions"
        items={module.discussionQuestions}
      />
    </section>
  );
}

/** Every module with its rounds and questions, for the debrief. */
export function ModuleList({ scenario }: { scenario: PublicScenario }) {
  const modules = scenario.modules ?? [];
  if (modules.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="modules-heading">
      <h2 id="modules-heading">Modules and discussion questions</h2>
      {modules.map((m, i) => (
        <div key={m.id}>
          <h3>
            {numbered(i + 1, m.title)}{' '}
            <span className="muted">
              (round{m.rounds.length === 1 ? '' : 's'} {m.rounds.join(', ')})
            </span>
          </h3>
          {m.summary && <p>{m.summary}</p>}
          <TextList title="Discussion questions" items={m.discussionQuestions} />
        </div>
      ))}
    </section>
  );
}
