/** The scenario module's public API: schema and types, the loader and validator, action resolution. */
export { scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema';
export {
  type ParseScenarioOptions,
  type ParseScenarioResult,
  parseScenario,
  SCENARIO_MAX_ALIAS_COUNT,
  SCENARIO_MAX_BYTES,
  scenarioSizeProblem,
} from './parse';
export {
  formatScenarioPath,
  formatScenarioProblem,
  type ScenarioPath,
  type ScenarioProblem,
  type ScenarioProblemCode,
} from './problem';
export {
  type ActionResolution,
  type ResolvedAction,
  resolveAction,
  SPEND_CATEGORY_BY_ACTION_CATEGORY,
} from './resolve-action';
export * from './schema';
export { checkScenarioSemantics, type SemanticProblem } from './semantics';
