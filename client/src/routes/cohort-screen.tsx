import { type CSSProperties, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { CohortRoom } from '../../../shared/protocol/cohort';
import { joinLink } from '../../../shared/protocol/join-urls';
import { CohortChart } from '../components/cohort-chart';
import { CohortHeadline } from '../components/cohort-headline';
import { QrCode } from '../components/qr-code';
import { TableClock } from '../components/table-clock';
import { useCohortPoll } from '../hooks/use-cohort-poll';
import { useJoinUrls } from '../hooks/use-join-urls';
import { recordedMetrics } from '../lib/cohort-metrics';
import { loadIdentity, saveIdentity } from '../lib/identity';
import { PHASE_LABEL } from '../lib/labels';

/**
 * The room's projector for a class (issue 13): while joining, every table's code and QR code;
 * during play a status wall (phase, clock and headline metrics per table); at the end the tables
 * compared (trajectories on the main charts, outcomes, objectives met and key decisions). It reads
 * the server's room projection, built from each table's own projector view, so it shows nothing a
 * table's projector may not. One screen, no scrolling, for up to ten tables and more.
 */
export function CohortScreenRoute() {
  const { cohortId = '' } = useParams();
  const [token, setToken] = useState(() => loadIdentity(cohortId, 'screen')?.token);
  useEffect(() => {
    // The link carries the projector's token in its fragment; keep it and take it off the address bar.
    const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
    if (!match?.[1]) return;
    const given = decodeURIComponent(match[1]);
    saveIdentity(cohortId, 'screen', { token: given });
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    setToken(given);
  }, [cohortId]);
  const poll = useCohortPoll(cohortId, 'room', token);
  if (!token || (!poll.data && poll.error))
    return (
      <main className="cohort-screen">
        <h1>Room projector</h1>
        <p>{poll.error?.message ?? 'Open the room projector link from the class overview.'}</p>
      </main>
    );
  if (!poll.data)
    return (
      <main className="cohort-screen">
        <p role="status">Loading…</p>
      </main>
    );
  return <RoomScreen room={poll.data} clockOffsetMs={poll.clockOffsetMs} />;
}

/** Columns and rows of the wall for n tables on a 16:9 screen: as square as the cards allow. */
function wallGrid(n: number): { columns: number; rows: number } {
  const columns = n <= 3 ? n : n <= 4 ? 2 : n <= 6 ? 3 : n <= 8 ? 4 : n <= 10 ? 5 : 6;
  return { columns: Math.max(1, columns), rows: Math.max(1, Math.ceil(n / Math.max(1, columns))) };
}

function RoomScreen({ room, clockOffsetMs }: { room: CohortRoom; clockOffsetMs: number }) {
  const { base } = useJoinUrls();
  const grid = wallGrid(room.tables.length);
  const style = { '--cols': grid.columns, '--rows': grid.rows } as CSSProperties;
  return (
    <main className={`cohort-screen stage-${room.stage}`}>
      <header className="cohort-screen-bar">
        <h1>{room.scenarioTitle}</h1>
        <p>
          {room.stage === 'joining'
            ? `Find your table and join: ${room.tables.length} tables`
            : room.stage === 'playing'
              ? `${room.tables.length} tables playing`
              : 'How the tables played the same crisis'}
        </p>
        {base && room.stage === 'joining' && (
          <p className="cohort-screen-host">Join at {new URL(base).host}</p>
        )}
      </header>
      {room.stage === 'finished' && room.comparison ? (
        <RoomComparison room={room} />
      ) : (
        <ul className="cohort-wall" style={style} aria-label="Tables">
          {room.tables.map((table) => (
            <li key={table.sessionId} className={`cohort-wall-card${table.paused ? ' is-paused' : ''}`}>
              <h2>Table {table.number}</h2>
              {table.phase === 'lobby' ? (
                <>
                  {base && (
                    <div className="cohort-wall-qr">
                      <QrCode
                        value={joinLink(base, table.joinCode)}
                        size={160}
                        label={`QR code for table ${table.number}: ${joinLink(base, table.joinCode)}`}
                      />
                    </div>
                  )}
                  <p className="cohort-wall-code">{table.joinCode}</p>
                  <p className="cohort-wall-names">
                    {table.players} joined{table.names.length > 0 ? `: ${table.names.join(', ')}` : ''}
                  </p>
                </>
              ) : (
                <>
                  <p className="cohort-wall-phase">
                    <span className="phase-name">
                      {table.phase === 'unavailable' ? 'Unavailable' : PHASE_LABEL[table.phase]}
                    </span>
                    {table.round > 0 ? `Round ${table.round}/${room.rounds} · ` : ''}Day {table.day}
                  </p>
                  <p className="cohort-wall-counts">
                    {table.openProposals} open proposal{table.openProposals === 1 ? '' : 's'} · {table.ready}/
                    {table.participants} done
                  </p>
                  <p className="cohort-wall-clock">
                    <TableClock timer={table.timer} paused={table.paused} clockOffsetMs={clockOffsetMs} />
                  </p>
                  <CohortHeadline values={table.headline} />
                  {table.outcome && <p className="cohort-wall-outcome">{table.outcome}</p>}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

function RoomComparison({ room }: { room: CohortRoom }) {
  const comparison = room.comparison!;
  return (
    <div className="cohort-compare-screen">
      <div className="cohort-compare-charts">
        {recordedMetrics(comparison).map((metric) => (
          <CohortChart
            key={metric}
            metric={metric}
            width={400}
            height={300}
            legend={false}
            series={comparison.tables.map((t) => ({
              number: t.number,
              days: t.series.days,
              values: t.series.metrics[metric] ?? [],
            }))}
          />
        ))}
      </div>
      <table className="cohort-compare-table">
        <caption>Outcomes</caption>
        <thead>
          <tr>
            <th scope="col">Table</th>
            <th scope="col">Outcome</th>
            <th scope="col">Objectives</th>
            <th scope="col">Key decisions</th>
          </tr>
        </thead>
        <tbody>
          {comparison.tables.map((t) => (
            <tr key={t.sessionId}>
              <th scope="row">{t.number}</th>
              <td>{t.outcome ?? '—'}</td>
              <td>
                {t.objectivesMet}/{comparison.objectivesTotal}
              </td>
              <td className="cohort-key-decisions">
                {t.keyDecisions.length > 0
                  ? t.keyDecisions.map((d) => d.title).join(', ')
                  : 'nothing applied'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
