/**
 * Every date a party must meet in a case, worked out from the case's dates: a pure function of its input
 * and "today", so the app, the CLI and the tests agree.
 */
import {
  addCalendarMonths,
  addDays,
  addWeeks,
  addWorkingDays,
  CalendarRangeError,
  formatIsoDate,
  formatLongDate,
  nonWorkingReason,
  onOrNextWorkingDay,
  parseIsoDate,
  workingDaysBetween,
} from '../dates';
import { PROCEEDING_TERMS, proceedingOf } from '../rules/proceedings';
import {
  appealRegistrationDeadline,
  certificateBeforeDecisionWarning,
  CLAIM_OUT_OF_TIME_NOTE,
  claimRegistrationDeadline,
} from './registration';
import {
  COMMISSIONER_COUNTING_NOTE,
  COMPLIANCE_EXCEPTIONS_NOTE,
  complianceOrderKind,
  LIMITS,
  SOURCES,
  UNOPPOSED_EXCEPTIONS_NOTE,
} from './rules';
import type {
  Deadline,
  DeadlineBasis,
  DeadlineInput,
  DeadlineKind,
  DeadlineList,
  DeadlineNote,
  DeadlineParty,
  DeadlineStatus,
} from './types';

/**
 * How working days are counted in this case: HESC Rules r.12(3)(b) leaves out 25 December–1 January and
 * August in special educational needs cases only; a disability discrimination claim counts ordinary
 * working days (weekends and bank holidays of England and Wales left out).
 */
function counting(input: DeadlineInput) {
  return proceedingOf(input.appealType) === 'dd'
    ? ({ calendar: 'england-wales' } as const)
    : ({ calendar: 'send-tribunal' } as const);
}

function countingText(input: DeadlineInput): string {
  return proceedingOf(input.appealType) === 'dd'
    ? 'not counting weekends or bank holidays (a disability discrimination claim does not leave out August or 25 December–1 January)'
    : 'not counting weekends, bank holidays, 25 December–1 January or August';
}

/** Who answers the case: the LA in an appeal, the responsible body in a claim. */
function respondent(input: DeadlineInput): DeadlineParty {
  return proceedingOf(input.appealType) === 'dd' ? 'responsible-body' : 'la';
}

type Draft = Omit<Deadline, 'status' | 'workingDaysLeft' | 'doneDate'> & { doneDate?: string | null };

function deadlineStatus(due: string, today: string, doneDate: string | null): DeadlineStatus {
  if (doneDate) return 'done';
  if (today > due) return 'overdue';
  return workingDaysBetween(today, due) <= LIMITS.dueSoonWorkingDays ? 'due-soon' : 'upcoming';
}

/**
 * The steps of the proceedings up to the hearing. Each is an act sent to the tribunal under its rules,
 * practice direction or directions, so due by 5pm (r.12(1)); once the hearing has been held, one not
 * marked done is overtaken.
 */
const STEPS_TO_HEARING: ReadonlySet<DeadlineKind> = new Set([
  'appeal-registration',
  'claim-registration',
  'la-response',
  'evidence',
  'attendance',
  'case-review',
  'bundle',
]);

/** The date of the hearing when it has been held: the tribunal's date, and it has passed. */
function heldHearingDate(hearingDraft: Draft | null, today: string): string | null {
  return hearingDraft?.basis === 'tribunal' && today > hearingDraft.due ? hearingDraft.due : null;
}

function finish(draft: Draft, today: string, input: DeadlineInput, heldOn: string | null): Deadline {
  if (STEPS_TO_HEARING.has(draft.kind) && !draft.cutOff)
    draft = {
      ...draft,
      cutOff: '5pm',
      rule: `${draft.rule} It must reach the tribunal by 5pm on that day (HESC Rules r.12(1)).`,
    };
  const doneDate = draft.doneDate ?? input.doneDates[draft.id] ?? null;
  // A hearing is an event, not a task: once its (real) date has passed it is behind the family, not overdue.
  const held = draft.kind === 'hearing' && draft.basis === 'tribunal' && today > draft.due;
  const overtaken = !doneDate && heldOn !== null && STEPS_TO_HEARING.has(draft.kind) && draft.due <= heldOn;
  return {
    ...draft,
    doneDate,
    status: held ? 'done' : overtaken ? 'overtaken' : deadlineStatus(draft.due, today, doneDate),
    workingDaysLeft: workingDaysBetween(today, draft.due),
  };
}

