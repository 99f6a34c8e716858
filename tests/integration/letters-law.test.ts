/**
 * What the law asks of the letters (#13): each letter's contents, its date, and its proceeding's words.
 * Dates are worked out by hand from the rule cited beside them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { letterText } from '../../electron/services/letters/model';
import { buildLetter } from '../../electron/services/letters';
import type { AppealType } from '../../shared/domain/types';
import { tempServices } from '../helpers/context';
import { FIXTURES } from './letterFixtures';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

function setup(appealType: AppealType = 'contents-of-plan', extra: Record<string, unknown> = {}) {
  const t = tempServices({ clock: () => new Date('2026-12-01T10:00:00Z') });
  dispose = t.dispose;
  const c = t.services.cases.create({
    title: 'Case',
    role: 'la',
    appealType,
    childName: 'Sam Smith',
    laName: 'Anytown Borough Council',
    tribunalRef: 'EH123/26/00042',
    ...extra,
  });
  return { ...t, caseId: c.id };
}

const textOf = (template: string, fields: Record<string, unknown>) =>
  letterText(buildLetter(template, fields).letter).join('\n');

describe("commissioners' responses", () => {
  it('cite the regulations by name and number and state the due date', () => {
    const text = textOf(
      'social-care-commissioner-response',
      FIXTURES['social-care-commissioner-response'].fields,
    );
    expect(text).toMatch(
      /under the Special Educational Needs and Disability \(First-tier Tribunal Recommendations Power\) Regulations 2017 \(S\.I\. 2017\/1306\)/,
    );
    expect(text).toMatch(/Our response is due by 7 December 2026/);
  });

  it('are not dated before the decision or a recommendation they answer', () => {
    const fields = { ...FIXTURES['health-commissioner-response'].fields, date: '2026-11-01' };
    expect(() => buildLetter('health-commissioner-response', fields)).toThrow(
      /date \(Date of the letter: it is before 2 November 2026, the date of the decision or recommendation it answers\)/,
    );
    const later = {
      ...FIXTURES['health-commissioner-response'].fields,
      date: '2026-11-05',
      recommendations: [
        { text: 'Therapy', madeDate: '2026-11-09', decision: 'will-not-follow', reasons: ['Not needed.'] },
      ],
    };
    expect(() => buildLetter('health-commissioner-response', later)).toThrow(/before 9 November 2026/);
  });

  it('take the due date from the deadlines, and the decision date only when the recommendations share it', () => {
    const { services, caseId } = setup('contents-of-plan', { extended: true });
    const rec = (madeDate: string) =>
      services.recommendations.save(caseId, undefined, { area: 'health', text: 'Therapy', madeDate });
    rec('2026-07-27');
    // 27 July 2026 + 5 weeks = Monday 31 August 2026 (a bank holiday: not moved).
    expect(services.letters.prefill(caseId, 'health-commissioner-response').fields).toMatchObject({
      decisionDate: '2026-07-27',
      responseDueDate: '2026-08-31',
    });
    rec('2026-08-03');
    const pre = services.letters.prefill(caseId, 'health-commissioner-response');
    expect(pre.fields.decisionDate).toBeUndefined();
    expect(pre.missing).toContain('decisionDate');
    expect(pre.fields.responseDueDate).toBe('2026-08-31');
  });
});

describe("the LA's response (HESC Rules r.21(2); GOV.UK 'Preparing a SEND Tribunal case: local authorities')", () => {
  const base = FIXTURES['la-response'].fields;

  it('has the facts, the reasons for the decision, the child’s views, the representative and an authorised signature', () => {
    const text = textOf('la-response', base);
    expect(text).toMatch(/Summary of the facts\n.*issued on 1 July 2026/);
    expect(text).toMatch(/Reasons for the decision\n.*needs had not changed/);
    expect(text).toMatch(/The views of محمد Al-Sayed\n.*stay with his friends/);
    expect(text).toMatch(/representative is Siobhán Ní Bhriain \(SEND casework officer\)/);
    expect(text).toMatch(
      /Signed by an officer authorised to sign on behalf of Anytown Borough Council\nDr Ifeoma Okafor\nHead of SEND/,
    );
  });

  it('refuses an opposing response without the facts or the reasons for the decision', () => {
    const { factsSummary, decisionReasons, decisionDate, ...rest } = base;
    void factsSummary;
    void decisionReasons;
    void decisionDate;
    expect(() => buildLetter('la-response', rest)).toThrow(
      /factsSummary \(Summary of the facts: the tribunal asks for it when the local authority opposes the appeal\); decisionReasons/,
    );
    // The decision letter's own reasons are enough, when its date is given.
    const viaLetter = { ...rest, factsSummary: ['Facts.'], decisionDate: '2026-07-01' };
    expect(textOf('la-response', viaLetter)).toMatch(
      /reasons for the decision are given in the decision letter of 1 July 2026/,
    );
    // An unopposed response needs neither.
    expect(() => buildLetter('la-response', { ...rest, position: 'does-not-oppose' })).not.toThrow();
  });

  it('needs the child’s views or why they were not obtained, and says which', () => {
    const { childViews, ...rest } = base;
    void childViews;
    expect(() => buildLetter('la-response', rest)).toThrow(/childViews/);
    const notObtained = { ...base, childViewsKind: 'not-obtained', childViews: ['He was in hospital.'] };
    expect(textOf('la-response', notObtained)).toMatch(
      /Why the views of محمد Al-Sayed were not obtained\n.*in hospital/,
    );
  });

  it('is not dated before the decision under appeal', () => {
    expect(() => buildLetter('la-response', { ...base, date: '2026-06-30' })).toThrow(
      /it is before 1 July 2026, the date of the decision under appeal/,
    );
  });
});

describe('letters to the tribunal', () => {
  it('give the tribunal’s email beside its postal address', () => {
    expect(textOf('extension-request', FIXTURES['extension-request'].fields)).toMatch(
      /Darlington\nDL1 1RU\nEmail: send@justice.gov.uk/,
    );
  });

  it('say when the extension request is a SEND7 request, and when it is not', () => {
    const direction = textOf('extension-request', FIXTURES['extension-request'].fields);
    expect(direction).toMatch(/made with the tribunal's form SEND7 \(request for changes to the case\)/);
    const late = textOf('extension-request', {
      ...FIXTURES['extension-request'].fields,
      requestKind: 'registration',
      step: 'register the appeal',
    });
    expect(late).toMatch(/This is not a request on form SEND7: it goes with the appeal or claim form/);
  });

  it('do not date the reasons for appeal before the decision they appeal', () => {
    expect(() =>
      buildLetter('reasons-for-appeal', { ...FIXTURES['reasons-for-appeal'].fields, date: '2026-06-14' }),
    ).toThrow(/it is before 15 June 2026, the date of the decision letter/);
  });
});
