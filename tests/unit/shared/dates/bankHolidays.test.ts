import { describe, expect, it } from 'vitest';
import {
  bankHolidayName,
  bankHolidaysIn,
  CalendarRangeError,
  easterSunday,
  FIRST_COVERED_YEAR,
  isBankHoliday,
  LAST_COVERED_YEAR,
  standardBankHolidays,
} from '../../../../shared/dates';

/**
 * The published England and Wales lists (gov.uk/bank-holidays), typed out again here by hand so the
 * dataset is checked against an independent copy rather than against itself.
 */
const PUBLISHED_2024_2028: Record<number, string[]> = {
  2024: [
    '2024-01-01',
    '2024-03-29',
    '2024-04-01',
    '2024-05-06',
    '2024-05-27',
    '2024-08-26',
    '2024-12-25',
    '2024-12-26',
  ],
  2025: [
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
  ],
  // 26 December 2026 is a Saturday: Monday 28 December is the substitute day.
  2026: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28',
  ],
  // Christmas 2027 is a Saturday: substitutes on Monday 27 and Tuesday 28 December.
  2027: [
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27',
    '2027-12-28',
  ],
  // 1 January 2028 is a Saturday: Monday 3 January is the substitute day.
  2028: [
    '2028-01-03',
    '2028-04-14',
    '2028-04-17',
    '2028-05-01',
    '2028-05-29',
    '2028-08-28',
    '2028-12-25',
    '2028-12-26',
  ],
};

describe('bank holidays of England and Wales', () => {
  for (const [year, dates] of Object.entries(PUBLISHED_2024_2028)) {
    it(`matches the published list for ${year}`, () => {
      const { holidays, published } = bankHolidaysIn(Number(year));
      expect(published).toBe(true);
      expect(holidays.map((h) => h.date)).toEqual(dates);
    });
  }

  it('marks the substitute days', () => {
    const subs = (year: number) =>
      bankHolidaysIn(year)
        .holidays.filter((h) => h.substitute)
        .map((h) => `${h.date} ${h.name}`);
    expect(subs(2026)).toEqual(['2026-12-28 Boxing Day']);
    expect(subs(2027)).toEqual(['2027-12-27 Christmas Day', '2027-12-28 Boxing Day']);
    expect(subs(2028)).toEqual(['2028-01-03 New Year’s Day']);
    expect(subs(2024)).toEqual([]);
    // The weekend days themselves are not bank holidays.
    expect(isBankHoliday('2026-12-26')).toBe(false);
    expect(isBankHoliday('2027-12-25')).toBe(false);
  });

  it('includes the one-off holidays and the moved VE day', () => {
    expect(bankHolidayName('2020-05-08')).toMatch(/VE day/);
    expect(isBankHoliday('2020-05-04')).toBe(false);
    expect(bankHolidayName('2022-06-02')).toBe('Spring bank holiday');
    expect(isBankHoliday('2022-05-30')).toBe(false);
    expect(bankHolidayName('2022-06-03')).toMatch(/Platinum Jubilee/);
    expect(bankHolidayName('2022-09-19')).toMatch(/State Funeral/);
    expect(bankHolidayName('2023-05-08')).toMatch(/coronation/);
  });

  it('computes Easter correctly for known years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2038)).toBe('2038-04-25'); // the latest possible date
    expect(easterSunday(2008)).toBe('2008-03-23');
  });

  it('the standing rules reproduce every published year without a one-off change', () => {
    const oneOffYears = new Set([2020, 2022, 2023]);
    for (let year = FIRST_COVERED_YEAR; year <= 2028; year++) {
      if (oneOffYears.has(year)) continue;
      expect(
        standardBankHolidays(year).map((h) => [h.date, !!h.substitute]),
        String(year),
      ).toEqual(bankHolidaysIn(year).holidays.map((h) => [h.date, !!h.substitute]));
    }
  });

  it('covers every year to 2035 with eight holidays, by the rules after the published years', () => {
    for (let year = 2029; year <= LAST_COVERED_YEAR; year++) {
      const { holidays, published } = bankHolidaysIn(year);
      expect(published).toBe(false);
      expect(holidays).toHaveLength(8);
    }
    // 2032: Christmas on a Saturday.
    expect(
      bankHolidaysIn(2032)
        .holidays.slice(-2)
        .map((h) => h.date),
    ).toEqual(['2032-12-27', '2032-12-28']);
  });

  it('refuses a date outside 2014–2035 with a clear message instead of guessing', () => {
    expect(() => isBankHoliday('2036-01-01')).toThrow(CalendarRangeError);
    expect(() => isBankHoliday('2013-12-25')).toThrow(/covers 2014 to 2035/);
    expect(() => bankHolidaysIn(2040)).toThrow(CalendarRangeError);
  });
});
