/**
 * The dry run's report (server/game/dry-run.ts: computer players play the scenario on three
 * seeds), as a facilitator reads it before the live run. The shape is the server's; only the parts
 * an author acts on are shown.
 */
interface Report {
  seeds: number[];
  runs: { seed: number; reachedDebrief: boolean; roundsPlayed: number; score: number | null }[];
  injectsNeverDelivered: { number: number; title: string; reason: string }[];
  objectivesNeverMet: { objectiveId: string; title?: string; reason?: string }[];
  objectivesNotExercised: { objectiveId: string; title?: string }[];
  actionsNeverProposed: { actionId: string; title?: string }[];
}

export function DryRunReport({ report }: { report: unknown }) {
  const r = report as Report;
  const list = <T,>(items: T[] | undefined, empty: string, render: (item: T) => string) =>
    !items || items.length === 0 ? (
      <p className="muted">{empty}</p>
    ) : (
      <ul>
        {items.map((item) => {
          const text = render(item);
          return <li key={text}>{text}</li>;
        })}
      </ul>
    );
  return (
    <section className="dry-run-report" aria-labelledby="dry-run-heading">
      <h3 id="dry-run-heading">Dry run: {r.seeds?.length ?? 0} runs by computer players</h3>
      <ul>
        {r.runs?.map((run) => (
          <li key={run.seed}>
            Seed {run.seed}: {run.reachedDebrief ? 'reached the debrief' : 'ended early'} after{' '}
            {run.roundsPlayed} rounds
            {run.score === null ? '' : `, score ${run.score}`}
          </li>
        ))}
      </ul>
      <h4>Injects never delivered</h4>
      {list(
        r.injectsNeverDelivered,
        'Every inject was delivered in some run.',
        (i) => `#${i.number} ${i.title}: ${i.reason}`,
      )}
      <h4>Objectives never met</h4>
      {list(
        r.objectivesNeverMet,
        'Every objective was met in some run.',
        (o) => `${o.title ?? o.objectiveId}${o.reason ? `: ${o.reason}` : ''}`,
      )}
      <h4>Objectives no inject exercises</h4>
      {list(
        r.objectivesNotExercised,
        'Every objective is exercised by some inject.',
        (o) => o.title ?? o.objectiveId,
      )}
      <h4>Actions never proposed</h4>
      {list(r.actionsNeverProposed, 'Every action was proposed in some run.', (a) => a.title ?? a.actionId)}
    </section>
  );
}
