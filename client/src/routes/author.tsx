// biome-ignore-all lint/suspicious/noArrayIndexKey: the forms and rows are bound to an item's position in the file (its YAML path, its CSV line), which is its identity here
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ScenarioLibraryList } from '../../../shared/protocol/scenario-library';
import { exportMselCsv, type InjectInput, replaceInjects } from '../../../shared/scenario/msel/index';
import { parseScenario } from '../../../shared/scenario/parse';
import { formatScenarioProblem } from '../../../shared/scenario/problem';
import { ACTION_CATEGORIES } from '../../../shared/scenario/schema';
import { setYamlValue, type YamlPath, yamlValue } from '../../../shared/scenario/yaml-edit';
import { DryRunReport } from '../components/author/dry-run-report';
import { MselEditor } from '../components/author/msel-editor';
import { MselImport } from '../components/author/msel-import';
import { YamlField } from '../components/author/yaml-field';
import {
  createSession,
  dryRunScenario,
  getLibraryScenario,
  listLibrary,
  saveLibraryScenario,
} from '../lib/api';
import { type RawInject, rawInjects } from '../lib/author';
import { facilitatorTokens, saveIdentity } from '../lib/identity';

type Section = 'overview' | 'roles' | 'actions' | 'msel' | 'objectives' | 'rules';
const SECTIONS: { id: Section; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'roles', label: 'Roles and briefs' },
  { id: 'actions', label: 'Actions' },
  { id: 'msel', label: 'MSEL' },
  { id: 'objectives', label: 'Objectives' },
  { id: 'rules', label: 'Rubric and rules' },
];

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? (value as Record<string, unknown>[]) : [];

/**
 * The author page: open a scenario from the library (or a file), edit it in forms with the YAML
 * beside them, checked as you type by the same parser the server runs (shared/scenario is
 * isomorphic), with each problem at its field; the MSEL as a timeline and a table, CSV import and
 * export; a dry run; save as a new version or a copy, and start an exercise from it. The YAML text
 * is the one source: every form writes into it in place, so the author's comments and layout stay.
 */
