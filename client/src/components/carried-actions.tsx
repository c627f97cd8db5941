import { useEffect, useState } from 'react';
import type { Scenario } from '../../../shared/scenario/schema';
import type { ImprovementPlanRow } from '../../../shared/session/after-action-types';
import type { PublicScenario, ViewOf } from '../../../shared/views/view';
import { useAck } from '../hooks/use-ack';
import type { SessionHandle } from '../hooks/use-session';
import { listMySessions } from '../lib/api';
import { loadIdentity } from '../lib/identity';
import { fetchReport } from '../lib/report-api';
import { AckError } from './ack-error';

interface EarlierPlan {
  sessionId: string;
  createdAt: number;
  open: ImprovementPlanRow[];
}

/**
 * The facilitator console's "carried forward" panel (issue 21): the open corrective actions of
 * earlier exercises of the same scenario (from this facilitator's exercises), imported into this
 * one, each with the injects that re-test it (the injects exercising its objective).
 */
export function CarriedActions({
  session,
  view,
  scenario,
}: {
  session: SessionHandle<'facilitator'>;
  view: ViewOf<'facilitator'>;
  scenario: PublicScenario;
}) {
  const [earlier, setEarlier] = useState<EarlierPlan[]>([]);
  const importing = useAck();
  const carried = view.afterAction?.carriedActions ?? [];
  const beforeDebrief = view.phase !== 'debrief' && view.phase !== 'ended';
  const token = loadIdentity(view.sessionId, 'facilitator')?.token;

  useEffect(() => {
    if (!token || !beforeDebrief) return;
    let cancelled = false;
    void (async () => {
      const listed = await listMySessions(token);
      if (!listed.ok) return;
      const plans: EarlierPlan[] = [];
      for (const s of listed.value.sessions) {
        if (s.scenarioId !== scenario.id || s.sessionId === view.sessionId) continue;
        const report = await fetchReport(s.sessionId, token);
        if (!report.ok) continue;
        const open = report.value.improvementPlan.filter((r) => r.status === 'open');
        if (open.length > 0) plans.push({ sessionId: s.sessionId, createdAt: s.createdAt, open });
      }
      if (!cancelled) setEarlier(plans.sort((a, b) => b.createdAt - a.createdAt));
    })();
    return () => {
      cancelled = true;
    };
  }, [token, beforeDebrief, scenario.id, view.sessionId]);

  const available = earlier.filter((plan) =>
    plan.open.some(
      (row) => !carried.some((c) => c.fromSessionId === plan.sessionId && c.actionId === row.id),
    ),
  );
  if (carried.length === 0 && available.length === 0) return null;

  return (
    <section className="panel carried-actions" aria-labelledby="carried-heading">
      <h2 id="carried-heading">Corrective actions carried forward</h2>
      {beforeDebrief &&
        available.map((plan) => (
          <p key={plan.sessionId}>
            <button
              type="button"
              disabled={importing.busy}
              onClick={() =>
                importing.run(() =>
                  session.send({
                    type: 'import-corrective-actions',
                    scenarioId: scenario.id,
                    actions: plan.open.map((row) => ({
                      fromSessionId: plan.sessionId,
                      actionId: row.id,
                      issue: row.issue,
                      correctiveAction: row.correctiveAction,
                      capability: row.capability,
                      owner: row.owner,
                      objectiveIds: row.objectiveId ? [row.objectiveId] : [],
                    })),
                  }),
                )
              }
            >
              Import {plan.open.length} open corrective action{plan.open.length === 1 ? '' : 's'} from
              exercise {plan.sessionId}
            </button>
          </p>
        ))}
      <AckError message={importing.error} />
      {carried.length > 0 && (
        <ul className="carried-list">
          {carried.map((action) => (
            <li key={`${action.fromSessionId}:${action.actionId}`}>
              <p>
                <strong>{action.correctiveAction || action.issue}</strong> ({action.owner};{' '}
                {action.capability})
              </p>
              <p className="muted">Issue: {action.issue}</p>
              <p>Re-tested by: {retestInjects(session.fullScenario, action.objectiveIds)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function retestInjects(scenario: Scenario | undefined, objectiveIds: readonly string[]): string {
  const injects = (scenario?.injects ?? []).filter((i) => i.objectives.some((o) => objectiveIds.includes(o)));
  return injects.length > 0
    ? injects.map((i) => `#${i.number} ${i.title}`).join(', ')
    : 'no inject of this scenario (fire one by hand)';
}
