import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { CohortCommand, OverviewTable } from '../../../shared/protocol/cohort';
import { CohortHeadline } from '../components/cohort-headline';
import { TableClock } from '../components/table-clock';
import { useCohortPoll } from '../hooks/use-cohort-poll';
import { useJoinUrls } from '../hooks/use-join-urls';
import { actOnTables, coFacilitatorLink } from '../lib/cohort-api';
import { loadIdentity } from '../lib/identity';
import { PHASE_LABEL } from '../lib/labels';

/**
 * Classroom mode's overview console (issue 13): every table of the class at a glance (phase,
 * clock, seats and who dropped out, what waits for a decision, headline metrics), the table that
 * needs attention first, and controls for all tables or a chosen set. Each table's own console is
 * one click away (and links back here). The facilitator's only: it reads the full state.
 */
export function CohortRoute() {
  const { cohortId = '' } = useParams();
  const token = loadIdentity(cohortId, 'facilitator')?.token;
  const poll = useCohortPoll(cohortId, 'overview', token);
  if (!token)
    return (
      <main>
        <h1>Class overview</h1>
        <p className="notice">
          This browser does not hold the facilitator link of this class. Open it from the browser that created
          it.
        </p>
        <Link to="/">Back to the start page</Link>
      </main>
    );
  if (!poll.data)
    return (
      <main>
        <h1>Class overview</h1>
        {poll.error ? (
          <p className="error-text" role="alert">
            {poll.error.message}
          </p>
        ) : (
          <p role="status">Loading the tables…</p>
        )}
      </main>
    );
  return <Overview cohortId={cohortId} token={token} poll={poll} />;
}

const PHASE_TEXT = (t: OverviewTable) => (t.phase === 'unavailable' ? 'Unavailable' : PHASE_LABEL[t.phase]);

