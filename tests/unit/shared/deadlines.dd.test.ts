/**
 * Disability discrimination claims are a different proceeding from SEND appeals: ordinary working days
 * (HESC Rules r.12(3) covers special educational needs cases only since the Tribunal Procedure (Amendment)
 * Rules 2020), and the claim's own words (claimant, responsible body, conduct). Every date below was worked
 * out by hand from the rule cited beside it; the bank holidays are GOV.UK's for England and Wales.
 */
import { describe, expect, it } from 'vitest';
import { computeDeadlines, type DeadlineInput, type DeadlineList } from '../../../shared/deadlines';
import { deadlineInput, deadlineById } from '../../helpers/deadlines';

const input = (overrides: Partial<DeadlineInput> = {}) =>
  deadlineInput({ appealType: 'disability-discrimination', ...overrides });

const due = (list: DeadlineList, id: string): string => deadlineById(list, id).due;

const bundleBefore = (hearingDate: string, appealType: DeadlineInput['appealType']) =>
  due(
    computeDeadlines(input({ appealType, registeredDate: '2026-03-02', hearingDate }), '2026-03-02'),
    'bundle',
  );

describe('a claim counts ordinary working days in every part of the year (r.1 working day; r.12(3) is SEN only)', () => {
  it('August: the bundle for a September hearing is not a month early', () => {
    // Hearing Thursday 10 September 2026. Ten working days back: 9, 8, 7, 4, 3, 2, 1 September (7),
    // Monday 31 August is the summer bank holiday, then Friday 28 (8), Thursday 27 (9), Wednesday 26 August (10).
    expect(bundleBefore('2026-09-10', 'disability-discrimination')).toBe('2026-08-26');
    // An appeal leaves all of August out (r.12(3)(b)): 9–1 September (7), then 31, 30, 29 July.
    expect(bundleBefore('2026-09-10', 'contents-of-plan')).toBe('2026-07-29');
  });

  it('Christmas: 25 December–1 January count, except the bank holidays', () => {
    // Hearing Wednesday 13 January 2027. Back: 12, 11, 8, 7, 6, 5, 4 January (7); Friday 1 January is New
    // Year's Day; Thursday 31 (8), Wednesday 30 (9), Tuesday 29 December 2026 (10). (Christmas Day is
    // Friday 25th, Boxing Day's substitute Monday 28th.)
    expect(bundleBefore('2027-01-13', 'disability-discrimination')).toBe('2026-12-29');
    // An appeal leaves 25 December–1 January out: after the 7 January days, 24, 23, 22 December.
    expect(bundleBefore('2027-01-13', 'refusal-to-issue')).toBe('2026-12-22');
  });

  it('Easter: Good Friday and Easter Monday are left out, as in an appeal', () => {
    // Hearing Friday 9 April 2027 (Easter Sunday is 28 March 2027). Back: 8, 7, 6, 5, 2, 1 April, 31, 30
    // March (8); Monday 29 (Easter Monday) and Friday 26 (Good Friday) skipped; Thursday 25 (9), Wednesday 24 (10).
    expect(bundleBefore('2027-04-09', 'disability-discrimination')).toBe('2027-03-24');
    expect(bundleBefore('2027-04-09', 'cease-to-maintain')).toBe('2027-03-24');
  });

  it('autumn: a plain run of weekdays', () => {
    // Hearing Monday 16 November 2026. Back: 13, 12, 11, 10, 9, 6, 5, 4, 3, 2 November.
    expect(bundleBefore('2026-11-16', 'disability-discrimination')).toBe('2026-11-02');
  });

  it('says how it counted, without the SEND closure days', () => {
    const list = computeDeadlines(
      input({ registeredDate: '2026-03-02', hearingDate: '2026-09-10' }),
      '2026-03-02',
    );
    const bundle = list.deadlines.find((d) => d.id === 'bundle')!;
    expect(bundle.rule).toMatch(/not counting weekends or bank holidays/);
    expect(bundle.rule).toMatch(/does not leave out August/);
    expect(bundle.source).toMatch(/r\.12\(3\) does not apply to disability discrimination claims/);
  });
});

