/** Dates as people type them (GOV.UK date input): splitting, month names and a specific message for each problem. */
import { describe, expect, it } from 'vitest';
import {
  dateEntryFromIso,
  EMPTY_DATE_ENTRY,
  parseMonth,
  readDateEntry,
  splitWholeDate,
  updateDateEntry,
} from '../../../../shared/dates/entry';

const what = 'the date on the decision letter';

describe('typed dates', () => {
  it('splits a whole date typed into one box, in the ways people in the UK write it', () => {
    for (const text of [
      '31/03/2026',
      '31 3 2026',
      '31 March 2026',
      '31-3-2026',
      '31.03.2026',
      '2026-03-31',
      '31st Mar 2026',
    ]) {
      const entry = updateDateEntry(EMPTY_DATE_ENTRY, 'day', text);
      expect(readDateEntry(entry, { what }), text).toEqual({ ok: true, iso: '2026-03-31' });
    }
    // Partial typing stays in the box it was typed into.
    expect(updateDateEntry(EMPTY_DATE_ENTRY, 'day', '31/03/20')).toEqual({
      day: '31/03/20',
      month: '',
      year: '',
    });
    expect(splitWholeDate('31 Smarch 2026')).toBeNull();
  });

  it('reads month names and numbers', () => {
    expect([
      parseMonth('3'),
      parseMonth('03'),
      parseMonth('march'),
      parseMonth('Sept'),
      parseMonth('Dec.'),
    ]).toEqual([3, 3, 3, 9, 12]);
    expect([parseMonth('13'), parseMonth('0'), parseMonth('ma'), parseMonth('x')]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('names the question and what is wrong', () => {
    expect(readDateEntry({ day: '31', month: '2', year: '2026' }, { what })).toEqual({
      ok: false,
      message: 'The date on the decision letter must be a real date: February 2026 has 28 days',
      parts: ['day'],
    });
    expect(readDateEntry({ day: '31', month: '', year: '' }, { what })).toMatchObject({
      ok: false,
      message: 'The date on the decision letter must include a month and a year',
      parts: ['month', 'year'],
    });
    expect(readDateEntry({ day: '1', month: '4', year: '26' }, { what })).toMatchObject({
      ok: false,
      parts: ['year'],
    });
    expect(readDateEntry({ day: '1', month: 'Smarch', year: '2026' }, { what })).toMatchObject({
      ok: false,
      parts: ['month'],
    });
    expect(readDateEntry(EMPTY_DATE_ENTRY, { what, required: true })).toMatchObject({
      ok: false,
      message: 'Enter the date on the decision letter',
    });
    expect(readDateEntry(EMPTY_DATE_ENTRY, { what })).toEqual({ ok: true, iso: null });
    expect(readDateEntry({ day: '29', month: 'February', year: '2028' }, { what })).toEqual({
      ok: true,
      iso: '2028-02-29',
    });
  });

  it('shows a stored date in the three boxes', () => {
    expect(dateEntryFromIso('2026-03-05')).toEqual({ day: '5', month: '3', year: '2026' });
    expect(dateEntryFromIso(null)).toEqual(EMPTY_DATE_ENTRY);
  });
});
