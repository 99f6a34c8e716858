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

export interface ComputedDate {
  due: string;
  /** Each step of the working, in plain English. */
  steps: string[];
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
    return {
      due,
      steps: [
        `${long} is ${reason}, so the appeal is in time on the next working day: ${formatLongDate(due)}.`,
      ],
    };
  }
  return { due: date, steps: [] };
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
  return { due: adjusted.due, steps: [...steps, ...adjusted.steps] };
}

/**
 * A disability discrimination claim: within 6 months starting with the date of the conduct, so the
 * last day is the day before the corresponding date 6 months on (or the last day of that month when it
 * has no corresponding date). No Christmas or August extension, and the app does not move it past a
 * weekend or holiday: claim before it.
 */
export function claimRegistrationDeadline(conductDate: string): ComputedDate {
  const { day } = parseIsoDate(conductDate);
  const sixMonthsOn = addCalendarMonths(conductDate, LIMITS.claimMonths);
  const later = parseIsoDate(sixMonthsOn);
  const hasCorrespondingDay = day <= daysInMonth(later.year, later.month);
  const due = hasCorrespondingDay ? addDays(sixMonthsOn, -1) : sixMonthsOn;
  const steps = [
    `A claim must be made within 6 months starting with the date of the discrimination (${formatLongDate(conductDate)}), so the last day is ${formatLongDate(due)}.`,
    'There is no extension for Christmas or August. If that day is a weekend or holiday, send the claim before it.',
  ];
  return { due, steps };
}
