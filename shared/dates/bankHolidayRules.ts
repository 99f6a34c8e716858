/**
 * The standing rules for bank holidays in England and Wales (Banking and Financial Dealings Act 1971,
 * Schedule 1, and the annual royal proclamations that add the early May holiday and move holidays
 * falling at a weekend to a "substitute day").
 *
 * Used for years the government has not published yet. A one-off holiday (a jubilee, a coronation, a
 * state funeral) or a moved holiday (VE day 2020) cannot be predicted: when the government announces one
 * it must be added to the published list in bankHolidays.ts.
 */
import { addDays, dayOfWeek, daysInMonth, formatIsoDate } from './isoDate';

export interface BankHoliday {
  date: string;
  name: string;
  /** True when the holiday is the weekday given in place of one falling at a weekend. */
  substitute?: boolean;
}

/** Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate({ year, month, day });
}

function firstMonday(year: number, month: number): string {
  const first = formatIsoDate({ year, month, day: 1 });
  return addDays(first, (8 - dayOfWeek(first)) % 7);
}

function lastMonday(year: number, month: number): string {
  const last = formatIsoDate({ year, month, day: daysInMonth(year, month) });
  return addDays(last, -((dayOfWeek(last) + 6) % 7));
}

/** The bank holidays a year gets under the standing rules, in date order. */
export function standardBankHolidays(year: number): BankHoliday[] {
  const list: BankHoliday[] = [];
  const newYear = formatIsoDate({ year, month: 1, day: 1 });
  const nyDow = dayOfWeek(newYear);
  if (nyDow === 6) list.push({ date: addDays(newYear, 2), name: 'New Year’s Day', substitute: true });
  else if (nyDow === 0) list.push({ date: addDays(newYear, 1), name: 'New Year’s Day', substitute: true });
  else list.push({ date: newYear, name: 'New Year’s Day' });

  const easter = easterSunday(year);
  list.push({ date: addDays(easter, -2), name: 'Good Friday' });
  list.push({ date: addDays(easter, 1), name: 'Easter Monday' });
  list.push({ date: firstMonday(year, 5), name: 'Early May bank holiday' });
  list.push({ date: lastMonday(year, 5), name: 'Spring bank holiday' });
  list.push({ date: lastMonday(year, 8), name: 'Summer bank holiday' });

  const christmas = formatIsoDate({ year, month: 12, day: 25 });
  const boxing = formatIsoDate({ year, month: 12, day: 26 });
  switch (dayOfWeek(christmas)) {
    case 5: // Friday: Boxing Day is a Saturday, its substitute is Monday 28th.
      list.push({ date: christmas, name: 'Christmas Day' });
      list.push({ date: addDays(christmas, 3), name: 'Boxing Day', substitute: true });
      break;
    case 6: // Saturday: Monday 27th and Tuesday 28th.
      list.push({ date: addDays(christmas, 2), name: 'Christmas Day', substitute: true });
      list.push({ date: addDays(christmas, 3), name: 'Boxing Day', substitute: true });
      break;
    case 0: // Sunday: Boxing Day is Monday 26th, Christmas's substitute is Tuesday 27th.
      list.push({ date: boxing, name: 'Boxing Day' });
      list.push({ date: addDays(christmas, 2), name: 'Christmas Day', substitute: true });
      break;
    default:
      list.push({ date: christmas, name: 'Christmas Day' });
      list.push({ date: boxing, name: 'Boxing Day' });
  }
  return list;
}
