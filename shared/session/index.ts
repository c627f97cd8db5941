/**
 * The rules of one exercise, pure and isomorphic: session state, events, `decide`, the decision
 * rules, injects, timers, resolution and scoring. The server's game master (server/game) applies
 * them; views and the client read them.
 */
export * from './actor';
export * from './authority';
export * from './budget';
export * from './credentials';
export * from './decide';
export * from './decision-rules';
export * from './events';
export * from './evolve';
export * from './injects';
export * from './phases';
export * from './scoring';
export * from './state';
export * from './timer';
