import type { BaseView, PublicScenario } from '../../../shared/views/view';
import { usePhaseClock } from '../hooks/use-phase-clock';
import type { ConnectionState } from '../lib/connection-state';
import { PHASE_LABEL } from '../lib/labels';
import { PhaseBar } from './phase-bar';
import { TopBar } from './top-bar';

/**
 * The top bar of a live session page, with where the exercise stands. The countdown ticks here, so
 * only this strip re-renders each second, not the page under it.
 */
export function SessionTopBar({
  title,
  subtitle,
  session,
  view,
  scenario,
}: {
  title: string;
  /** The scenario's title unless given. */
  subtitle?: string;
  session: { connection: ConnectionState; clockOffsetMs: number };
  view: Pick<BaseView, 'phase' | 'round' | 'sim' | 'timer' | 'paused'>;
  scenario: PublicScenario;
}) {
  const secondsLeft = usePhaseClock(view.timer, view.paused, session.clockOffsetMs);
  return (
    <TopBar title={title} subtitle={subtitle ?? scenario.title} connection={session.connection}>
      <PhaseBar
        phase={PHASE_LABEL[view.phase]}
        round={view.round}
        roundCount={scenario.rounds.count}
        day={view.sim.day}
        secondsLeft={secondsLeft}
        paused={view.paused}
      />
    </TopBar>
  );
}