function Overview({
  cohortId,
  token,
  poll,
}: {
  cohortId: string;
  token: string;
  poll: ReturnType<typeof useCohortPoll<'overview'>>;
}) {
  const overview = poll.data!;
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [scope, setScope] = useState<'all' | 'chosen'>('all');
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [injectId, setInjectId] = useState('');
  const [links, setLinks] = useState<Record<string, string>>({});
  const { base } = useJoinUrls();
  const origin = base ?? window.location.origin;
  const screenToken = loadIdentity(cohortId, 'screen')?.token;
  const first = overview.tables.find((t) => t.sessionId === overview.attentionFirst);
  const targets = scope === 'all' ? 'all' : [...chosen];
  const targetCount = scope === 'all' ? overview.tables.length : chosen.size;

  async function act(command: CohortCommand, what: string) {
    if (targets !== 'all' && targets.length === 0) {
      setStatus('Choose at least one table first.');
      return;
    }
    setBusy(true);
    const result = await actOnTables(cohortId, token, { command, tables: targets });
    setBusy(false);
    if (!result.ok) {
      setStatus(`${what}: ${result.message}`);
      return;
    }
    const done = result.value.results.filter((r) => r.ok).map((r) => r.number);
    const refused = result.value.results.filter((r) => !r.ok);
    setStatus(
      `${what}: ${done.length > 0 ? `done at table${done.length === 1 ? '' : 's'} ${done.join(', ')}` : 'no table took it'}` +
        (refused.length > 0
          ? `; refused at ${refused.map((r) => `table ${r.number} (${r.message ?? r.code})`).join(', ')}`
          : ''),
    );
  }

  function toggle(sessionId: string) {
    const next = new Set(chosen);
    if (next.has(sessionId)) next.delete(sessionId);
    else next.add(sessionId);
    setChosen(next);
    if (next.size > 0) setScope('chosen');
  }

  async function broadcast(event: FormEvent) {
    event.preventDefault();
    if (!message.trim()) return;
    await act({ type: 'broadcast', body: message.trim() }, 'Broadcast');
    setMessage('');
  }

  async function coFacilitator(table: OverviewTable) {
    const result = await coFacilitatorLink(
      cohortId,
      token,
      table.sessionId,
      `Co-facilitator of table ${table.number}`,
    );
    if (!result.ok) {
      setStatus(`Co-facilitator link: ${result.message}`);
      return;
    }
    setLinks((l) => ({
      ...l,
      [table.sessionId]: `${origin}/facilitate/${table.sessionId}#token=${encodeURIComponent(result.value.token)}`,
    }));
  }

  return (
    <div className="cohort-console">
      <header className="top-bar">
        <div>
          <h1>Class overview</h1>
          <p style={{ margin: 0 }}>
            {overview.name}
            {overview.name === overview.scenario.title ? '' : ` (${overview.scenario.title})`} ·{' '}
            {overview.tables.length} tables ·{' '}
            {overview.sameSeed ? 'same seed at every table' : 'a different seed per table'}
          </p>
        </div>
        <nav className="cohort-links" aria-label="Class pages">
          {screenToken && (
            <a
              href={`/cohort/${cohortId}/screen#token=${encodeURIComponent(screenToken)}`}
              target="_blank"
              rel="noreferrer"
            >
              Open the room projector
            </a>
          )}
          <Link to={`/cohort/${cohortId}/debrief`}>Compare the tables</Link>
        </nav>
      </header>

      <section className="cohort-controls" aria-label="Controls for several tables">
        <fieldset className="cohort-scope">
          <legend>Act on</legend>
          <label>
            <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> All
            tables
          </label>
          <label>
            <input
              type="radio"
              name="scope"
              checked={scope === 'chosen'}
              onChange={() => setScope('chosen')}
            />{' '}
            Chosen tables ({chosen.size})
          </label>
        </fieldset>
        <div className="cohort-buttons">
          <button type="button" disabled={busy} onClick={() => act({ type: 'start' }, 'Start')}>
            Start
          </button>
          <button type="button" disabled={busy} onClick={() => act({ type: 'advance' }, 'Advance')}>
            Advance
          </button>
          <button type="button" disabled={busy} onClick={() => act({ type: 'pause' }, 'Pause')}>
            Pause
          </button>
          <button type="button" disabled={busy} onClick={() => act({ type: 'resume' }, 'Resume')}>
            Resume
          </button>
          <button type="button" disabled={busy} onClick={() => act({ type: 'extend', seconds: 30 }, '+30 s')}>
            +30 s
          </button>
        </div>
        <form className="cohort-broadcast" onSubmit={broadcast}>
          <label htmlFor="cohort-message">
            Broadcast to {targetCount} table{targetCount === 1 ? '' : 's'}
          </label>
          <input
            id="cohort-message"
            value={message}
            maxLength={2000}
            onChange={(e) => setMessage(e.target.value)}
          />
          <button type="submit" disabled={busy || !message.trim()}>
            Send
          </button>
        </form>
        {overview.injects.length > 0 && (
          <div className="cohort-inject">
            <label htmlFor="cohort-inject">Fire an inject</label>
            <select id="cohort-inject" value={injectId} onChange={(e) => setInjectId(e.target.value)}>
              <option value="">Choose an inject…</option>
              {overview.injects.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.number}. {i.title}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={busy || !injectId}
              onClick={() => act({ type: 'fire-inject', injectId }, 'Fire inject')}
            >
              Fire
            </button>
          </div>
        )}
        <p className="cohort-status" role="status">
          {status}
        </p>
      </section>

      <main className="cohort-main">
        {first ? (
          <p className="cohort-first notice">
            <strong>Needs attention first: table {first.number}</strong> — {first.attention.join('; ')}.{' '}
            <Link to={`/facilitate/${first.sessionId}?cohort=${cohortId}`}>Open its console</Link>
          </p>
        ) : (
          <p className="cohort-first muted">No table needs you right now.</p>
        )}
        <ul className="cohort-tables" aria-label="Tables">
          {overview.tables.map((table) => (
            <li
              key={table.sessionId}
              className={`cohort-table${table.sessionId === overview.attentionFirst ? ' is-first' : ''}${table.paused ? ' is-paused' : ''}`}
              aria-label={`Table ${table.number}`}
            >
              <div className="cohort-table-head">
                <label className="cohort-choose">
                  <input
                    type="checkbox"
                    checked={chosen.has(table.sessionId)}
                    onChange={() => toggle(table.sessionId)}
                  />
                  <span className="cohort-table-name">Table {table.number}</span>
                </label>
                <span className="cohort-code">{table.joinCode}</span>
              </div>
              <p className="cohort-phase">
                <span className="phase-name">{PHASE_TEXT(table)}</span>
                {table.round > 0 ? ` · round ${table.round}/${table.rounds}` : ''} · day {table.day}{' '}
                <TableClock timer={table.timer} paused={table.paused} clockOffsetMs={poll.clockOffsetMs} />
              </p>
              <p className="cohort-seats">
                {table.seats.filled}/{table.seats.roles} roles seated · {table.seats.connected} connected
                {table.seats.disconnected.length > 0 && (
                  <span className="cohort-away"> · away: {table.seats.disconnected.join(', ')}</span>
                )}
              </p>
              <p className="cohort-pending">
                {table.pending.proposals} open proposal{table.pending.proposals === 1 ? '' : 's'} ·{' '}
                {table.ready}/{table.participants} done
                {table.pending.joinRequests > 0 ? ` · ${table.pending.joinRequests} waiting to join` : ''}
                {table.pending.messages > 0
                  ? ` · ${table.pending.messages} message${table.pending.messages === 1 ? '' : 's'}`
                  : ''}
              </p>
              <CohortHeadline values={table.headline} />
              {table.outcome && <p className="cohort-outcome">Outcome: {table.outcome}</p>}
              {table.attention.length > 0 && (
                <ul className="cohort-attention" aria-label={`What table ${table.number} needs`}>
                  {table.attention.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              )}
              <div className="cohort-table-actions">
                <Link to={`/facilitate/${table.sessionId}?cohort=${cohortId}`}>Open console</Link>
                <button type="button" className="secondary" onClick={() => coFacilitator(table)}>
                  Co-facilitator link
                </button>
              </div>
              {links[table.sessionId] && (
                <p className="cohort-link">
                  <label>
                    Co-facilitator link for table {table.number}
                    <input readOnly value={links[table.sessionId]} onFocus={(e) => e.target.select()} />
                  </label>
                </p>
              )}
            </li>
          ))}
        </ul>
        {overview.recentActions.length > 0 && (
          <section aria-labelledby="cohort-log" className="cohort-log">
            <h2 id="cohort-log">Last controls</h2>
            <ul>
              {overview.recentActions.map((a) => (
                <li key={`${a.at}-${a.command}`}>
                  {new Date(a.at).toLocaleTimeString()} · {a.command} at {a.sessionIds.length} table
                  {a.sessionIds.length === 1 ? '' : 's'}: {a.ok} done
                  {a.refused > 0 ? `, ${a.refused} refused` : ''}
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </div>
  );
}
