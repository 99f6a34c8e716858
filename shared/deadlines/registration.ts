/**
 * The last day to start proceedings: registering a SEND appeal or a disability discrimination claim.
 */
import {
  addCalendarMonths,
  addDays,
  daysInMonth,
  formatIsoDate,
  formatLongDate,
  isChristmasClosure,
  isInAugust,
  nonWorkingReason,
  onOrNextWorkingDay,
  parseIsoDate,
} from '../dates';
import { LIMITS } from './rules';

interface ComputedDate {
  due: string;
  /** Each step of the working, in plain English. */
  steps: string[];
  /** Something the user should be told beside the date (a literal reading the app relies on). */
  note?: string;
}

/**
 * HESC Rules r.12 for the time to start proceedings in a SEND case: ending from 25 December to 1 January
 * → the first working day after 1 January; ending in August → the first working day after 31 August;
 * ending on any other non-working day → the next working day.
 */
export function adjustStartOfProceedings(date: string): ComputedDate {
  const long = formatLongDate(date);
  if (isChristmasClosure(date)) {
    const { year, month } = parseIsoDate(date);
    const jan2 = formatIsoDate({ year: month === 12 ? year + 1 : year, month: 1, day: 2 });
    const due = onOrNextWorkingDay(jan2);
    return {
      due,
      steps: [
        `${long} falls between 25 December and 1 January, so the appeal is in time on the first working day after 1 January: ${formatLongDate(due)}.`,
      ],
    };
  }
  if (isInAugust(date)) {
    const { year } = parseIsoDate(date);
    const due = onOrNextWorkingDay(formatIsoDate({ year, month: 9, day: 1 }));
    return {
      due,
      steps: [
        `${long} is in August, so the appeal is in time on the first working day after 31 August: ${formatLongDate(due)}.`,
      ],
    };
  }
  const reason = nonWorkingReason(date);
  if (reason) {
    const due = onOrNextWorkingDay(date);
    const steps = [
      `${long} is ${reason}, so the appeal is in time on the next working day: ${formatLongDate(due)}.`,
    ];
    const edge = edgeOfClosureNote(date, due);
    return edge ? { due, steps, note: edge } : { due, steps };
  }
  return { due: date, steps: [] };
}

/**
 * The time ends on a weekend or holiday just before August or Christmas, and the next working day falls
 * inside the period r.12(3)(a) speaks of. Read literally, r.12(3)(a) extends only time that *ends* on
 * 25 December–1 January or in August; this time ended before, so r.12(2) gives the next working day and
 * no more. Some read the rule more generously: the app takes the literal, earlier date and says so.
 */
function edgeOfClosureNote(ended: string, due: string): string | null {
  const closure = isInAugust(due)
    ? { name: 'August', until: '31 August' }
    : isChristmasClosure(due)
      ? { name: '25 December–1 January', until: '1 January' }
      : null;
  if (!closure) return null;
  return (
    `The time ends on ${formatLongDate(ended, { weekday: true })}, just before ${closure.name}. On the literal reading of ` +
    `HESC Rules r.12 the extension to the first working day after ${closure.until} applies only when the time ends in ` +
    `${closure.name}; here it ended before, so the appeal is due on the next working day, ${formatLongDate(due, { weekday: true })}. ` +
    'Do not rely on the longer date.'
  );
}

/**
 * The mediation certificate is given after the parent or young person contacts the mediation adviser,
 * which they do after the decision (SEND Regs 2014 reg 33: within 2 months after written notice of the
 * decision was sent). A certificate dated before the decision is most likely a mistyped date, or a
 * certificate about an earlier decision, and the 1-month route would count from the wrong day.
 */
export function certificateBeforeDecisionWarning(
  decisionDate: string | null,
  certificateDate: string | null,
): string | null {
  if (!decisionDate || !certificateDate || certificateDate >= decisionDate) return null;
  return (
    `The mediation certificate (${formatLongDate(certificateDate)}) is dated before the decision letter (${formatLongDate(decisionDate)}). ` +
    'A certificate is issued after you contact the mediation adviser about the decision, so check both dates: ' +
    'a certificate about an earlier decision does not count for this appeal.'
  );
}

/**
 * Register a SEND appeal: 2 months from the decision letter or 1 month from the mediation certificate,
 * whichever is later, then r.12. With only one of the two dates the result is worked from that one.
 */
