/** Page lists in plain English: one home in shared/ (the checker screen groups findings with them too). */
export { describePages, formatRuns } from '../../../shared/checker/pages';