function entered(kind: DeadlineKind, label: string, who: DeadlineParty, due: string, what: string): Draft {
  return {
    id: kind,
    kind,
    label,
    who,
    due,
    rule: `${what}: ${formatLongDate(due)}, as set by the tribunal. A date the tribunal directs is kept exactly as given.`,
    source: SOURCES.tribunalDirections,
    basis: 'tribunal',
  };
}

function registration(input: DeadlineInput, notes: DeadlineNote[], today: string): Draft | null {
  if (input.appealType === 'disability-discrimination') {
    if (!input.decisionDate) {
      notes.push({
        kind: 'claim-registration',
        message: 'Enter the date of the conduct complained of to see the last day to make the claim.',
      });
      return null;
    }
    const computed = claimRegistrationDeadline(input.decisionDate, {
      conductEndDate: input.conductEndDate,
      conciliationDate: input.conciliationDate,
    });
    if (input.conductEndDate && input.conductEndDate < input.decisionDate)
      notes.push({
        kind: 'claim-registration',
        message: `The conduct cannot have continued until ${formatLongDate(input.conductEndDate)}, before it began on ${formatLongDate(input.decisionDate)}: check the dates.`,
      });
    if (!input.registeredDate && !input.doneDates['claim-registration'] && today > computed.due)
      notes.push({ kind: 'claim-registration', message: CLAIM_OUT_OF_TIME_NOTE });
    return {
      id: 'claim-registration',
      kind: 'claim-registration',
      label: PROCEEDING_TERMS.dd.startTask,
      who: 'claimant',
      due: computed.due,
      rule: computed.steps.join(' '),
      source: SOURCES.claimRegistration,
      basis: 'rule',
      doneDate: input.doneDates['claim-registration'] ?? input.registeredDate,
    };
  }
  const computed = appealRegistrationDeadline(input.decisionDate, input.mediationCertificateDate);
  if (!input.decisionDate) {
    notes.push({
      kind: 'appeal-registration',
      message: computed
        ? "Enter the date of the LA's decision letter: the last day to appeal may be later than shown."
        : "Enter the date of the LA's decision letter to see the last day to register the appeal.",
    });
  } else if (!input.mediationCertificateDate) {
    // Every appeal needs a certificate, refusals to assess included; only an appeal solely about the
    // school or college named in section I is exempt (Children and Families Act 2014, s.55).
    notes.push({
      kind: 'appeal-registration',
      message:
        'When you have the mediation certificate, enter its date: the appeal can be registered up to 1 month after it if that is later. ' +
        '(No certificate is needed if the appeal is only about the school or college named in section I.)',
    });
  }
  const certificateWarning = certificateBeforeDecisionWarning(
    input.decisionDate,
    input.mediationCertificateDate,
  );
  if (certificateWarning) notes.push({ kind: 'appeal-registration', message: certificateWarning });
  if (computed?.note) notes.push({ kind: 'appeal-registration', message: computed.note });
  if (!computed) return null;
  return {
    id: 'appeal-registration',
    kind: 'appeal-registration',
    label: 'Register the appeal with the tribunal',
    who: 'appellant',
    due: computed.due,
    rule: computed.steps.join(' '),
    source: SOURCES.appealRegistration,
    basis: 'rule',
    doneDate: input.doneDates['appeal-registration'] ?? input.registeredDate,
  };
}

