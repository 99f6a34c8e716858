import type { Deadline, DeadlineInput, DeadlineList } from '../../shared/deadlines';

/** What the deadlines engine is given for a case of which nothing is known yet, but for `overrides`. */
export function deadlineInput(overrides: Partial<DeadlineInput> = {}): DeadlineInput {
  return {
    appealType: 'contents-of-plan',
    decisionDate: null,
    mediationCertificateDate: null,
    registeredDate: null,
    hearingDate: null,
    tribunalDates: {},
    doneDates: {},
    recommendations: [],
    orders: [],
    ...overrides,
  };
}

/** The deadline with this id; a missing one fails the test, naming the ids there are. */
export function deadlineById(list: DeadlineList, id: string): Deadline {
  const found = list.deadlines.find((d) => d.id === id);
  if (!found) throw new Error(`no deadline ${id} in ${list.deadlines.map((d) => d.id).join(', ')}`);
  return found;
}
