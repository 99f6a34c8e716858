/**
 * Dates as people type them (the GOV.UK date input pattern): a Day, a Month and a Year box, each taking
 * what people actually write ("3", "03", "March", "mar"), and a whole date typed or pasted into one box
 * ("31/03/2026", "31 3 2026", "31 March 2026", "2026-03-31") split into the three. Every date that cannot
 * be used gets its own message naming the question, never a silent empty value.
 */
import { daysInMonth, formatIsoDate, isIsoDate, MONTH_NAMES, parseIsoDate } from './isoDate';
import { requiredGroup } from '../text/groups';

/** What is in the three boxes, exactly as typed. */
export interface DateEntry {
  day: string;
  month: string;
  year: string;
}

export type DatePart = keyof DateEntry;

export const EMPTY_DATE_ENTRY: DateEntry = { day: '', month: '', year: '' };

export function dateEntryFromIso(iso: string | null | undefined): DateEntry {
  if (!iso || !isIsoDate(iso)) return EMPTY_DATE_ENTRY;
  const { year, month, day } = parseIsoDate(iso);
  return { day: String(day), month: String(month), year: String(year) };
}

/** 1–12 from "3", "03", "March", "mar", "Sept"; null when it is neither. */
export function parseMonth(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  if (/^\d{1,2}$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= 12 ? n : null;
  }
  if (t.length < 3) return null;
  const index = MONTH_NAMES.findIndex((name) => {
    const lower = name.toLowerCase();
    return lower === t || (lower.startsWith(t) && t.length >= 3) || (t === 'sept' && lower === 'september');
  });
  return index >= 0 ? index + 1 : null;
}

const MONTH_WORD = '[A-Za-z]{3,9}\\.?';
const WHOLE_DATE_PATTERNS: RegExp[] = [
  // 31/03/2026, 31-3-2026, 31.3.2026, 31 3 2026, 31 March 2026, 31 Mar. 2026, 31st March 2026
  new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?[\\s/.-]+(\\d{1,2}|${MONTH_WORD})[\\s/.,-]+(\\d{4})$`),
];
const ISO_LIKE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/**
 * A whole date typed into one box, split into the three boxes; null when the text is not a whole date.
 * The parts are kept as typed (a month name stays a name) so the boxes show what the person wrote.
 */
export function splitWholeDate(text: string): DateEntry | null {
  const t = text.trim();
  const iso = ISO_LIKE.exec(t);
  if (iso) return { day: requiredGroup(iso, 3), month: requiredGroup(iso, 2), year: requiredGroup(iso, 1) };
  for (const pattern of WHOLE_DATE_PATTERNS) {
    const m = pattern.exec(t);
    if (!m) continue;
    const [day, month, year] = [requiredGroup(m, 1), requiredGroup(m, 2), requiredGroup(m, 3)];
    if (parseMonth(month) !== null) return { day, month: month.replace(/\.$/, ''), year };
  }
  return null;
}

/**
 * A box's new text: when it holds a whole date, all three boxes take its parts; otherwise just that box
 * changes.
 */
export function updateDateEntry(entry: DateEntry, part: DatePart, text: string): DateEntry {
  return splitWholeDate(text) ?? { ...entry, [part]: text };
}

type DateEntryResult = { ok: true; iso: string | null } | { ok: false; message: string; parts: DatePart[] };

const PART_NAMES: Record<DatePart, string> = { day: 'a day', month: 'a month', year: 'a year' };

function listParts(parts: DatePart[]): string {
  const names = parts.map((p) => PART_NAMES[p]);
  const last = names.pop() ?? '';
  return names.length === 0 ? last : `${names.join(', ')} and ${last}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Reads the three boxes. `what` names the question in the messages ("the date on the decision letter").
 * Empty is fine unless `required`; anything else is a real date or one message saying what is wrong.
 */
export function readDateEntry(
  entry: DateEntry,
  options: { what: string; required?: boolean },
): DateEntryResult {
  const what = options.what;
  const day = entry.day.trim();
  const month = entry.month.trim();
  const year = entry.year.trim();
  if (!day && !month && !year) {
    return options.required
      ? { ok: false, message: `Enter ${what}`, parts: ['day', 'month', 'year'] }
      : { ok: true, iso: null };
  }
  const missing = (['day', 'month', 'year'] as DatePart[]).filter((p) => !entry[p].trim());
  if (missing.length > 0) {
    return { ok: false, message: `${capitalise(what)} must include ${listParts(missing)}`, parts: missing };
  }
  if (!/^\d{1,2}$/.test(day)) {
    return { ok: false, message: `${capitalise(what)}: the day must be a number, like 31`, parts: ['day'] };
  }
  const monthNumber = parseMonth(month);
  if (monthNumber === null) {
    return {
      ok: false,
      message: `${capitalise(what)}: the month must be a number from 1 to 12, or its name, like March`,
      parts: ['month'],
    };
  }
  if (!/^\d{4}$/.test(year)) {
    return {
      ok: false,
      message: `${capitalise(what)}: the year must have 4 numbers, like 2026`,
      parts: ['year'],
    };
  }
  const y = Number(year);
  const d = Number(day);
  const last = daysInMonth(y, monthNumber);
  if (d < 1 || d > last) {
    return {
      ok: false,
      message: `${capitalise(what)} must be a real date: ${MONTH_NAMES[monthNumber - 1]} ${y} has ${last} days`,
      parts: ['day'],
    };
  }
  if (y < 1900 || y > 2200) {
    return {
      ok: false,
      message: `${capitalise(what)}: check the year (${y})`,
      parts: ['year'],
    };
  }
  return { ok: true, iso: formatIsoDate({ year: y, month: monthNumber, day: d }) };
}

/** The ISO date of a complete, real entry; null otherwise (for live previews, never for saving). */
export function isoFromDateEntry(entry: DateEntry): string | null {
  const read = readDateEntry(entry, { what: 'the date' });
  return read.ok ? read.iso : null;
}
