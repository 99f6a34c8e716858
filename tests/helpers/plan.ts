/** The inputs the bundle plan takes, for tests that plan a bundle without a database. */
import type { PlanCase, PlanOptions } from '../../shared/bundle/types';

/** A case with no names or dates, not an extended appeal; `over` sets what a test needs. */
export function planCase(over: Partial<PlanCase> = {}): PlanCase {
  return {
    id: 1,
    title: 'Appeal',
    appealType: 'contents-of-plan',
    childName: null,
    laName: null,
    tribunalRef: null,
    hearingDate: null,
    extended: false,
    extendedHealth: false,
    extendedSocialCare: false,
    appellants: [],
    ...over,
  };
}

/** A first version numbered continuously, without dividers or anything issued; `over` sets the rest. */
export function planOptions(over: Partial<PlanOptions> = {}): PlanOptions {
  return {
    numbering: 'continuous',
    lateInsertMode: 'renumber',
    dividers: false,
    compiledDate: '2026-01-01',
    version: 1,
    placementOnly: false,
    issued: null,
    ...over,
  };
}
