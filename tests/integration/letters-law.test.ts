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