function laResponse(input: DeadlineInput, notes: DeadlineNote[]): Draft | null {
  const dd = proceedingOf(input.appealType) === 'dd';
  const terms = PROCEEDING_TERMS[proceedingOf(input.appealType)];
  const label = dd ? "Responsible body's response to the claim" : "LA's response to the appeal";
  const set = input.tribunalDates['la-response'];
  if (set)
    return {
      ...entered('la-response', label, respondent(input), set, `The ${terms.responseName} is due`),
      source: dd ? SOURCES.ddResponse : SOURCES.laResponse,
    };
  if (!input.registeredDate) return null;
  if (dd) {
    // No source read gives a period for the responsible body's response: the tribunal's letter sets it.
    notes.push({
      kind: 'la-response',
      message:
        "Check the date in the tribunal's letter: enter the date the responsible body's response is due. The app does not estimate it for a claim.",
    });
    return null;
  }
  const due = addWorkingDays(input.registeredDate, LIMITS.laResponseWorkingDays, counting(input));
  notes.push({
    kind: 'la-response',
    message:
      "Enter the LA response date from the tribunal's registration letter; until then it is an estimate.",
  });
  return {
    id: 'la-response',
    kind: 'la-response',
    label,
    who: 'la',
    due,
    rule:
      `Estimate: ${LIMITS.laResponseWorkingDays} working days from registration on ${formatLongDate(input.registeredDate)}, ` +
      `${countingText(input)}. ` +
      "The tribunal's registration letter gives the actual date.",
    source: SOURCES.laResponse,
    basis: 'estimate',
  };
}

function hearing(input: DeadlineInput, notes: DeadlineNote[]): Draft | null {
  const label = 'Hearing';
  const set = input.hearingDate ?? input.tribunalDates.hearing;
  const dd = proceedingOf(input.appealType) === 'dd';
  if (set)
    return {
      ...entered('hearing', label, 'tribunal', set, 'The hearing is on'),
      source: dd ? SOURCES.ddHearing : SOURCES.hearing,
    };
  if (!input.registeredDate) return null;
  if (proceedingOf(input.appealType) === 'dd') {
    notes.push({
      kind: 'hearing',
      message:
        "Check the date in the tribunal's letter: enter the hearing date to see when the hearing bundle is due. The app does not estimate it for a claim. " +
        // IPSEA, "Procedure for disability discrimination claims" (read 2026-12-07).
        'A claim asking for a permanently excluded pupil to be reinstated (form SEND26A or SEND26B) is usually fast-tracked, and can be heard within 6 to 8 weeks of the claim (IPSEA): look for its dates early.',
    });
    return null;
  }
  const due = onOrNextWorkingDay(addWeeks(input.registeredDate, LIMITS.hearingWeeksAfterRegistration));
  return {
    id: 'hearing',
    kind: 'hearing',
    label,
    who: 'tribunal',
    due,
    rule:
      `Estimate: about ${LIMITS.hearingWeeksAfterRegistration} weeks after registration on ${formatLongDate(input.registeredDate)}. ` +
      'It is often later when the tribunal is busy: enter the date from the hearing notice.',
    source: SOURCES.hearing,
    basis: 'estimate',
  };
}

function bundle(input: DeadlineInput, hearingDraft: Draft | null): Draft | null {
  const dd = proceedingOf(input.appealType) === 'dd';
  const label = dd ? 'Responsible body sends the hearing bundle' : 'LA sends the hearing bundle';
  const set = input.tribunalDates.bundle;
  if (set) return entered('bundle', label, respondent(input), set, 'The hearing bundle is due');
  if (!hearingDraft) return null;
  const due = addWorkingDays(hearingDraft.due, -LIMITS.bundleWorkingDaysBeforeHearing, counting(input));
  const basis: DeadlineBasis = hearingDraft.basis === 'estimate' ? 'estimate' : 'rule';
  return {
    id: 'bundle',
    kind: 'bundle',
    label,
    who: respondent(input),
    due,
    rule:
      `At least ${LIMITS.bundleWorkingDaysBeforeHearing} working days before the ${basis === 'estimate' ? 'estimated ' : ''}hearing ` +
      `on ${formatLongDate(hearingDraft.due)}, ${countingText(input)}.`,
    source: dd ? SOURCES.ddBundle : SOURCES.bundle,
    basis,
  };
}

