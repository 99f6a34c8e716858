import { describe, expect, it } from 'vitest';
import {
  adjustStartOfProceedings,
  appealRegistrationDeadline,
  claimRegistrationDeadline,
  computeDeadlines,
  COMPLIANCE_ORDER_KINDS,
  isOpenDeadline,
  orderKindsFor,
} from '../../../shared/deadlines';
import { deadlineById as find, deadlineInput as input } from '../../helpers/deadlines';

describe('registering a SEND appeal', () => {
  it('is 2 months from the decision letter by the corresponding date', () => {
    expect(appealRegistrationDeadline('2026-02-10', null)?.due).toBe('2026-04-10');
  });

  it('takes the later of 2 months from the decision and 1 month from the mediation certificate', () => {
    // Decision: 10 Apr. Certificate: 20 Apr (later) wins.
    const later = appealRegistrationDeadline('2026-02-10', '2026-03-20')!;
    expect(later.due).toBe('2026-04-20');
    expect(later.steps.join(' ')).toMatch(/later of the two/);
    // Certificate + 1 month = 20 March, earlier than 10 April: the decision's date wins.
    expect(appealRegistrationDeadline('2026-02-10', '2026-02-20')?.due).toBe('2026-04-10');
  });

  it('uses the last day of a shorter month, then moves off the weekend', () => {
    // 31 Dec 2025 + 2 months = 28 Feb 2026, a Saturday → Monday 2 March.
    expect(appealRegistrationDeadline('2025-12-31', null)?.due).toBe('2026-03-02');
    // Certificate of 31 Jan 2026 + 1 month = 28 Feb 2026, same.
    expect(appealRegistrationDeadline(null, '2026-01-31')?.due).toBe('2026-03-02');
  });

  it('moves a deadline on a weekend or bank holiday to the next working day', () => {
    expect(adjustStartOfProceedings('2026-05-16').due).toBe('2026-05-18'); // Saturday
    expect(adjustStartOfProceedings('2026-05-25').due).toBe('2026-05-26'); // Spring bank holiday
    expect(adjustStartOfProceedings('2026-04-03').due).toBe('2026-04-07'); // Good Friday → after Easter Monday
    expect(adjustStartOfProceedings('2026-05-14').due).toBe('2026-05-14'); // an ordinary Thursday
    expect(appealRegistrationDeadline('2026-03-25', null)?.due).toBe('2026-05-26');
  });

  it('moves a deadline ending 25 December–1 January to the first working day after 1 January', () => {
    // 28 Oct + 2 months = 28 Dec 2026 (a substitute bank holiday anyway); 2–3 Jan 2027 are a weekend.
    expect(appealRegistrationDeadline('2026-10-28', null)?.due).toBe('2027-01-04');
    // 30 Dec 2026 is an ordinary weekday, but still inside the Christmas period.
    const dec30 = appealRegistrationDeadline('2026-10-30', null)!;
    expect(dec30.due).toBe('2027-01-04');
    expect(dec30.steps.join(' ')).toMatch(/between 25 December and 1 January/);
    // Ending on 1 January itself.
    expect(appealRegistrationDeadline('2026-11-01', null)?.due).toBe('2027-01-04');
    // 2028: 2 January is a Sunday and 3 January the New Year substitute day.
    expect(adjustStartOfProceedings('2027-12-30').due).toBe('2028-01-04');
    // 24 December is not in the period.
    expect(adjustStartOfProceedings('2026-12-24').due).toBe('2026-12-24');
  });

  it('moves a deadline ending in August to the first working day after 31 August', () => {
    // 15 Aug 2026 → 31 Aug is the summer bank holiday, so Tuesday 1 September.
    const aug = appealRegistrationDeadline('2026-06-15', null)!;
    expect(aug.due).toBe('2026-09-01');
    expect(aug.steps.join(' ')).toMatch(/August/);
    // 3 Aug 2027 (a Tuesday, a working day) still moves: 1 September 2027 is a Wednesday.
    expect(adjustStartOfProceedings('2027-08-03').due).toBe('2027-09-01');
    expect(adjustStartOfProceedings('2026-07-31').due).toBe('2026-07-31');
  });
});