describe("a claim's deadline list uses the claim's words throughout", () => {
  const list = computeDeadlines(
    input({
      decisionDate: '2026-02-20',
      registeredDate: '2026-03-16',
      hearingDate: '2026-09-10',
      tribunalDates: { 'la-response': '2026-04-27', evidence: '2026-07-20', attendance: '2026-07-27' },
    }),
    '2026-03-16',
  );
  const text = [
    ...list.deadlines.flatMap((d) => [d.label, d.rule]),
    ...list.notes.map((n) => n.message),
  ].join('\n');

  it('names the claimant and the responsible body', () => {
    const byId = Object.fromEntries(list.deadlines.map((d) => [d.id, d]));
    expect(byId['claim-registration']).toMatchObject({
      who: 'claimant',
      label: expect.stringMatching(/claim form \(SEND4A, 4B, 26A or 26B\)/),
    });
    expect(byId['la-response']).toMatchObject({
      who: 'responsible-body',
      label: "Responsible body's response to the claim",
      due: '2026-04-27',
      basis: 'tribunal',
    });
    expect(byId.bundle).toMatchObject({
      who: 'responsible-body',
      label: 'Responsible body sends the hearing bundle',
    });
  });

  it('never speaks of an appeal, an appellant, a local authority or a decision', () => {
    expect(text).not.toMatch(/\bappeal|appellant|\bLA\b|local authority|decision/i);
  });

  it('does not guess the response or hearing dates it has no rule for', () => {
    const bare = computeDeadlines(input({ registeredDate: '2026-03-16' }), '2026-03-16');
    expect(bare.deadlines.map((d) => d.kind)).not.toContain('la-response');
    expect(bare.deadlines.map((d) => d.kind)).not.toContain('hearing');
    const notes = bare.notes.map((n) => n.message).join(' ');
    expect(notes).toMatch(/Check the date in the tribunal's letter.*responsible body's response/);
    expect(notes).toMatch(/Check the date in the tribunal's letter.*hearing date/);
    expect(notes).toMatch(/reinstated \(form SEND26A or SEND26B\) is usually fast-tracked/);
  });
});

describe('the time limit for a claim (Equality Act 2010, Schedule 17, para 4)', () => {
  const claim = (conduct: string, facts: Partial<DeadlineInput> = {}, today = '2026-03-01') =>
    computeDeadlines(input({ decisionDate: conduct, ...facts }), today).deadlines.find(
      (d) => d.id === 'claim-registration',
    )!;

  it('is 6 months starting with the date of the conduct, in every part of the year', () => {
    // para 4(1): "6 months starting with the date when the conduct complained of occurred": the conduct's
    // day counts, so the period ends the day before the corresponding date 6 months on.
    expect(claim('2026-01-15').due).toBe('2026-07-14'); // winter → Tuesday 14 July
    expect(claim('2026-02-20').due).toBe('2026-08-19'); // ends in August: no move to September
    expect(claim('2026-06-26').due).toBe('2026-12-25'); // ends on Christmas Day: no move to January
    expect(claim('2025-08-31').due).toBe('2026-02-28'); // no 31 February: the end of that month
  });

  it('does not move a last day on a weekend or bank holiday, and says so', () => {
    // 5 April 2026 + 6 months = 5 October; the day before, 4 October 2026, is a Sunday.
    const sunday = claim('2026-04-05');
    expect(sunday.due).toBe('2026-10-04');
    expect(sunday.rule).toMatch(/4 October 2026 is a weekend.*not moved.*send the claim before it/);
    expect(claim('2026-06-26').rule).toMatch(/25 December 2026 is a bank holiday/);
  });

  it('runs from the end of conduct that continued over a period (para 4(5)(b))', () => {
    // 2 March to 20 May 2026: treated as done on 20 May; 20 November − 1 day = 19 November 2026.
    const d = claim('2026-03-02', { conductEndDate: '2026-05-20' });
    expect(d.due).toBe('2026-11-19');
    expect(d.rule).toMatch(/continued until 20 May 2026/);
  });

  it('is 3 months longer when the dispute is referred for conciliation in time (para 4(2))', () => {
    // Conduct 10 March 2026: 6 months end on 9 September. Referred on 1 August (in time): 9 months
    // starting with 10 March end on 9 December 2026.
    expect(claim('2026-03-10', { conciliationDate: '2026-08-01' }).due).toBe('2026-12-09');
    // Referred on the last day of the 6 months still counts.
    expect(claim('2026-03-10', { conciliationDate: '2026-09-09' }).due).toBe('2026-12-09');
    // Referred on 20 September, after the 6 months ended: no extra time.
    const late = claim('2026-03-10', { conciliationDate: '2026-09-20' });
    expect(late.due).toBe('2026-09-09');
    expect(late.rule).toMatch(/after the 6 months had ended, so it does not add 3 months/);
    // Both together: conduct 5 January to 31 March 2026 → 6 months end 30 September (no 31 September);
    // conciliation 1 September is in time → 9 months starting with 31 March end on 30 December 2026.
    expect(claim('2026-01-05', { conductEndDate: '2026-03-31', conciliationDate: '2026-09-01' }).due).toBe(
      '2026-12-30',
    );
  });

  it("notes the tribunal's power to consider a claim out of time once the last day has passed (para 4(3))", () => {
    const late = computeDeadlines(input({ decisionDate: '2026-01-15' }), '2026-08-01');
    expect(late.notes.map((n) => n.message).join(' ')).toMatch(
      /the tribunal can still decide to consider it \(Equality Act 2010, Schedule 17, para 4\(3\)\)/,
    );
    const inTime = computeDeadlines(input({ decisionDate: '2026-01-15' }), '2026-07-14');
    expect(inTime.notes.map((n) => n.message).join(' ')).not.toMatch(/para 4\(3\)/);
  });
});
