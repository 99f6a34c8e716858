/**
 * SEND appeal deadlines the first audit found missing or wrong (#13). Every date below was worked out by
 * hand from the rule cited beside it; bank holidays are GOV.UK's for England and Wales.
 */
import { describe, expect, it } from 'vitest';
import {
  certificateBeforeDecisionWarning,
  COMPLIANCE_ORDER_KINDS,
  computeDeadlines,
  type DeadlineInput,
  type DeadlineList,
  type DeadlineRecommendation,
} from '../../../shared/deadlines';
import { deadlineInput as input, deadlineById as byId } from '../../helpers/deadlines';
import { tempServices } from '../../helpers/context';

const notes = (list: DeadlineList) => list.notes.map((n) => n.message).join('\n');

describe('the mediation certificate in a refusal to assess (Children and Families Act 2014 s.55; HESC r.20(1)(c))', () => {
  it('asks for the certificate, as in every appeal that is not only about the school', () => {
    const list = computeDeadlines(
      input({ appealType: 'refusal-to-assess', decisionDate: '2026-02-10' }),
      '2026-02-11',
    );
    expect(notes(list)).toMatch(/When you have the mediation certificate, enter its date/);
  });

  it('takes the later 1-month-from-certificate date for a refusal to assess', () => {
    // r.20(1)(c): 2 months after 10 February = 10 April 2026; 1 month from a certificate of 20 March =
    // 20 April 2026 (a Monday), which is later.
    const list = computeDeadlines(
      input({
        appealType: 'refusal-to-assess',
        decisionDate: '2026-02-10',
        mediationCertificateDate: '2026-03-20',
      }),
      '2026-03-21',
    );
    expect(byId(list, 'appeal-registration').due).toBe('2026-04-20');
  });

  it('warns when the certificate is dated before the decision (SEND Regs 2014 reg 33)', () => {
    // Decision 10 March 2026: 2 months = 10 May, a Sunday → Monday 11 May. The certificate of 1 March
    // + 1 month = 1 April is earlier, so it does not help; and it cannot be about this decision.
    const list = computeDeadlines(
      input({ decisionDate: '2026-03-10', mediationCertificateDate: '2026-03-01' }),
      '2026-03-11',
    );
    expect(byId(list, 'appeal-registration').due).toBe('2026-05-11');
    expect(notes(list)).toMatch(
      /mediation certificate \(1 March 2026\) is dated before the decision letter \(10 March 2026\)/,
    );
    expect(certificateBeforeDecisionWarning('2026-03-10', '2026-03-10')).toBeNull();
    expect(certificateBeforeDecisionWarning('2026-03-10', null)).toBeNull();
  });
});

describe('a deadline on a weekend just before August or Christmas (literal reading of HESC r.12)', () => {
  it('August: the next working day, even though it is in August', () => {
    // Decision 31 May 2027 + 2 months = Saturday 31 July 2027. r.12(2): next working day, Monday
    // 2 August. r.12(3)(a) extends only time that ends in August; this ended in July.
    const list = computeDeadlines(input({ decisionDate: '2027-05-31' }), '2027-06-01');
    expect(byId(list, 'appeal-registration').due).toBe('2027-08-02');
    expect(notes(list)).toMatch(
      /ends on Saturday 31 July 2027, just before August.*due on the next working day, Monday 2 August 2027.*Do not rely on the longer date/,
    );
  });

  it('Christmas: Saturday 23 December 2028 → Wednesday 27 December, not January', () => {
    // Decision 23 October 2028 + 2 months = Saturday 23 December 2028; Sunday 24th; Christmas Day Monday
    // 25th and Boxing Day Tuesday 26th are bank holidays; Wednesday 27 December is the next working day.
    const list = computeDeadlines(input({ decisionDate: '2028-10-23' }), '2028-10-24');
    expect(byId(list, 'appeal-registration').due).toBe('2028-12-27');
    expect(notes(list)).toMatch(/just before 25 December–1 January.*Wednesday 27 December 2028/);
  });

  it('adds no note to an ordinary weekend move', () => {
    // 16 March 2026 + 2 months = Saturday 16 May → Monday 18 May, nowhere near August.
    const list = computeDeadlines(input({ decisionDate: '2026-03-16' }), '2026-03-17');
    expect(byId(list, 'appeal-registration').due).toBe('2026-05-18');
    expect(notes(list)).not.toMatch(/literal reading/);
  });
});

