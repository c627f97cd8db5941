import { useMemo } from 'react';
import { scoreSoFar } from '../../../shared/session/scoring';
import type { BaseView, PublicScenario } from '../../../shared/views/view';
import { dashboardMetrics, tiles } from '../lib/dashboard';
import { chartMarkers, chartPoints, chartTarget, debriefMetrics } from '../lib/debrief';
import { at } from '../lib/scenario-model';
import { MetricChart } from './metric-chart';
import { MetricTiles } from './metric-tiles';

/** How many charts fit the projector's results screen beside the final position. */
const CHARTS = 4;

/**
 * The projector's results at the debrief: how it ended, the score over the objectives that were
 * due, objectives met, the main charts and the final position.
 */
export function ScreenResults({ view, scenario }: { view: BaseView; scenario: PublicScenario }) {
  const metrics = useMemo(() => debriefMetrics(scenario).slice(0, CHARTS), [scenario]);
  const markers = useMemo(() => chartMarkers(scenario, view), [scenario, view]);
  const finalMetrics = useMemo(() => dashboardMetrics(scenario, 6), [scenario]);
  const score = scoreSoFar(view, scenario);
  const met = view.objectives.filter((o) => o.met).length;
  const outcome = !view.outcome
    ? 'The exercise is over'
    : view.outcome.kind === 'end-state'
      ? view.outcome.title
      : view.outcome.kind === 'completed'
        ? 'All rounds played'
        : 'Ended by the facilitator';
  return (
    <div className="screen-results">
      <div className="screen-results-head">
        <h2>{outcome}</h2>
        <p className="screen-score">
          {score ? (
            <>
              Score {Math.round(score.total)} / 100
              <span> over the objectives due by {at(view.sim.day)}</span>
            </>
          ) : (
            <span>No objective was due yet: no score</span>
          )}
        </p>
        {view.objectives.length > 0 && (
          <p>
            Objectives met: <strong>{met}</strong> of {view.objectives.length} due
          </p>
        )}
      </div>
      <div className="screen-charts">
        {metrics.map((metric) => (
          <MetricChart
            key={metric}
            metric={metric}
            points={chartPoints(view, metric)}
            markers={markers}
            target={chartTarget(scenario, metric)}
            height={200}
          />
        ))}
      </div>
      <section aria-labelledby="final-position">
        <h2 id="final-position">Final position, {at(view.sim.day)}</h2>
        <MetricTiles tiles={tiles(scenario, view.sim.series, view.sim.day, finalMetrics)} large />
      </section>
    </div>
  );
}
