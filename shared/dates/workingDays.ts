/**
 * Working days in England and Wales, and the SEND Tribunal's way of counting them in special educational
 * needs cases.
 *
 * - `england-wales`: every day except Saturdays, Sundays and the bank holidays of England and Wales (the
 *   HESC Rules' "working day", r.1). Disability discrimination claims are counted this way.
 * - `send-tribunal`: as above, and also not counting 25 December to 1 January and every day in August,
 *   which HESC Rules r.12(3)(b) leaves out when counting time in special educational needs cases only.
 *   Until 21 July 2020 r.12(3) also covered disability discrimination in schools cases; the Tribunal
 *   Procedure (Amendment) Rules 2020 took them out (after the Upper Tribunal held that r.12(3) could not
 *   lengthen the Equality Act's time limit), so a claim never skips August or Christmas.
 */
import { isBankHoliday } from './bankHolidays';
import { fromDayNumber, isWeekend, parseIsoDate, toDayNumber } from './isoDate';

type WorkingDayCalendar = 'england-wales' | 'send-tribunal';

interface CalendarOptions {
  calendar?: WorkingDayCalendar;
}

/** 25 December to 1 January inclusive. */
export function isChristmasClosure(iso: string): boolean {
  const { month, day } = parseIsoDate(iso);
  return (month === 12 && day >= 25) || (month === 1 && day === 1);
}

export function isInAugust(iso: string): boolean {
  return parseIsoDate(iso).month === 8;
}

/** Why a day is not a working day, in plain English, or null when it is one. */
export function nonWorkingReason(iso: string, options: CalendarOptions = {}): string | null {
  if (isWeekend(iso)) return 'a weekend';
  if (isBankHoliday(iso)) return 'a bank holiday';
  if (options.calendar === 'send-tribunal') {
    if (isChristmasClosure(iso)) return 'between 25 December and 1 January';
    if (isInAugust(iso)) return 'in August';
  }
  return null;
}

export function isWorkingDay(iso: string, options: CalendarOptions = {}): boolean {
  return nonWorkingReason(iso, options) === null;
}

/** The date itself if it is a working day, otherwise the next working day after it. */
export function onOrNextWorkingDay(iso: string, options: CalendarOptions = {}): string {
  let n = toDayNumber(iso);
  while (!isWorkingDay(fromDayNumber(n), options)) n++;
  return fromDayNumber(n);
}

/**
 * The `count`-th working day after `iso` (or before it, for a negative count). Zero returns the date
 * unchanged. "10 working days before the hearing" is addWorkingDays(hearing, -10).
 */
export function addWorkingDays(iso: string, count: number, options: CalendarOptions = {}): string {
  if (!Number.isInteger(count)) throw new Error('Working days must be a whole number.');
  const step = count < 0 ? -1 : 1;
  let n = toDayNumber(iso);
  let left = Math.abs(count);
  while (left > 0) {
    n += step;
    if (isWorkingDay(fromDayNumber(n), options)) left--;
  }
  return fromDayNumber(n);
}

/**
 * Working days from `from` to `to`: how many working days there are after `from` up to and including
 * `to`. Negative when `to` is before `from` (the working days since it passed). From a Monday to the
 * Friday of the same week is 4; a deadline today is 0.
 */
export function workingDaysBetween(from: string, to: string, options: CalendarOptions = {}): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  if (a === b) return 0;
  const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let n = lo + 1; n <= hi; n++) if (isWorkingDay(fromDayNumber(n), options)) count++;
  return sign * count;
}