export function AuthorRoute() {
  const navigate = useNavigate();
  const keyId = useId();
  const openId = useId();
  const yamlId = useId();
  const uploadId = useId();
  const [library, setLibrary] = useState<ScenarioLibraryList>();
  const [key, setKey] = useState('');
  const [openedId, setOpenedId] = useState<string>();
  const [baseVersion, setBaseVersion] = useState<number>();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('scenario.yaml');
  const [section, setSection] = useState<Section>('overview');
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string }>();
  const [report, setReport] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const facilitatorKey = key.trim() || undefined;

  const refresh = useCallback(async () => {
    const result = await listLibrary();
    if (result.ok) setLibrary(result.value);
    else setStatus({ tone: 'error', text: `The library could not be loaded: ${result.message}` });
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const deferred = useDeferredValue(text);
  const parsed = useMemo(
    () => (deferred ? parseScenario(deferred, fileName) : undefined),
    [deferred, fileName],
  );
  const problems = parsed && !parsed.ok ? parsed.problems : [];
  const scenario = parsed?.ok ? parsed.scenario : undefined;
  const injects = useMemo(() => rawInjects(text), [text]);
  const value = (path: YamlPath) => yamlValue(text, path);
  const onField = (path: YamlPath, next: unknown) => setText((current) => setYamlValue(current, path, next));
  const onInjects = (next: RawInject[]) =>
    setText((current) => replaceInjects(current, next as InjectInput[]));

  async function open(scenarioId: string) {
    setStatus(undefined);
    setReport(undefined);
    const result = await getLibraryScenario(scenarioId, facilitatorKey);
    if (!result.ok) {
      setStatus({ tone: 'error', text: result.message });
      return;
    }
    setOpenedId(scenarioId);
    setBaseVersion(result.value.version);
    setText(result.value.text);
    setFileName(`${scenarioId}.yaml`);
  }

  async function save(asCopy: boolean) {
    if (!scenario) return;
    setBusy(true);
    const sameId = openedId !== undefined && scenario.id === openedId;
    const result = await saveLibraryScenario(text, facilitatorKey, !asCopy && sameId ? openedId : undefined);
    setBusy(false);
    if (!result.ok) {
      setStatus({
        tone: 'error',
        text:
          result.code === 'invalid-scenario' && 'problems' in result
            ? `Not saved: ${result.problems.map((p) => formatScenarioProblem({ ...p, code: 'schema' })).join('; ')}`
            : `Not saved: ${result.message}`,
      });
      return;
    }
    setOpenedId(result.value.scenarioId);
    setBaseVersion(result.value.version);
    setStatus({
      tone: 'ok',
      text: result.value.created
        ? `Saved ${result.value.scenarioId} as version ${result.value.version}.`
        : `Nothing changed since version ${result.value.version}.`,
    });
    await refresh();
  }

  async function start() {
    if (!openedId) return;
    setBusy(true);
    const [mine] = facilitatorTokens();
    let result = await createSession(openedId, facilitatorKey, mine);
    if (!result.ok && mine && result.code === 'invalid-token')
      result = await createSession(openedId, facilitatorKey);
    setBusy(false);
    if (!result.ok) {
      setStatus({ tone: 'error', text: `The exercise could not be created: ${result.message}` });
      return;
    }
    const { sessionId, joinCode, facilitatorToken } = result.value;
    saveIdentity(sessionId, 'facilitator', { token: facilitatorToken, joinCode });
    navigate(`/facilitate/${sessionId}`);
  }

  async function dryRun() {
    setBusy(true);
    setReport(undefined);
    const result = await dryRunScenario(text, facilitatorKey);
    setBusy(false);
    if (result.ok) setReport(result.value);
    else setStatus({ tone: 'error', text: `Dry run: ${result.message}` });
  }

  const entry = library?.library.find((e) => e.scenarioId === openedId);
  const latest = entry?.versions.at(-1)?.version;
  const savedUnchanged =
    scenario !== undefined && latest !== undefined && baseVersion === latest && scenario.id === openedId;
  const roleIds = list(value(['roles'])).map((r) => String(r.id ?? ''));

  return (
    <main className="author">
      <header className="author-header">
        <h1>Author a scenario</h1>
        <p className="muted">
          Every change is checked as you type, by the same rules the server applies. The YAML on the right is
          the file; the forms edit it in place.
        </p>
      </header>

      <section className="panel author-library" aria-labelledby="library-heading">
        <h2 id="library-heading">Library</h2>
        <div className="field-row">
          <div className="field">
            <label htmlFor={openId}>Scenario</label>
            <select
              id={openId}
              value={openedId ?? ''}
              onChange={(e) => e.target.value && void open(e.target.value)}
            >
              <option value="">Choose a scenario…</option>
              {library?.library.map((e) => (
                <option key={e.scenarioId} value={e.scenarioId}>
                  {e.title} (v{e.versions.at(-1)?.version}
                  {e.archived ? ', archived' : ''})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={keyId}>Facilitator key (if this server requires one)</label>
            <input
              id={keyId}
              type="password"
              autoComplete="off"
              value={key}
              onChange={(e) => setKey(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={uploadId}>Or open a file (YAML or JSON)</label>
            <input
              id={uploadId}
              type="file"
              accept=".yaml,.yml,.json"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                setText(await file.text());
                setFileName(file.name);
                setOpenedId(undefined);
                setBaseVersion(undefined);
              }}
            />
          </div>
        </div>
        {entry && (
          <p className="muted">
            Versions:{' '}
            {entry.versions.map((v, i) => (
              <span key={v.version}>
                {i > 0 && ', '}
                <a href={`/api/scenarios/${entry.scenarioId}/versions/${v.version}.yaml`}>
                  v{v.version} ({v.origin})
                </a>
              </span>
            ))}
          </p>
        )}
        {library && library.problems.length > 0 && (
          <details>
            <summary>{library.problems.length} files in the scenario folder could not be loaded</summary>
            <ul className="problem-list">
              {library.problems.map((p) => (
                <li key={`${p.file}:${p.line}:${p.column}:${p.message}`}>
                  {formatScenarioProblem({ ...p, code: 'schema' })}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>

      {text !== '' && (
        <>
          <fieldset className="author-actions" aria-label="Scenario actions">
            <p role="status" className={problems.length > 0 ? 'error-text' : 'ok-text'}>
              {problems.length === 0
                ? scenario
                  ? `${scenario.title}: no problems.`
                  : ''
                : `${problems.length} problem${problems.length === 1 ? '' : 's'} to fix`}
            </p>
            <button type="button" disabled={!scenario || busy} onClick={() => void save(false)}>
              Save as new version
            </button>
            <button
              type="button"
              disabled={!scenario || busy}
              onClick={() => {
                const id = window.prompt(
                  'Id of the copy (lower-case letters, digits and dashes)',
                  `${scenario?.id ?? 'copy'}-copy`,
                );
                if (!id) return;
                const copy = setYamlValue(text, ['id'], id);
                setText(copy);
                setOpenedId(undefined);
                void saveLibraryScenario(copy, facilitatorKey).then(async (result) => {
                  if (result.ok) {
                    setOpenedId(result.value.scenarioId);
                    setBaseVersion(result.value.version);
                    setStatus({ tone: 'ok', text: `Saved the copy ${result.value.scenarioId}.` });
                    await refresh();
                  } else setStatus({ tone: 'error', text: `Not saved: ${result.message}` });
                });
              }}
            >
              Save as a copy
            </button>
            <button type="button" disabled={!scenario || busy} onClick={() => void dryRun()}>
              Run a dry run
            </button>
            <button
              type="button"
              disabled={!scenario}
              onClick={() => download(fileName, text, 'application/yaml')}
            >
              Download YAML
            </button>
            <button
              type="button"
              disabled={!scenario}
              onClick={() =>
                scenario &&
                download(`${scenario.id}-msel.csv`, `\uFEFF${exportMselCsv(scenario)}`, 'text/csv')
              }
            >
              Export MSEL (CSV)
            </button>
            <button type="button" disabled={!savedUnchanged || busy} onClick={() => void start()}>
              Start an exercise from it
            </button>
          </fieldset>
          {status && (
            <p className={status.tone === 'error' ? 'error-text' : 'ok-text'} role="alert">
              {status.text}
            </p>
          )}
          {busy && <p role="status">Working…</p>}
          {report !== undefined && <DryRunReport report={report} />}

          <div className="author-workspace">
            <div className="author-forms">
              <nav className="author-tabs" aria-label="Scenario sections">
                {SECTIONS.map((s) => (
                  <button
                    key={s.id}
                    type="button"
                    className="author-tab"
                    aria-pressed={section === s.id}
                    onClick={() => setSection(s.id)}
                  >
                    {s.label}
                  </button>
                ))}
              </nav>
              {section === 'overview' && (
                <section aria-label="Overview">
                  {(
                    [
                      ['Id', 'id'],
                      ['Title', 'title'],
                      ['Version', 'version'],
                      ['Audience', 'audience'],
                    ] as const
                  ).map(([label, k]) => (
                    <YamlField
                      key={k}
                      label={label}
                      path={[k]}
                      value={value([k])}
                      problems={problems}
                      onChange={onField}
                    />
                  ))}
                  <YamlField
                    label="Duration (minutes)"
                    path={['durationMinutes']}
                    value={value(['durationMinutes'])}
                    problems={problems}
                    onChange={onField}
                    kind="number"
                  />
                  <YamlField
                    label="Summary (Markdown)"
                    path={['summary']}
                    value={value(['summary'])}
                    problems={problems}
                    onChange={onField}
                    kind="multiline"
                  />
                </section>
              )}
              {section === 'roles' && (
                <section aria-label="Roles and briefs">
                  {list(value(['roles'])).map((role, i) => (
                    <fieldset key={`${String(role.id)}-${i}`} className="author-card">
                      <legend>{String(role.name ?? role.id)}</legend>
                      <YamlField
                        label="Name"
                        path={['roles', i, 'name']}
                        value={role.name}
                        problems={problems}
                        onChange={onField}
                      />
                      <YamlField
                        label="Public brief"
                        path={['roles', i, 'publicBrief']}
                        value={role.publicBrief}
                        problems={problems}
                        onChange={onField}
                        kind="multiline"
                      />
                      <YamlField
                        label="Private brief"
                        path={['roles', i, 'privateBrief']}
                        value={role.privateBrief}
                        problems={problems}
                        onChange={onField}
                        kind="multiline"
                      />
                    </fieldset>
                  ))}
                </section>
              )}
              {section === 'actions' && (
                <section aria-label="Actions">
                  (its YAML path)
                  {list(value(['actions'])).map((action, i) => (
                    <fieldset key={`${String(action.id)}-${i}`} className="author-card">
                      <legend>{String(action.title ?? action.id)}</legend>
                      <YamlField
                        label="Title"
                        path={['actions', i, 'title']}
                        value={action.title}
                        problems={problems}
                        onChange={onField}
                      />
                      <YamlField
                        label="Category"
                        path={['actions', i, 'category']}
                        value={action.category}
                        problems={problems}
                        onChange={onField}
                        kind="select"
                        options={ACTION_CATEGORIES}
                      />
                      <YamlField
                        label="Lead time (days)"
                        path={['actions', i, 'leadTimeDays']}
                        value={action.leadTimeDays}
                        problems={problems}
                        onChange={onField}
                        kind="number"
                      />
                      <YamlField
                        label="Description"
                        path={['actions', i, 'description']}
                        value={action.description}
                        problems={problems}
                        onChange={onField}
                        kind="multiline"
                      />
                    </fieldset>
                  ))}
                </section>
              )}
              {section === 'msel' && (
                <>
                  <MselEditor
                    injects={injects}
                    rounds={Number(value(['rounds', 'count']) ?? 1) || 1}
                    roles={roleIds}
                    problems={problems}
                    onInjects={onInjects}
                    onField={onField}
                  />
                  <MselImport
                    scenario={scenario}
                    onImport={(imported, mode) =>
                      onInjects(
                        mode === 'replace'
                          ? (imported as RawInject[])
                          : [...injects, ...(imported as RawInject[])],
                      )
                    }
                  />
                </>
              )}
              {section === 'objectives' && (
                <section aria-label="Objectives">
                  {list(value(['objectives'])).map((objective, i) => (
                    <fieldset key={`${String(objective.id)}-${i}`} className="author-card">
                      <legend>{String(objective.title ?? objective.id)}</legend>
                      <YamlField
                        label="Title"
                        path={['objectives', i, 'title']}
                        value={objective.title}
                        problems={problems}
                        onChange={onField}
                      />
                      <YamlField
                        label="Description"
                        path={['objectives', i, 'description']}
                        value={objective.description}
                        problems={problems}
                        onChange={onField}
                        kind="multiline"
                      />
                    </fieldset>
                  ))}
                </section>
              )}
              {section === 'rules' && (
                <section aria-label="Rubric and rules">
                  <YamlField
                    label="Rounds"
                    path={['rounds', 'count']}
                    value={value(['rounds', 'count'])}
                    problems={problems}
                    onChange={onField}
                    kind="number"
                  />
                  <YamlField
                    label="Simulated days per round"
                    path={['rounds', 'daysPerRound']}
                    value={value(['rounds', 'daysPerRound'])}
                    problems={problems}
                    onChange={onField}
                    kind="number"
                  />
                  {list(value(['scoring', 'rubric'])).map((dimension, i) => (
                    <fieldset key={`${String(dimension.id)}-${i}`} className="author-card">
                      <legend>{String(dimension.name ?? dimension.title ?? dimension.id)}</legend>
                      <YamlField
                        label="Weight"
                        path={['scoring', 'rubric', i, 'weight']}
                        value={dimension.weight}
                        problems={problems}
                        onChange={onField}
                        kind="number"
                      />
                    </fieldset>
                  ))}
                </section>
              )}
            </div>
            <div className="author-yaml">
              <label htmlFor={yamlId}>YAML ({fileName})</label>
              <textarea
                id={yamlId}
                spellCheck={false}
                value={text}
                onChange={(e) => setText(e.target.value)}
                aria-describedby={problems.length > 0 ? `${yamlId}-problems` : undefined}
              />
              {problems.length > 0 && (
                <ul className="problem-list" id={`${yamlId}-problems`}>
                  {problems.map((p) => (
                    <li key={formatScenarioProblem(p)}>{formatScenarioProblem(p)}</li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </>
      )}
    </main>
  );
}
