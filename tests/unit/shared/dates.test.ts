import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths,
  addWorkingDays,
  CalendarRangeError,
  dayOfWeek,
  formatLongDate,
  isIsoDate,
  isoDateInLondon,
  isWorkingDay,
  nonWorkingReason,
  onOrNextWorkingDay,
  parseIsoDate,
  workingDaysBetween,
} from '../../../shared/dates';

describe('calendar dates', () => {
  it('validates and parses YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('1/2/2025')).toBe(false);
    expect(() => parseIsoDate('2025-02-30')).toThrow(/YYYY-MM-DD/);
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-11-23')).toBe(1); // Monday
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-31')).toBe(3);
    expect(formatLongDate('2026-03-03', { weekday: true })).toBe('Tuesday 3 March 2026');
  });

  it('takes "today" in UK time, not UTC', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
    expect(isoDateInLondon(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(isoDateInLondon(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});

describe('calendar months by the corresponding date', () => {
  it('lands on the same day of the later month', () => {
    expect(addCalendarMonths('2026-03-15', 2)).toBe('2026-05-15');
    expect(addCalendarMonths('2026-11-30', 2)).toBe('2027-01-30');
  });

  it('uses the last day of the month when the later month is shorter', () => {
    expect(addCalendarMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addCalendarMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addCalendarMonths('2025-12-31', 2)).toBe('2026-02-28');
    expect(addCalendarMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(addCalendarMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('does not carry a short month forward', () => {
    // 31 Jan + 2 months is 31 March, not 28 March.
    expect(addCalendarMonths('2025-01-31', 2)).toBe('2025-03-31');
    expect(addCalendarMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
});

describe('working days in England and Wales', () => {
  it('skips weekends and bank holidays', () => {
    expect(isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute
    expect(isWorkingDay('2026-12-29')).toBe(true);
    expect(nonWorkingReason('2027-12-27')).toBe('a bank holiday');
    expect(nonWorkingReason('2027-12-25')).toBe('a weekend');
  });

  it('moves a date on a weekend or holiday to the next working day', () => {
    expect(onOrNextWorkingDay('2026-04-03')).toBe('2026-04-07'); // Good Friday → Tuesday after Easter Monday
    expect(onOrNextWorkingDay('2027-12-25')).toBe('2027-12-29'); // Sat, Sun, two substitute days
    expect(onOrNextWorkingDay('2026-11-24')).toBe('2026-11-24');
  });

  it('adds working days forwards and backwards', () => {
    expect(addWorkingDays('2026-11-23', 5)).toBe('2026-11-30');
    expect(addWorkingDays('2026-12-23', 2)).toBe('2026-12-29'); // 24th, then 25th/26th/27th/28th off
    expect(addWorkingDays('2026-06-12', -10)).toBe('2026-05-29'); // over spring bank holiday 25 May
    expect(addWorkingDays('2026-06-12', 0)).toBe('2026-06-12');
  });

  it('counts working days between dates', () => {
    expect(workingDaysBetween('2026-11-23', '2026-11-27')).toBe(4);
    expect(workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(workingDaysBetween('2026-11-30', '2026-11-27')).toBe(-1);
    expect(workingDaysBetween('2026-12-24', '2026-12-29')).toBe(1);
  });
});

describe('the SEND Tribunal way of counting (HESC Rules r.12)', () => {
  const send = { calendar: 'send-tribunal' } as const;

  it('does not count 25 December to 1 January, or August', () => {
    expect(isWorkingDay('2026-12-30', send)).toBe(false);
    expect(isWorkingDay('2026-12-30')).toBe(true);
    expect(isWorkingDay('2027-01-01', send)).toBe(false);
    expect(isWorkingDay('2026-08-12', send)).toBe(false);
    expect(nonWorkingReason('2026-08-12', send)).toBe('in August');
    expect(nonWorkingReason('2026-12-29', send)).toBe('between 25 December and 1 January');
  });

  it('jumps August and Christmas when adding working days', () => {
    // Friday 31 July 2026 + 1 working day: all of August is skipped; 1 September is a Tuesday.
    expect(addWorkingDays('2026-07-31', 1, send)).toBe('2026-09-01');
    expect(addWorkingDays('2026-07-31', 1)).toBe('2026-08-03');
    // Thursday 24 December 2026 + 1: 25 Dec–1 Jan skipped, 2–3 Jan are a weekend.
    expect(addWorkingDays('2026-12-24', 1, send)).toBe('2027-01-04');
    // 22 weekdays left in July after the 1st, none in August, 22 in September.
    expect(workingDaysBetween('2026-07-01', '2026-09-30', send)).toBe(22 + 22);
  });

  it('refuses dates beyond the calendar', () => {
    expect(() => addWorkingDays('2035-12-20', 20)).toThrow(CalendarRangeError);
  });
});
