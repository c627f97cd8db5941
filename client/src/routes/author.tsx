// biome-ignore-all lint/suspicious/noArrayIndexKey: the forms and rows are bound to an item's position in the file (its YAML path, its CSV line), which is its identity here
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ScenarioLibraryList } from '../../../shared/protocol/scenario-library';
import { exportMselCsv, type InjectInput, replaceInjects } from '../../../shared/scenario/msel/index';
import { parseScenario } from '../../../shared/scenario/parse';
import { formatScenarioProblem } from '../../../shared/scenario/problem';
import { stepWord } from '../../../shared/scenario/scenario-time';
import { ACTION_CATEGORIES, CHANNELS } from '../../../shared/scenario/schema';
import {
  appendYamlItem,
  deleteYamlValue,
  setYamlValue,
  type YamlPath,
  yamlReader,
} from '../../../shared/scenario/yaml-edit';
import { timeUnitSchema } from '../../../shared/sim/scenario-metrics-schema';
import { ConditionFields } from '../components/author/condition-fields';
import { DryRunReport } from '../components/author/dry-run-report';
import { EffectFields } from '../components/author/effect-fields';
import { MselEditor } from '../components/author/msel-editor';
import { MselImport } from '../components/author/msel-import';
import { AuthorFormContext, YamlField } from '../components/author/yaml-field';
import { YamlChecks, YamlList } from '../components/author/yaml-list';
import {
  createSession,
  dryRunScenario,
  getLibraryScenario,
  listLibrary,
  saveLibraryScenario,
} from '../lib/api';
import {
  effectTemplate,
  newAction,
  newEndCondition,
  newItem,
  newObjective,
  newRole,
  type RawInject,
  rawInjects,
  templateModel,
} from '../lib/author';
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
const idsOf = (items: readonly Record<string, unknown>[]) => items.map((item) => String(item.id ?? ''));

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
  const value = useMemo(() => yamlReader(text), [text]);
  const onField = (path: YamlPath, next: unknown) => setText((current) => setYamlValue(current, path, next));
  const onAppend = (path: YamlPath, item: unknown) =>
    setText((current) => appendYamlItem(current, path, item));
  const onRemove = (path: YamlPath) => setText((current) => deleteYamlValue(current, path));
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
  const roleIds = idsOf(list(value(['roles'])));
  // The scenario's declared categories and channels (issue 16), read from the text as typed.
  const declaredCategories = idsOf(list(value(['categories'])));
  const categoryIds = declaredCategories.length > 0 ? declaredCategories : [...ACTION_CATEGORIES];
  const categoryOptions = categoryIds.map((c) => ({ value: c, label: c }));
  const channelIds = [...new Set([...CHANNELS, ...idsOf(list(value(['channels'])))])];
  const actionItems = list(value(['actions']));
  const actionIds = idsOf(actionItems);
  const templates = templateModel({ metrics: value(['metrics']), categories: value(['categories']) });
  const ownMetricIds = idsOf(list(value(['metrics'])));
  const infrastructure = value(['model', 'infrastructure']) !== false;
  const unitSingular = stepWord(timeUnitSchema.safeParse(value(['rounds', 'unit'])).data);
  const actionOptions = actionItems.map((a) => ({
    value: String(a.id ?? ''),
    label: String(a.title ?? a.id),
  }));
  const objectiveOptions = list(value(['objectives'])).map((o) => ({
    value: String(o.id ?? ''),
    label: String(o.title ?? o.id),
  }));
  const lastDay =
    (Number(value(['rounds', 'count'])) || 1) * (Number(value(['rounds', 'daysPerRound'])) || 1);

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
            <AuthorFormContext.Provider value={{ problems, onChange: onField }}>
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
                      <YamlField key={k} label={label} path={[k]} value={value([k])} />
                    ))}
                    <YamlField
                      label="Duration (minutes)"
                      path={['durationMinutes']}
                      value={value(['durationMinutes'])}
                      kind="number"
                    />
                    <YamlField
                      label="Summary (Markdown)"
                      path={['summary']}
                      value={value(['summary'])}
                      kind="multiline"
                    />
                  </section>
                )}
                {section === 'roles' && (
                  <section aria-label="Roles and briefs">
                    <YamlList
                      path={['roles']}
                      items={list(value(['roles']))}
                      noun="role"
                      legend={(role) => String(role.name ?? role.id ?? 'New role')}
                      template={() => newRole(roleIds)}
                      onAppend={onAppend}
                      onRemove={onRemove}
                    >
                      {(role, at) => (
                        <>
                          <YamlField label="Id" path={[...at, 'id']} value={role.id} />
                          <YamlField label="Name" path={[...at, 'name']} value={role.name} />
                          <YamlField
                            label="Public brief"
                            path={[...at, 'publicBrief']}
                            value={role.publicBrief}
                            kind="multiline"
                          />
                          <YamlField
                            label="Private brief"
                            path={[...at, 'privateBrief']}
                            value={role.privateBrief}
                            kind="multiline"
                          />
                          {(['propose', 'approve', 'veto'] as const).map((power) => (
                            <YamlChecks
                              key={power}
                              label={`May ${power}`}
                              path={[...at, 'authority', power]}
                              value={(role.authority as Record<string, unknown> | undefined)?.[power]}
                              options={categoryOptions}
                            />
                          ))}
                          <YamlField
                            label="Votes on proposals open to all roles"
                            path={[...at, 'authority', 'vote']}
                            value={(role.authority as Record<string, unknown> | undefined)?.vote ?? true}
                            kind="boolean"
                          />
                        </>
                      )}
                    </YamlList>
                  </section>
                )}
                {section === 'actions' && (
                  <section aria-label="Actions">
                    <YamlList
                      path={['actions']}
                      items={list(value(['actions']))}
                      noun="action"
                      legend={(action) => String(action.title ?? action.id ?? 'New action')}
                      template={() => newAction(actionIds, templates)}
                      onAppend={onAppend}
                      onRemove={onRemove}
                    >
                      {(action, at) => {
                        const cost = (action.cost ?? {}) as Record<string, unknown>;
                        return (
                          <>
                            <YamlField label="Id" path={[...at, 'id']} value={action.id} />
                            <YamlField label="Title" path={[...at, 'title']} value={action.title} />
                            <YamlField
                              label="Category"
                              path={[...at, 'category']}
                              value={action.category}
                              kind="select"
                              options={categoryIds}
                            />
                            <YamlField
                              label="Lead time (days)"
                              path={[...at, 'leadTimeDays']}
                              value={action.leadTimeDays}
                              kind="number"
                            />
                            {typeof cost.capexUsd === 'object' || typeof cost.opexUsdPerMonth === 'object' ? (
                              <p className="muted">
                                The cost follows the action's parameters: edit it in the YAML view.
                              </p>
                            ) : (
                              <>
                                <YamlField
                                  label="One-off cost (USD)"
                                  path={[...at, 'cost', 'capexUsd']}
                                  value={cost.capexUsd ?? 0}
                                  kind="number"
                                />
                                <YamlField
                                  label="Monthly cost (USD)"
                                  path={[...at, 'cost', 'opexUsdPerMonth']}
                                  value={cost.opexUsdPerMonth ?? 0}
                                  kind="number"
                                />
                              </>
                            )}
                            <YamlField
                              label="Description"
                              path={[...at, 'description']}
                              value={action.description}
                              kind="multiline"
                            />
                            <YamlChecks
                              label="Prerequisites (actions applied first)"
                              path={[...at, 'prerequisites']}
                              value={action.prerequisites}
                              options={actionOptions.filter((o) => o.value !== action.id)}
                            />
                            <YamlList
                              nested
                              path={[...at, 'effects']}
                              items={list(action.effects)}
                              noun="effect"
                              legend={(effect, i) => `Effect ${i + 1}: ${String(effect.type ?? '')}`}
                              template={() => effectTemplate('morale')}
                              onAppend={onAppend}
                              onRemove={onRemove}
                            >
                              {(effect, effectAt) => <EffectFields effect={effect} path={effectAt} />}
                            </YamlList>
                          </>
                        );
                      }}
                    </YamlList>
                  </section>
                )}
                {section === 'msel' && (
                  <>
                    <MselEditor
                      injects={injects}
                      rounds={Number(value(['rounds', 'count']) ?? 1) || 1}
                      roles={roleIds}
                      channels={channelIds}
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
                    <YamlList
                      path={['objectives']}
                      items={list(value(['objectives']))}
                      noun="objective"
                      legend={(objective) => String(objective.title ?? objective.id ?? 'New objective')}
                      template={() => newObjective(idsOf(list(value(['objectives']))), lastDay, templates)}
                      onAppend={onAppend}
                      onRemove={onRemove}
                    >
                      {(objective, at) => (
                        <>
                          <YamlField label="Id" path={[...at, 'id']} value={objective.id} />
                          <YamlField label="Title" path={[...at, 'title']} value={objective.title} />
                          <YamlField
                            label="Description"
                            path={[...at, 'description']}
                            value={objective.description}
                            kind="multiline"
                          />
                          {objective.rated === true ? (
                            <p className="muted">
                              Rated by evaluators (HSEEP: P, S, M or U), not tested by the simulation.
                            </p>
                          ) : (
                            <>
                              <ConditionFields
                                legend="Met when"
                                path={[...at, 'test']}
                                condition={objective.test}
                                metrics={ownMetricIds}
                                infrastructure={infrastructure}
                              />
                              <YamlField
                                label={`Tested on ${unitSingular}`}
                                path={[...at, 'byDay']}
                                value={objective.byDay}
                                kind="number"
                              />
                            </>
                          )}
                        </>
                      )}
                    </YamlList>
                  </section>
                )}
                {section === 'rules' && (
                  <section aria-label="Rubric and rules">
                    <YamlField
                      label="Rounds"
                      path={['rounds', 'count']}
                      value={value(['rounds', 'count'])}
                      kind="number"
                    />
                    <YamlField
                      label="Simulated days per round"
                      path={['rounds', 'daysPerRound']}
                      value={value(['rounds', 'daysPerRound'])}
                      kind="number"
                    />
                    <h3>Rubric</h3>
                    <YamlList
                      path={['scoring', 'rubric']}
                      items={list(value(['scoring', 'rubric']))}
                      noun="dimension"
                      legend={(dimension) => String(dimension.title ?? dimension.id ?? 'New dimension')}
                      template={() =>
                        newItem('dimension', idsOf(list(value(['scoring', 'rubric']))), {
                          title: 'New dimension',
                          weight: 0,
                        })
                      }
                      onAppend={onAppend}
                      onRemove={onRemove}
                    >
                      {(dimension, at) => (
                        <>
                          <YamlField label="Title" path={[...at, 'title']} value={dimension.title} />
                          <YamlField
                            label="Weight (percent)"
                            path={[...at, 'weight']}
                            value={dimension.weight}
                            kind="number"
                          />
                          <YamlChecks
                            label="Scored by the objectives"
                            path={[...at, 'objectives']}
                            value={dimension.objectives}
                            options={objectiveOptions}
                          />
                        </>
                      )}
                    </YamlList>
                    <h3>End states</h3>
                    <YamlList
                      path={['endStates']}
                      items={list(value(['endStates']))}
                      noun="end state"
                      legend={(end) => String(end.title ?? end.id ?? 'New end state')}
                      template={() =>
                        newItem('end-state', idsOf(list(value(['endStates']))), {
                          title: 'New end state',
                          condition: newEndCondition(templates),
                        })
                      }
                      onAppend={onAppend}
                      onRemove={onRemove}
                    >
                      {(end, at) => (
                        <>
                          <YamlField label="Title" path={[...at, 'title']} value={end.title} />
                          <YamlField
                            label="Description"
                            path={[...at, 'description']}
                            value={end.description}
                            kind="multiline"
                          />
                          <ConditionFields
                            legend="The exercise ends when"
                            path={[...at, 'condition']}
                            condition={end.condition}
                            metrics={ownMetricIds}
                            infrastructure={infrastructure}
                          />
                        </>
                      )}
                    </YamlList>
                  </section>
                )}
              </div>
            </AuthorFormContext.Provider>
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
