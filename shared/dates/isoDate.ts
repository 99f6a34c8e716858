/**
 * Calendar dates as the tribunal writes them: YYYY-MM-DD, no time, no time zone.
 *
 * Everything here works on whole days counted from 1970-01-01 (UTC), so a deadline never shifts by a
 * day because the machine's clock is in British Summer Time.
 */

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

class InvalidDateError extends Error {
  constructor(value: unknown) {
    super(`"${String(value)}" is not a date in the form YYYY-MM-DD (for example 2026-03-31).`);
    this.name = 'InvalidDateError';
  }
}

interface DateParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function parseIsoDate(value: string): DateParts {
  if (!isIsoDate(value)) throw new InvalidDateError(value);
  const [year, month, day] = value.split('-').map(Number) as [number, number, number]; // checked above
  return { year, month, day };
}

export function formatIsoDate({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  // No month, no days: NaN fails every comparison, as a date check needs.
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? NaN;
}

/** Whole days since 1970-01-01. */
export function toDayNumber(iso: string): number {
  const { year, month, day } = parseIsoDate(iso);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(n: number): string {
  const d = new Date(n * MS_PER_DAY);
  return formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

export function addWeeks(iso: string, weeks: number): string {
  return addDays(iso, weeks * 7);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(iso: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(iso) + 4) % 7) + 7) % 7;
}

export function isWeekend(iso: string): boolean {
  const dow = dayOfWeek(iso);
  return dow === 0 || dow === 6;
}

/**
 * Calendar-month arithmetic by the corresponding date: 15 March + 2 months = 15 May. When the later month
 * has no such day, the period ends on that month's last day (31 January + 1 month = 28 or 29 February).
 */
export function addCalendarMonths(iso: string, months: number): string {
  if (!Number.isInteger(months)) throw new Error('Months must be a whole number.');
  const { year, month, day } = parseIsoDate(iso);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatIsoDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

export function compareIsoDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The calendar date of an instant in the UK (Europe/London), for "today". */
export function isoDateInLondon(instant: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** "Tuesday 3 March 2026" or "3 March 2026": how a letter or a screen writes a date. */
export function formatLongDate(iso: string, options: { weekday?: boolean } = {}): string {
  const { year, month, day } = parseIsoDate(iso);
  const text = `${day} ${MONTH_NAMES[month - 1]} ${year}`;
  return options.weekday ? `${WEEKDAY_NAMES[dayOfWeek(iso)]} ${text}` : text;
}

/**
 * 2025-03-07 → "7 Mar 2025" (a bundle's index column); long: "7 March 2025" (its cover). For display
 * only: empty gives "", and anything not shaped YYYY-MM-DD is shown as it was given.
 */
export function formatDate(iso: string | null | undefined, style: 'short' | 'long' = 'short'): string {
  if (!iso) return '';
  const m = ISO_PATTERN.exec(iso);
  if (!m) return iso;
  const name = MONTH_NAMES[Number(m[2]) - 1];
  return `${Number(m[3])} ${style === 'long' ? name : name?.slice(0, 3)} ${m[1]}`;
}

/** Calendar date `years` earlier; 29 February falls back to 28 February. */
export function yearsBefore(iso: string, years: number): string {
  const [y, month, d] = iso.split('-').map(Number) as [number, number, number];
  const year = y - years;
  return formatIsoDate({ year, month, day: Math.min(d, daysInMonth(year, month)) });
}
