// The simulation core's public surface: everything the game master, views and client call.
export { INFRA_CATEGORIES, infraCost, totalCost } from './costs';
export * from './effects';
export { changeFailureRate, mttrMinutes } from './incidents';
export { createInitialState } from './initial-state';
export { evaluateCondition, metricValue, modelMetricIds } from './metric-value';
export * from './metrics';
export { DAYS_PER_MONTH, MINUTES_PER_DAY, RUNWAY_CAP_MONTHS } from './model-constants';
export * from './setup';
export * from './state';
export { run, type Stepper, step, stepper } from './step';
export { abandonmentUplift, reliabilityScore } from './users';