describe('disability discrimination claims', () => {
  it('is 6 months starting with the date of the conduct, with no August or Christmas extension', () => {
    expect(claimRegistrationDeadline('2026-02-20').due).toBe('2026-08-19');
    expect(claimRegistrationDeadline('2026-06-26').due).toBe('2026-12-25');
    // No corresponding day (31 Aug → February): the last day of that month.
    expect(claimRegistrationDeadline('2025-08-31').due).toBe('2026-02-28');
    const list = computeDeadlines(
      input({ appealType: 'disability-discrimination', decisionDate: '2026-02-20' }),
      '2026-03-01',
    );
    expect(find(list, 'claim-registration').due).toBe('2026-08-19');
    expect(list.deadlines.some((d) => d.kind === 'la-response')).toBe(false);
  });
});

describe('steps after registration', () => {
  it('estimates the LA response at 30 working days, skipping August', () => {
    const june = computeDeadlines(input({ registeredDate: '2026-06-15' }), '2026-06-15');
    expect(find(june, 'la-response')).toMatchObject({ due: '2026-07-27', basis: 'estimate' });
    // Registered 20 July: August is not counted.
    const july = computeDeadlines(input({ registeredDate: '2026-07-20' }), '2026-07-20');
    expect(find(july, 'la-response').due).toBe('2026-09-29');
    expect(july.notes.some((n) => n.kind === 'la-response')).toBe(true);
  });

  it("keeps the tribunal's date exactly as given, even in August", () => {
    const list = computeDeadlines(
      input({ registeredDate: '2026-06-15', tribunalDates: { 'la-response': '2026-08-15' } }),
      '2026-06-15',
    );
    expect(find(list, 'la-response')).toMatchObject({ due: '2026-08-15', basis: 'tribunal' });
  });

  it('puts the bundle 10 working days before the hearing, skipping August', () => {
    const list = computeDeadlines(
      input({ registeredDate: '2026-05-01', hearingDate: '2026-09-10' }),
      '2026-05-01',
    );
    expect(find(list, 'hearing')).toMatchObject({ due: '2026-09-10', basis: 'tribunal' });
    expect(find(list, 'bundle')).toMatchObject({ due: '2026-07-29', basis: 'rule' });
  });

  it('estimates the hearing 12 weeks after registration until its date is entered', () => {
    const list = computeDeadlines(input({ registeredDate: '2026-03-02' }), '2026-03-02');
    expect(find(list, 'hearing')).toMatchObject({ due: '2026-05-26', basis: 'estimate' }); // 25 May is a holiday
    expect(find(list, 'bundle').basis).toBe('estimate');
  });

  it('lists evidence and attendance dates only once entered from the tribunal letter', () => {
    const before = computeDeadlines(input({ registeredDate: '2026-03-02' }), '2026-03-02');
    expect(before.deadlines.some((d) => d.kind === 'evidence')).toBe(false);
    expect(before.notes.map((n) => n.message).join(' ')).toMatch(/final evidence and attendance form dates/);
    const after = computeDeadlines(
      input({
        registeredDate: '2026-03-02',
        tribunalDates: { evidence: '2026-04-20', attendance: '2026-04-27' },
      }),
      '2026-03-02',
    );
    expect(find(after, 'evidence')).toMatchObject({
      due: '2026-04-20',
      basis: 'tribunal',
      source: expect.stringMatching(/directions/),
    });
    expect(find(after, 'attendance').due).toBe('2026-04-27');
  });
});

describe("commissioners' responses to recommendations", () => {
  const rec = {
    id: 7,
    area: 'health' as const,
    text: 'Provide speech and language therapy',
    madeDate: '2026-03-10',
    tribunalDueDate: null,
    respondedDate: null,
  };

  it('is 5 weeks from the date of the recommendation', () => {
    const list = computeDeadlines(input({ recommendations: [rec] }), '2026-03-10');
    const d = find(list, 'commissioner-response:7');
    expect(d).toMatchObject({
      kind: 'commissioner-response',
      due: '2026-04-14',
      who: 'health-commissioner',
      basis: 'rule',
    });
    expect(d.rule).toMatch(/5 weeks/);
    expect(d.rule).toMatch(/family and the LA/);
  });

  it('uses the date the tribunal set instead, when there is one', () => {
    const list = computeDeadlines(
      input({ recommendations: [{ ...rec, tribunalDueDate: '2026-04-30' }] }),
      '2026-03-10',
    );
    expect(find(list, 'commissioner-response:7')).toMatchObject({ due: '2026-04-30', basis: 'tribunal' });
  });

  it('is done once the response date is recorded, and numbers recommendations per area', () => {
    const social = { ...rec, id: 8, area: 'social-care' as const, respondedDate: '2026-04-01' };
    const list = computeDeadlines(input({ recommendations: [rec, social] }), '2026-04-20');
    expect(find(list, 'commissioner-response:8')).toMatchObject({ status: 'done', doneDate: '2026-04-01' });
    expect(find(list, 'commissioner-response:8').label).toMatch(
      /^Social care commissioner's .* recommendation 1$/,
    );
    expect(find(list, 'commissioner-response:7').status).toBe('overdue');
  });
});