function directed(input: DeadlineInput, notes: DeadlineNote[]): Draft[] {
  const claim = proceedingOf(input.appealType) === 'dd';
  const out: Draft[] = [];
  const evidence = input.tribunalDates.evidence;
  if (evidence)
    out.push(
      entered(
        'evidence',
        'Final evidence deadline (both parties)',
        'both-parties',
        evidence,
        'Final evidence is due',
      ),
    );
  const attendance = input.tribunalDates.attendance;
  if (attendance)
    out.push(
      entered(
        'attendance',
        `Attendance form${claim ? '' : ' (SEND11)'} and witness details (both parties)`,
        'both-parties',
        attendance,
        'The attendance form is due',
      ),
    );
  const caseReview = input.tribunalDates['case-review'];
  if (caseReview)
    out.push(
      entered(
        'case-review',
        `Case review form${claim ? '' : ' (SEND45)'} (both parties)`,
        'both-parties',
        caseReview,
        'The case review form is due',
      ),
    );
  if (input.registeredDate && (!evidence || !attendance)) {
    const missing = [!evidence && 'final evidence', !attendance && 'attendance form']
      .filter(Boolean)
      .join(' and ');
    notes.push({
      kind: !evidence ? 'evidence' : 'attendance',
      message: `Enter the ${missing} date${!evidence && !attendance ? 's' : ''} from the tribunal's registration letter.`,
    });
  }
  return out;
}

/** A plain warning when a date set by a regulation (not the tribunal's rules) falls on a non-working day. */
function nonWorkingDayWarning(due: string, what: string): string | undefined {
  const reason = nonWorkingReason(due);
  if (!reason) return undefined;
  return (
    `${formatLongDate(due, { weekday: true })} is ${reason}. ${what} is set by regulations, not by the tribunal's ` +
    'procedure rules, so it does not move to the next working day: plan to act before it.'
  );
}

function commissionerResponses(input: DeadlineInput): Draft[] {
  const counters = { health: 0, 'social-care': 0 };
  return input.recommendations.map((r) => {
    const n = ++counters[r.area];
    const who: DeadlineParty = r.area === 'health' ? 'health-commissioner' : 'social-care-commissioner';
    const label = `${r.area === 'health' ? 'Health' : 'Social care'} commissioner's written response to recommendation ${n}`;
    const to = r.area === 'health' ? 'to the family and the LA' : 'to the family';
    const common = {
      id: `commissioner-response:${r.id}`,
      kind: 'commissioner-response' as const,
      label,
      who,
      source: SOURCES.commissionerResponse,
      recommendationId: r.id,
      doneDate: r.respondedDate,
    };
    if (r.tribunalDueDate) {
      return {
        ...common,
        due: r.tribunalDueDate,
        rule: `The tribunal set ${formatLongDate(r.tribunalDueDate)} for the written response ${to}; it replaces the usual 5 weeks.`,
        basis: 'tribunal' as const,
        warning: nonWorkingDayWarning(r.tribunalDueDate, 'This date'),
      };
    }
    const fromSent = r.countFrom === 'sent' && Boolean(r.decisionSentDate);
    const start = fromSent ? r.decisionSentDate! : r.madeDate;
    const due = addWeeks(start, LIMITS.commissionerResponseWeeks);
    const startText = fromSent
      ? `the date the tribunal sent its decision (${formatLongDate(start)}), as the tribunal said`
      : `the date of the recommendation (${formatLongDate(start)})`;
    return {
      ...common,
      due,
      rule:
        `Within ${LIMITS.commissionerResponseWeeks} weeks from ${startText}, ${to}; the day itself is not counted, so the last day is the same weekday 5 weeks on. ` +
        `${COMMISSIONER_COUNTING_NOTE}` +
        (fromSent
          ? ''
          : ' Where the tribunal says the 5 weeks run from the date its decision was sent, record that date and count from it.'),
      basis: 'rule' as const,
      warning: nonWorkingDayWarning(due, 'The 5-week date'),
    };
  });
}