export function appealRegistrationDeadline(
  decisionDate: string | null,
  mediationCertificateDate: string | null,
): ComputedDate | null {
  const candidates: { date: string; text: string }[] = [];
  if (decisionDate) {
    const date = addCalendarMonths(decisionDate, LIMITS.appealMonthsFromDecision);
    candidates.push({
      date,
      text: `${LIMITS.appealMonthsFromDecision} months from the decision letter of ${formatLongDate(decisionDate)} is ${formatLongDate(date)}.`,
    });
  }
  if (mediationCertificateDate) {
    const date = addCalendarMonths(mediationCertificateDate, LIMITS.appealMonthsFromMediationCertificate);
    candidates.push({
      date,
      text: `1 month from the mediation certificate of ${formatLongDate(mediationCertificateDate)} is ${formatLongDate(date)}.`,
    });
  }
  if (candidates.length === 0) return null;
  const later = candidates.reduce((a, b) => (b.date > a.date ? b : a));
  const steps = candidates.map((c) => c.text);
  if (candidates.length === 2) steps.push(`The later of the two counts: ${formatLongDate(later.date)}.`);
  const adjusted = adjustStartOfProceedings(later.date);
  return { due: adjusted.due, steps: [...steps, ...adjusted.steps], note: adjusted.note };
}

interface ClaimTimeFacts {
  /** "Conduct continued until": conduct extending over a period is treated as done at its end. */
  conductEndDate?: string | null;
  /** The date the dispute was referred for conciliation (Equality Act 2006, s.27), if it was. */
  conciliationDate?: string | null;
}

/** The last day of a period of `months` starting with `start` (the start day counts). */
function lastDayOfPeriodStartingWith(start: string, months: number): string {
  const { day } = parseIsoDate(start);
  const monthsOn = addCalendarMonths(start, months);
  const later = parseIsoDate(monthsOn);
  // No corresponding day (31 August + 6 months): the period runs to the end of that shorter month.
  return day <= daysInMonth(later.year, later.month) ? addDays(monthsOn, -1) : monthsOn;
}

/**
 * A disability discrimination claim (Equality Act 2010, Schedule 17, para 4): within 6 months starting
 * with the date of the conduct, so the last day is the day before the corresponding date 6 months on (or
 * the last day of that month when it has no corresponding date). Conduct extending over a period is
 * treated as occurring at the end of the period (para 4(5)(b)); when the dispute is referred for
 * conciliation before the 6 months end, the period is 3 months longer (para 4(2)). No Christmas or August
 * extension, and the app does not move it past a weekend or holiday: the Act sets the time, not the
 * tribunal's rules, so claim before it. The tribunal may still consider a claim out of time (para 4(3)).
 */
export function claimRegistrationDeadline(conductDate: string, facts: ClaimTimeFacts = {}): ComputedDate {
  const steps: string[] = [];
  let from = conductDate;
  if (facts.conductEndDate && facts.conductEndDate > conductDate) {
    from = facts.conductEndDate;
    steps.push(
      `The conduct began on ${formatLongDate(conductDate)} and continued until ${formatLongDate(from)}: conduct extending over a period counts as done at its end, so time runs from ${formatLongDate(from)}.`,
    );
  }
  const sixMonths = lastDayOfPeriodStartingWith(from, LIMITS.claimMonths);
  steps.push(
    `A claim must be made within 6 months starting with the date of the conduct (${formatLongDate(from)}), so the last day is ${formatLongDate(sixMonths)}.`,
  );
  let due = sixMonths;
  if (facts.conciliationDate) {
    if (facts.conciliationDate <= sixMonths) {
      due = lastDayOfPeriodStartingWith(from, LIMITS.claimMonths + LIMITS.claimConciliationMonths);
      steps.push(
        `The dispute was referred for conciliation on ${formatLongDate(facts.conciliationDate)}, before those 6 months ended, so the period is 3 months longer: the last day is ${formatLongDate(due)}.`,
      );
    } else {
      steps.push(
        `The referral for conciliation on ${formatLongDate(facts.conciliationDate)} came after the 6 months had ended, so it does not add 3 months.`,
      );
    }
  }
  steps.push('There is no extension for Christmas or August.');
  const reason = nonWorkingReason(due);
  if (reason)
    steps.push(
      `${formatLongDate(due)} is ${reason}. The Act's time limit is not moved to the next working day: send the claim before it.`,
    );
  return { due, steps };
}

/** What the claimant should know about a claim that is, or may be, late. */
export const CLAIM_OUT_OF_TIME_NOTE =
  'If the claim is late, the tribunal can still decide to consider it (Equality Act 2010, Schedule 17, para 4(3)): ' +
  'send it as soon as you can and explain why it is late. If the tribunal has already decided not to consider a late claim, it cannot be asked again (para 4(4)).';