describe('status and working days left', () => {
  const rec = {
    id: 1,
    area: 'health' as const,
    text: 'x',
    madeDate: '2026-03-10',
    tribunalDueDate: null,
    respondedDate: null,
  };
  const at = (today: string) =>
    find(computeDeadlines(input({ recommendations: [rec] }), today), 'commissioner-response:1');

  it('counts working days to the due date and labels the status', () => {
    // Due Tuesday 14 April 2026; Good Friday 3 April and Easter Monday 6 April are not working days.
    expect(at('2026-03-30')).toMatchObject({ status: 'upcoming', workingDaysLeft: 9 });
    expect(at('2026-04-07')).toMatchObject({ status: 'due-soon', workingDaysLeft: 5 });
    expect(at('2026-04-14')).toMatchObject({ status: 'due-soon', workingDaysLeft: 0 });
    expect(at('2026-04-15')).toMatchObject({ status: 'overdue', workingDaysLeft: -1 });
  });

  it('marks the appeal registration done once the appeal is registered', () => {
    const list = computeDeadlines(
      input({ decisionDate: '2026-02-10', registeredDate: '2026-03-01' }),
      '2026-05-01',
    );
    expect(find(list, 'appeal-registration')).toMatchObject({ status: 'done', doneDate: '2026-03-01' });
  });

  it('once the hearing has been held, a step before it not marked done is overtaken, not overdue', () => {
    const dates = {
      decisionDate: '2026-01-12',
      registeredDate: '2026-02-16',
      hearingDate: '2026-06-16',
      recommendations: [{ ...rec, madeDate: '2026-06-16' }],
      orders: [{ id: 1, kind: 'amend-plan', orderDate: '2026-06-30' }],
    };
    const before = computeDeadlines(input(dates), '2026-06-15');
    expect(find(before, 'la-response').status).toBe('overdue');
    expect(find(before, 'bundle').status).toBe('overdue');

    const after = computeDeadlines(input({ ...dates, doneDates: { bundle: '2026-06-01' } }), '2026-07-27');
    expect(find(after, 'hearing')).toMatchObject({ status: 'done', doneDate: null });
    expect(find(after, 'la-response').status).toBe('overtaken');
    expect(find(after, 'la-response').workingDaysLeft).toBeLessThan(0);
    expect(find(after, 'bundle')).toMatchObject({ status: 'done', doneDate: '2026-06-01' });
    // What follows the hearing keeps its status: the 5-week reply (due 21 July) is overdue.
    expect(find(after, 'commissioner-response:1').status).toBe('overdue');
    expect(find(after, 'la-compliance:1:amended-plan').status).toBe('upcoming');
    expect(isOpenDeadline(find(after, 'la-response'))).toBe(false);
    expect(isOpenDeadline(find(after, 'commissioner-response:1'))).toBe(true);
  });

  it('does not overtake anything for an estimated hearing, which may not have happened', () => {
    const list = computeDeadlines(input({ registeredDate: '2026-02-16' }), '2026-07-01');
    expect(find(list, 'hearing')).toMatchObject({ basis: 'estimate', status: 'overdue' });
    expect(find(list, 'la-response').status).toBe('overdue');
  });

  it('sorts by due date and gives every deadline a kind, due, rule and source', () => {
    const list = computeDeadlines(
      input({
        decisionDate: '2026-01-12',
        mediationCertificateDate: '2026-02-02',
        registeredDate: '2026-03-16',
        recommendations: [rec],
      }),
      '2026-03-16',
    );
    const dues = list.deadlines.map((d) => d.due);
    expect(dues).toEqual([...dues].sort());
    for (const d of list.deadlines) {
      expect(d.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(d.rule.length).toBeGreaterThan(20);
      expect(d.source.length).toBeGreaterThan(10);
    }
  });
});

describe("LA's periods to comply with an order", () => {
  it('offers the orders each kind of appeal can end in, and none for a claim', () => {
    const ids = (t: Parameters<typeof orderKindsFor>[0]) => orderKindsFor(t).map((k) => k.id);
    expect(ids('refusal-to-assess')).toEqual(['assess', 'unopposed-assess', 'mediation-agreement']);
    expect(ids('refusal-to-issue')).toEqual([
      'make-plan',
      'reconsider',
      'unopposed-make-plan',
      'mediation-agreement',
    ]);
    expect(ids('contents-of-plan')).toEqual([
      'amend-plan',
      'change-school',
      'unopposed-contents',
      'unopposed-school',
      'mediation-agreement',
    ]);
    expect(ids('cease-to-maintain')).toContain('continue-and-amend');
    expect(ids('disability-discrimination')).toEqual([]);
    // Every kind can be chosen in some appeal, and unconfirmed periods still say so.
    for (const kind of COMPLIANCE_ORDER_KINDS) expect(kind.appeals.length).toBeGreaterThan(0);
    expect(orderKindsFor('contents-of-plan').find((k) => k.id === 'amend-plan')?.unconfirmed).toBe(true);
  });

  it('names each step with its order, keeping the order’s capitals', () => {
    const list = computeDeadlines(
      input({ orders: [{ id: 1, kind: 'amend-plan', orderDate: '2026-07-01' }] }),
      '2026-07-01',
    );
    expect(find(list, 'la-compliance:1:amended-plan').label).toBe(
      'LA issues the amended EHC plan (order to amend the EHC plan (sections B, F and others))',
    );
  });

  it('applies the SEND Regulations 2014 table per kind of order', () => {
    const list = computeDeadlines(
      input({
        orders: [
          { id: 1, kind: 'amend-plan', orderDate: '2026-07-01' },
          { id: 2, kind: 'make-plan', orderDate: '2026-07-01' },
          { id: 3, kind: 'assess', orderDate: '2026-07-01' },
          { id: 4, kind: 'change-school', orderDate: '2026-07-01' },
          { id: 5, kind: 'continue-to-maintain', orderDate: '2026-07-01' },
        ],
      }),
      '2026-07-01',
    );
    expect(find(list, 'la-compliance:1:amended-plan')).toMatchObject({
      due: '2026-08-05',
      source: expect.stringMatching(/reg 44/),
    });
    expect(find(list, 'la-compliance:2:draft-plan').due).toBe('2026-08-05');
    expect(find(list, 'la-compliance:2:final-plan').due).toBe('2026-09-16');
    expect(find(list, 'la-compliance:3:notify').due).toBe('2026-07-15');
    expect(find(list, 'la-compliance:3:decide-not-to-issue').due).toBe('2026-09-09');
    expect(find(list, 'la-compliance:3:final-plan').due).toBe('2026-10-07');
    expect(find(list, 'la-compliance:4:amended-plan').due).toBe('2026-07-15');
    expect(find(list, 'la-compliance:5:continue').due).toBe('2026-07-01');
  });

  it('cites a regulation for every kind of order', () => {
    for (const kind of COMPLIANCE_ORDER_KINDS) {
      expect(kind.source).toMatch(/Special Educational Needs and Disability Regulations 2014, reg 4[245]/);
      expect(kind.steps.length).toBeGreaterThan(0);
    }
  });
});

describe('dates outside the calendar', () => {
  it('turns them into a clear note instead of failing the whole list', () => {
    const list = computeDeadlines(
      input({ decisionDate: '2035-12-15', registeredDate: '2026-03-02' }),
      '2026-03-02',
    );
    expect(list.deadlines.some((d) => d.kind === 'appeal-registration')).toBe(false);
    expect(list.notes.find((n) => n.kind === 'appeal-registration')?.message).toMatch(/covers 2014 to 2035/);
    expect(list.deadlines.some((d) => d.kind === 'la-response')).toBe(true);
  });
});