function compliance(input: DeadlineInput, notes: DeadlineNote[]): Draft[] {
  const out: Draft[] = [];
  const responseSent = input.doneDates['la-response'];
  for (const order of input.orders) {
    const kind = complianceOrderKind(order.kind);
    if (!kind) {
      notes.push({
        kind: 'la-compliance',
        message: `The order type "${order.kind}" is not known to this version of the app.`,
      });
      continue;
    }
    // Reg 45 covers an LA that concedes before it submits its response; after the response, the appeal
    // ends by a consent order and reg 44's periods run from that order.
    const lateNotice = kind.from === 'notice' && responseSent !== undefined && responseSent < order.orderDate;
    if (lateNotice)
      notes.push({
        kind: 'la-compliance',
        message:
          `The LA's response was sent on ${formatLongDate(responseSent)}, before its notice of ${formatLongDate(order.orderDate)} that it will not oppose the appeal. ` +
          "Reg 45 (unopposed appeals) applies only when the LA concedes before it submits its response: after that, the appeal ends with the tribunal's consent order, and reg 44's periods run from the order. Record it as an order instead.",
      });
    const from =
      kind.from === 'order'
        ? `the tribunal's order of ${formatLongDate(order.orderDate)}`
        : kind.from === 'notice'
          ? `the LA telling the tribunal on ${formatLongDate(order.orderDate)} that it will not oppose the appeal`
          : `the mediation agreement of ${formatLongDate(order.orderDate)}`;
    const exceptions =
      kind.from === 'order'
        ? COMPLIANCE_EXCEPTIONS_NOTE
        : kind.from === 'notice'
          ? UNOPPOSED_EXCEPTIONS_NOTE
          : '';
    for (const step of kind.steps) {
      const id = `la-compliance:${order.id}:${step.step}`;
      // "LA issues the amended EHC plan (order to amend the EHC plan …)": only the first letter is lowered.
      const label = `${step.label} (${kind.label.charAt(0).toLowerCase()}${kind.label.slice(1)})`;
      const directed = input.directedDates?.[id];
      if (directed) {
        out.push({
          id,
          kind: 'la-compliance',
          label,
          who: 'la',
          due: directed,
          rule:
            `The tribunal directed ${formatLongDate(directed)} for this step; a direction replaces the regulation's period ` +
            `(SEND Regulations 2014, reg 44(1): "subject to ... any direction made by the First-tier Tribunal").`,
          source: `${kind.source}; the tribunal's direction`,
          basis: 'tribunal',
          orderId: order.id,
          warning: nonWorkingDayWarning(directed, 'This date'),
        });
        continue;
      }
      const due = step.weeks === 0 ? order.orderDate : addWeeks(order.orderDate, step.weeks);
      out.push({
        id,
        kind: 'la-compliance',
        label,
        who: 'la',
        due,
        rule:
          (step.weeks === 0 ? `Immediately on ${from}.` : `Within ${step.weeks} weeks of ${from}.`) +
          exceptions +
          (kind.unconfirmed
            ? " This period is taken from advice guides: the regulation's text could not be read here. Check the date in the tribunal's order or letter."
            : '') +
          ' If the tribunal directed another date, enter it: the direction wins.',
        source: kind.source,
        basis: 'rule',
        orderId: order.id,
        warning:
          (lateNotice ? 'Reg 45 may not apply: see the note. ' : '') +
            (step.weeks === 0 ? '' : (nonWorkingDayWarning(due, 'The regulation period') ?? '')) || undefined,
      });
    }
  }
  return out;
}

/**
 * A move to the next phase of education (SEND Regs 2014 reg 18): the plan must be reviewed and amended
 * before 15 February (31 March for secondary school to a post-16 institution) in the calendar year of
 * the move, or at least 5 months before a move between post-16 institutions. "Before" the day means by
 * the day before it.
 */
function phaseTransfer(input: DeadlineInput, notes: DeadlineNote[]): Draft[] {
  if (proceedingOf(input.appealType) === 'dd' || !input.phaseTransferDate) return [];
  const move = input.phaseTransferDate;
  const kind = input.phaseTransferKind;
  if (!kind) {
    notes.push({
      kind: 'phase-transfer',
      message:
        'Say what kind of move it is (to a school, secondary school to a post-16 institution, or between post-16 institutions) to see when the plan must be amended.',
    });
    return [];
  }
  const { year } = parseIsoDate(move);
  const due =
    kind === 'school'
      ? formatIsoDate({ year, month: 2, day: 14 })
      : kind === 'post-16'
        ? formatIsoDate({ year, month: 3, day: 30 })
        : addCalendarMonths(move, -5);
  const rule =
    kind === 'between-post-16'
      ? `At least 5 months before the move on ${formatLongDate(move)}.`
      : `Before ${kind === 'school' ? '15 February' : '31 March'} ${year}, the calendar year of the move on ${formatLongDate(move)}, so by ${formatLongDate(due)} at the latest.`;
  if (due > move)
    notes.push({
      kind: 'phase-transfer',
      message: `The move on ${formatLongDate(move)} comes before the usual date for amending the plan: the LA should review and amend it as soon as possible.`,
    });
  return [
    {
      id: 'phase-transfer',
      kind: 'phase-transfer',
      label: 'LA reviews and amends the EHC plan, naming the next school or college',
      who: 'la',
      due,
      rule:
        `${rule} This gives time for an appeal about the school or college named to be heard before the move. ` +
        'The date is set by the regulations and does not move for weekends or holidays. ' +
        "The regulation's own text could not be read here: the date follows guides that quote it.",
      source: SOURCES.phaseTransfer,
      basis: 'rule',
      warning: nonWorkingDayWarning(due, 'The phase transfer date'),
    },
  ];
}

