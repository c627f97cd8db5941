import type { FacilitatorView, PublicScenario } from '../../../shared/views/view';
import type { SessionHandle } from '../hooks/use-session';
import { ForkPanel } from './fork-panel';
import { ObjectiveCoveragePanel } from './objective-coverage';

/**
 * The console's issue-17 panels, as one insertion in the console: live objective coverage while
 * the exercise runs, and fork-and-compare between rounds (the review of a round, or the injects of
 * the next, once a round is resolved), when the table is not deciding.
 */
export function ConsoleInsights({
  view,
  scenario,
  send,
}: {
  view: FacilitatorView;
  scenario: PublicScenario;
  send: SessionHandle<'facilitator'>['send'];
}) {
  const live = view.phase !== 'lobby' && view.phase !== 'debrief' && view.phase !== 'ended';
  const betweenRounds = (view.phase === 'review' || view.phase === 'injects') && view.rounds.length > 0;
  return (
    <>
      {live && <ObjectiveCoveragePanel view={view} scenario={scenario} send={send} />}
      {betweenRounds && <ForkPanel view={view} scenario={scenario} />}
    </>
  );
}
