/** The deadlines engine: pure functions from a case's dates to every date a party must meet. */
export * from './types';
export * from './rules';
export * from './registration';
export { computeDeadlines } from './engine';