describe('the 5pm cut-off (HESC r.12(1)) and the dates from the tribunal’s letters', () => {
  const list = computeDeadlines(
    input({
      decisionDate: '2026-01-12',
      registeredDate: '2026-03-16',
      hearingDate: '2026-06-15',
      tribunalDates: { attendance: '2026-05-18', 'case-review': '2026-04-20' },
      recommendations: [
        {
          id: 3,
          area: 'health',
          text: 'x',
          madeDate: '2026-06-20',
          tribunalDueDate: null,
          respondedDate: null,
        },
      ],
    }),
    '2026-03-16',
  );

  it('puts 5pm on what is sent to the tribunal, with the rule', () => {
    for (const id of ['appeal-registration', 'la-response', 'bundle', 'attendance', 'case-review']) {
      expect(byId(list, id)).toMatchObject({ cutOff: '5pm' });
      expect(byId(list, id).rule).toMatch(/by 5pm on that day \(HESC Rules r\.12\(1\)\)/);
    }
  });

  it('not on the hearing or on a commissioner’s response, which are not acts under the tribunal’s rules', () => {
    expect(byId(list, 'hearing').cutOff).toBeUndefined();
    expect(byId(list, 'commissioner-response:3').cutOff).toBeUndefined();
  });

  it('lists the SEND45 case review and the SEND11 attendance form as the letter dates them', () => {
    expect(byId(list, 'case-review')).toMatchObject({
      label: 'Case review form (SEND45) (both parties)',
      due: '2026-04-20',
      basis: 'tribunal',
    });
    expect(byId(list, 'attendance').label).toMatch(/Attendance form \(SEND11\)/);
  });
});

describe("a commissioner's 5 weeks (Recommendations Power Regulations 2017; DfE/MoJ report 2017 ch.8)", () => {
  const rec: DeadlineRecommendation = {
    id: 9,
    area: 'social-care',
    text: 'Short breaks',
    madeDate: '2026-07-27',
    tribunalDueDate: null,
    respondedDate: null,
  };
  const one = (r: Partial<DeadlineRecommendation>) =>
    byId(
      computeDeadlines(input({ recommendations: [{ ...rec, ...r }] }), '2026-07-28'),
      'commissioner-response:9',
    );

  it('falls on the summer bank holiday: not moved, but the user is warned', () => {
    // Monday 27 July 2026 + 5 weeks = Monday 31 August 2026, the summer bank holiday.
    const d = one({});
    expect(d.due).toBe('2026-08-31');
    expect(d.warning).toMatch(
      /Monday 31 August 2026 is a bank holiday\. The 5-week date is set by regulations, not by the tribunal's procedure rules, so it does not move/,
    );
    expect(d.rule).toMatch(/reads the 5 weeks as running "from" that date/);
    expect(d.rule).toMatch(/if it says "beginning with", the last day is one day earlier/);
  });

  it('counts from the date the decision was sent where the tribunal says so', () => {
    // Sent Tuesday 4 August 2026 → Tuesday 8 September 2026.
    const d = one({ decisionSentDate: '2026-08-04', countFrom: 'sent' });
    expect(d.due).toBe('2026-09-08');
    expect(d.rule).toMatch(/the date the tribunal sent its decision \(4 August 2026\)/);
    expect(d.warning).toBeUndefined();
    // Knowing the sent date alone does not change the count.
    expect(one({ decisionSentDate: '2026-08-04' }).due).toBe('2026-08-31');
  });

  it("warns about a tribunal's own date on a weekend too, and keeps it", () => {
    const d = one({ tribunalDueDate: '2026-09-05' });
    expect(d).toMatchObject({ due: '2026-09-05', basis: 'tribunal' });
    expect(d.warning).toMatch(/Saturday 5 September 2026 is a weekend/);
  });
});