/** After an annual review meeting: the school's report, the LA's decision, and the next review. */
function annualReview(input: DeadlineInput): Draft[] {
  if (proceedingOf(input.appealType) === 'dd' || !input.annualReviewDate) return [];
  const met = input.annualReviewDate;
  const report = addWeeks(met, 2);
  const decision = addWeeks(met, 4);
  const { day } = parseIsoDate(met);
  const yearOn = addCalendarMonths(met, 12);
  // "Within 12 months", counted safely as a period starting with the meeting's day.
  const next = parseIsoDate(yearOn).day === day ? addDays(yearOn, -1) : yearOn;
  const common = { kind: 'annual-review' as const, source: SOURCES.annualReview, basis: 'rule' as const };
  const from = `the annual review meeting on ${formatLongDate(met)}`;
  return [
    {
      ...common,
      id: 'annual-review:report',
      label: 'The school or college sends the annual review report',
      who: 'school',
      due: report,
      rule: `Within 2 weeks of ${from}, to the LA and everyone invited.`,
      warning: nonWorkingDayWarning(report, 'This date'),
    },
    {
      ...common,
      id: 'annual-review:decision',
      label: 'LA tells the family whether it will keep, amend or stop the plan',
      who: 'la',
      due: decision,
      rule:
        `Within 4 weeks of ${from}. If it proposes amendments, the final amended plan is due within 8 weeks of ` +
        'sending them (reg 22(3)); a decision not to amend, or to stop the plan, can be appealed.',
      warning: nonWorkingDayWarning(decision, 'This date'),
    },
    {
      ...common,
      id: 'annual-review:next',
      label: 'Next annual review of the EHC plan',
      who: 'la',
      due: next,
      rule: `A plan is reviewed at least every 12 months: counted from ${from}, by ${formatLongDate(next)}.`,
    },
  ];
}

/** Runs one deadline's working; a date outside the calendar becomes a note instead of breaking the list. */
function attempt<T>(kind: DeadlineKind, notes: DeadlineNote[], work: () => T, fallback: T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof CalendarRangeError) {
      notes.push({ kind, message: error.message });
      return fallback;
    }
    throw error;
  }
}

export function computeDeadlines(input: DeadlineInput, today: string): DeadlineList {
  const notes: DeadlineNote[] = [];
  const drafts: Draft[] = [];
  const push = (d: Draft | null) => {
    if (d) drafts.push(d);
  };
  push(attempt('appeal-registration', notes, () => registration(input, notes, today), null));
  push(attempt('la-response', notes, () => laResponse(input, notes), null));
  const hearingDraft = attempt('hearing', notes, () => hearing(input, notes), null);
  push(attempt('bundle', notes, () => bundle(input, hearingDraft), null));
  push(hearingDraft);
  drafts.push(...directed(input, notes));
  drafts.push(...attempt('commissioner-response', notes, () => commissionerResponses(input), []));
  drafts.push(...attempt('la-compliance', notes, () => compliance(input, notes), []));
  drafts.push(...attempt('phase-transfer', notes, () => phaseTransfer(input, notes), []));
  drafts.push(...attempt('annual-review', notes, () => annualReview(input), []));

  const heldOn = heldHearingDate(hearingDraft, today);
  const deadlines: Deadline[] = [];
  for (const draft of drafts) {
    const done = attempt(draft.kind, notes, () => finish(draft, today, input, heldOn), null);
    if (done) deadlines.push(done);
  }
  deadlines.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id.localeCompare(b.id)));
  return { today, deadlines, notes };
}
