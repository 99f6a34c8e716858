/**
 * Bank holidays in England and Wales, 2014–2035.
 *
 * 2014–2028: as published by the government (https://www.gov.uk/bank-holidays), including substitute
 * days and the one-off changes: VE day 2020 (early May holiday moved to Friday 8 May), the Platinum
 * Jubilee 2022 (spring holiday moved to 2 June, extra holiday 3 June), the State Funeral of Queen
 * Elizabeth II (19 September 2022) and the Coronation of King Charles III (8 May 2023).
 * 2029–2035: not yet published; computed by the standing rules (bankHolidayRules.ts). If the government
 * announces a change, add the year to PUBLISHED below.
 *
 * Dates outside 2014–2035 are refused rather than guessed: a wrong holiday moves a legal deadline.
 */
import { standardBankHolidays, type BankHoliday } from './bankHolidayRules';
import { parseIsoDate } from './isoDate';

export type { BankHoliday };

export const BANK_HOLIDAY_SOURCE =
  'GOV.UK, “UK bank holidays: England and Wales”, https://www.gov.uk/bank-holidays';
export const BANK_HOLIDAYS_REVIEWED = '2026-11-23';
export const FIRST_COVERED_YEAR = 2014;
export const LAST_COVERED_YEAR = 2035;
export const LAST_PUBLISHED_YEAR = 2028;

const NY = 'New Year’s Day';
const GF = 'Good Friday';
const EM = 'Easter Monday';
const EARLY = 'Early May bank holiday';
const SPRING = 'Spring bank holiday';
const SUMMER = 'Summer bank holiday';
const XMAS = 'Christmas Day';
const BOXING = 'Boxing Day';
const SUB = true;

type Row = [date: string, name: string, substitute?: boolean];

/** The published lists, year by year. */
const PUBLISHED: Record<number, Row[]> = {
  2014: [
    ['2014-01-01', NY],
    ['2014-04-18', GF],
    ['2014-04-21', EM],
    ['2014-05-05', EARLY],
    ['2014-05-26', SPRING],
    ['2014-08-25', SUMMER],
    ['2014-12-25', XMAS],
    ['2014-12-26', BOXING],
  ],
  2015: [
    ['2015-01-01', NY],
    ['2015-04-03', GF],
    ['2015-04-06', EM],
    ['2015-05-04', EARLY],
    ['2015-05-25', SPRING],
    ['2015-08-31', SUMMER],
    ['2015-12-25', XMAS],
    ['2015-12-28', BOXING, SUB],
  ],
  2016: [
    ['2016-01-01', NY],
    ['2016-03-25', GF],
    ['2016-03-28', EM],
    ['2016-05-02', EARLY],
    ['2016-05-30', SPRING],
    ['2016-08-29', SUMMER],
    ['2016-12-26', BOXING],
    ['2016-12-27', XMAS, SUB],
  ],
  2017: [
    ['2017-01-02', NY, SUB],
    ['2017-04-14', GF],
    ['2017-04-17', EM],
    ['2017-05-01', EARLY],
    ['2017-05-29', SPRING],
    ['2017-08-28', SUMMER],
    ['2017-12-25', XMAS],
    ['2017-12-26', BOXING],
  ],
  2018: [
    ['2018-01-01', NY],
    ['2018-03-30', GF],
    ['2018-04-02', EM],
    ['2018-05-07', EARLY],
    ['2018-05-28', SPRING],
    ['2018-08-27', SUMMER],
    ['2018-12-25', XMAS],
    ['2018-12-26', BOXING],
  ],
  2019: [
    ['2019-01-01', NY],
    ['2019-04-19', GF],
    ['2019-04-22', EM],
    ['2019-05-06', EARLY],
    ['2019-05-27', SPRING],
    ['2019-08-26', SUMMER],
    ['2019-12-25', XMAS],
    ['2019-12-26', BOXING],
  ],
  2020: [
    ['2020-01-01', NY],
    ['2020-04-10', GF],
    ['2020-04-13', EM],
    ['2020-05-08', 'Early May bank holiday (VE day)'],
    ['2020-05-25', SPRING],
    ['2020-08-31', SUMMER],
    ['2020-12-25', XMAS],
    ['2020-12-28', BOXING, SUB],
  ],
  2021: [
    ['2021-01-01', NY],
    ['2021-04-02', GF],
    ['2021-04-05', EM],
    ['2021-05-03', EARLY],
    ['2021-05-31', SPRING],
    ['2021-08-30', SUMMER],
    ['2021-12-27', XMAS, SUB],
    ['2021-12-28', BOXING, SUB],
  ],
  2022: [
    ['2022-01-03', NY, SUB],
    ['2022-04-15', GF],
    ['2022-04-18', EM],
    ['2022-05-02', EARLY],
    ['2022-06-02', SPRING],
    ['2022-06-03', 'Platinum Jubilee bank holiday'],
    ['2022-08-29', SUMMER],
    ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
    ['2022-12-26', BOXING],
    ['2022-12-27', XMAS, SUB],
  ],
  2023: [
    ['2023-01-02', NY, SUB],
    ['2023-04-07', GF],
    ['2023-04-10', EM],
    ['2023-05-01', EARLY],
    ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
    ['2023-05-29', SPRING],
    ['2023-08-28', SUMMER],
    ['2023-12-25', XMAS],
    ['2023-12-26', BOXING],
  ],
  2024: [
    ['2024-01-01', NY],
    ['2024-03-29', GF],
    ['2024-04-01', EM],
    ['2024-05-06', EARLY],
    ['2024-05-27', SPRING],
    ['2024-08-26', SUMMER],
    ['2024-12-25', XMAS],
    ['2024-12-26', BOXING],
  ],
  2025: [
    ['2025-01-01', NY],
    ['2025-04-18', GF],
    ['2025-04-21', EM],
    ['2025-05-05', EARLY],
    ['2025-05-26', SPRING],
    ['2025-08-25', SUMMER],
    ['2025-12-25', XMAS],
    ['2025-12-26', BOXING],
  ],
  2026: [
    ['2026-01-01', NY],
    ['2026-04-03', GF],
    ['2026-04-06', EM],
    ['2026-05-04', EARLY],
    ['2026-05-25', SPRING],
    ['2026-08-31', SUMMER],
    ['2026-12-25', XMAS],
    ['2026-12-28', BOXING, SUB],
  ],
  2027: [
    ['2027-01-01', NY],
    ['2027-03-26', GF],
    ['2027-03-29', EM],
    ['2027-05-03', EARLY],
    ['2027-05-31', SPRING],
    ['2027-08-30', SUMMER],
    ['2027-12-27', XMAS, SUB],
    ['2027-12-28', BOXING, SUB],
  ],
  2028: [
    ['2028-01-03', NY, SUB],
    ['2028-04-14', GF],
    ['2028-04-17', EM],
    ['2028-05-01', EARLY],
    ['2028-05-29', SPRING],
    ['2028-08-28', SUMMER],
    ['2028-12-25', XMAS],
    ['2028-12-26', BOXING],
  ],
};