describe("the LA's compliance with orders (SEND Regs 2014 regs 44–45)", () => {
  const orders = (o: DeadlineInput['orders'], extra: Partial<DeadlineInput> = {}) =>
    computeDeadlines(input({ orders: o, ...extra }), '2026-03-01');

  it("keeps the tribunal's own direction instead of the regulation period (reg 44(1))", () => {
    // Amend order of 1 July 2026: reg 44 gives 5 weeks → 5 August; the tribunal directed 20 August.
    const list = orders([{ id: 1, kind: 'amend-plan', orderDate: '2026-07-01' }], {
      directedDates: { 'la-compliance:1:amended-plan': '2026-08-20' },
    });
    expect(byId(list, 'la-compliance:1:amended-plan')).toMatchObject({
      due: '2026-08-20',
      basis: 'tribunal',
    });
    expect(byId(list, 'la-compliance:1:amended-plan').rule).toMatch(
      /subject to \.\.\. any direction made by the First-tier Tribunal/,
    );
    expect(
      byId(orders([{ id: 1, kind: 'amend-plan', orderDate: '2026-07-01' }]), 'la-compliance:1:amended-plan')
        .due,
    ).toBe('2026-08-05');
  });

  it('applies the exceptions to unopposed appeals too (reg 45)', () => {
    const list = orders([{ id: 2, kind: 'unopposed-contents', orderDate: '2026-03-02' }]);
    expect(byId(list, 'la-compliance:2:amended-plan').rule).toMatch(
      /same exceptions as for an order apply \(reg 45, applying reg 44\(3\)\)/,
    );
  });

  it('has an unopposed cease appeal where the LA also agrees to amend, and warns when 5 weeks end on a bank holiday', () => {
    // Notice Monday 2 March 2026: continue at once; amended plan within 5 weeks = Monday 6 April 2026,
    // Easter Monday. Not moved (a regulation period), but the LA is told.
    const list = orders([{ id: 3, kind: 'unopposed-cease-and-amend', orderDate: '2026-03-02' }]);
    expect(byId(list, 'la-compliance:3:continue').due).toBe('2026-03-02');
    const amend = byId(list, 'la-compliance:3:amended-plan');
    expect(amend.due).toBe('2026-04-06');
    expect(amend.warning).toMatch(
      /Monday 6 April 2026 is a bank holiday\. The regulation period .* does not move/,
    );
  });

  it('says which kind to use for the school only, or the school with other sections', () => {
    expect(COMPLIANCE_ORDER_KINDS.find((k) => k.id === 'change-school')?.hint).toMatch(
      /School only: 2 weeks.*amend-plan.*5 weeks/,
    );
    expect(COMPLIANCE_ORDER_KINDS.find((k) => k.id === 'unopposed-school')?.hint).toMatch(
      /School only: 2 weeks.*unopposed-contents.*5 weeks/,
    );
  });

  it('notes that reg 45 does not apply when the LA concedes after its response', () => {
    const list = orders([{ id: 4, kind: 'unopposed-contents', orderDate: '2026-04-20' }], {
      doneDates: { 'la-response': '2026-04-10' },
    });
    expect(notes(list)).toMatch(
      /Reg 45 \(unopposed appeals\) applies only when the LA concedes before it submits its response/,
    );
    expect(byId(list, 'la-compliance:4:amended-plan').warning).toMatch(/Reg 45 may not apply/);
    const inTime = orders([{ id: 4, kind: 'unopposed-contents', orderDate: '2026-04-20' }], {
      doneDates: { 'la-response': '2026-04-27' },
    });
    expect(notes(inTime)).not.toMatch(/Reg 45/);
  });

  it('warns when a compliance date falls on a weekend', () => {
    // Order Saturday 4 July 2026 + 5 weeks = Saturday 8 August 2026.
    const d = byId(
      orders([{ id: 5, kind: 'amend-plan', orderDate: '2026-07-04' }]),
      'la-compliance:5:amended-plan',
    );
    expect(d.due).toBe('2026-08-08');
    expect(d.warning).toMatch(/Saturday 8 August 2026 is a weekend/);
  });
});