function buildTable(): Map<number, BankHoliday[]> {
  const table = new Map<number, BankHoliday[]>();
  for (let year = FIRST_COVERED_YEAR; year <= LAST_COVERED_YEAR; year++) {
    const rows = PUBLISHED[year];
    table.set(
      year,
      rows
        ? rows.map(([date, name, substitute]) => (substitute ? { date, name, substitute } : { date, name }))
        : standardBankHolidays(year),
    );
  }
  return table;
}

const TABLE = buildTable();
const DATES = new Set([...TABLE.values()].flat().map((h) => h.date));

/** A date the calendar cannot answer for: refused with a plain explanation, never guessed. */
export class CalendarRangeError extends Error {
  readonly date: string;
  constructor(date: string) {
    super(
      `The working-day calendar covers ${FIRST_COVERED_YEAR} to ${LAST_COVERED_YEAR}. ${date} is outside it, ` +
        'so the app cannot count working days for it. Check the date, or count this one by hand using ' +
        'the list at gov.uk/bank-holidays.',
    );
    this.name = 'CalendarRangeError';
    this.date = date;
  }
}

function isCoveredYear(year: number): boolean {
  return year >= FIRST_COVERED_YEAR && year <= LAST_COVERED_YEAR;
}

function requireCovered(iso: string): void {
  if (!isCoveredYear(parseIsoDate(iso).year)) throw new CalendarRangeError(iso);
}

export function isBankHoliday(iso: string): boolean {
  requireCovered(iso);
  return DATES.has(iso);
}

export function bankHolidayName(iso: string): string | null {
  requireCovered(iso);
  return TABLE.get(parseIsoDate(iso).year)!.find((h) => h.date === iso)?.name ?? null;
}

/** The year's bank holidays in date order; `published` says whether the list is the government's own. */
export function bankHolidaysIn(year: number): { holidays: BankHoliday[]; published: boolean } {
  if (!isCoveredYear(year)) throw new CalendarRangeError(`${year}-01-01`);
  return { holidays: TABLE.get(year)!.map((h) => ({ ...h })), published: year in PUBLISHED };
}