describe('a directed compliance date entered through the deadlines service', () => {
  it('is kept for the step it names, and refused for a step the order does not have', () => {
    const t = tempServices();
    try {
      const c = t.services.cases.create({ title: 'A', role: 'la', appealType: 'contents-of-plan' });
      const order = t.services.deadlines.saveOrder(c.id, undefined, {
        kind: 'make-plan',
        orderDate: '2026-07-01',
      });
      const list = t.services.deadlines.setDate(c.id, `la-compliance:${order.id}:final-plan`, '2026-10-01');
      expect(byId(list, `la-compliance:${order.id}:final-plan`)).toMatchObject({
        due: '2026-10-01',
        basis: 'tribunal',
      });
      // The other step keeps reg 44(2)(c)'s 5 weeks: 1 July + 35 days = 5 August 2026.
      expect(byId(list, `la-compliance:${order.id}:draft-plan`)).toMatchObject({
        due: '2026-08-05',
        basis: 'rule',
      });
      expect(() =>
        t.services.deadlines.setDate(c.id, `la-compliance:${order.id}:amended-plan`, '2026-10-01'),
      ).toThrow(/"amended-plan" is not a step of this order\. Its steps are: draft-plan, final-plan/);
    } finally {
      t.dispose();
    }
  });
});

describe('phase transfers (SEND Regs 2014 reg 18) and annual reviews (reg 20, reg 22(3); CFA 2014 s.44)', () => {
  const at = (extra: Partial<DeadlineInput>) => computeDeadlines(input(extra), '2026-10-01');

  it('moving school: before 15 February of the year of the move, not moved off a Sunday', () => {
    // Move on 1 September 2027 → before 15 February 2027 → Sunday 14 February 2027 at the latest.
    const d = byId(at({ phaseTransferDate: '2027-09-01', phaseTransferKind: 'school' }), 'phase-transfer');
    expect(d).toMatchObject({ due: '2027-02-14', who: 'la' });
    expect(d.rule).toMatch(/Before 15 February 2027.*by 14 February 2027 at the latest/);
    expect(d.warning).toMatch(/Sunday 14 February 2027 is a weekend/);
  });

  it('secondary school to a post-16 institution: before 31 March; between post-16 institutions: 5 months before', () => {
    expect(
      byId(at({ phaseTransferDate: '2027-09-06', phaseTransferKind: 'post-16' }), 'phase-transfer').due,
    ).toBe('2027-03-30');
    // Move on 4 January 2027: at least 5 months before → 4 August 2026.
    expect(
      byId(at({ phaseTransferDate: '2027-01-04', phaseTransferKind: 'between-post-16' }), 'phase-transfer')
        .due,
    ).toBe('2026-08-04');
    expect(notes(at({ phaseTransferDate: '2027-09-01' }))).toMatch(/Say what kind of move it is/);
  });

  it('after an annual review meeting: the report in 2 weeks, the decision in 4, the next review within 12 months', () => {
    // Meeting Thursday 5 November 2026.
    const list = at({ annualReviewDate: '2026-11-05' });
    expect(byId(list, 'annual-review:report')).toMatchObject({ due: '2026-11-19', who: 'school' });
    expect(byId(list, 'annual-review:decision')).toMatchObject({ due: '2026-12-03', who: 'la' });
    expect(byId(list, 'annual-review:decision').rule).toMatch(
      /within 8 weeks of sending them \(reg 22\(3\)\)/,
    );
    expect(byId(list, 'annual-review:next').due).toBe('2027-11-04');
  });

  it('has neither in a disability discrimination claim', () => {
    const list = at({
      appealType: 'disability-discrimination',
      phaseTransferDate: '2027-09-01',
      phaseTransferKind: 'school',
      annualReviewDate: '2026-11-05',
    });
    expect(list.deadlines.some((d) => d.kind === 'phase-transfer' || d.kind === 'annual-review')).toBe(false);
  });
});
