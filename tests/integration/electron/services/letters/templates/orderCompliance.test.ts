/**
 * The parent's complaint when the LA has not acted on the tribunal's decision in time: prefilled from the
 * latest decision on the Tribunal's decision tab and its steps not done, refused while nothing is late,
 * and worded for an order, an unopposed appeal or a mediation agreement.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../../../shared/api/errors';
import { letterText } from '../../../../../../electron/services/letters/model';
import { buildLetter } from '../../../../../../electron/services/letters/service';
import { tempServices } from '../../../../../helpers/context';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

function parentCase() {
  const t = tempServices({ clock: () => new Date('2026-12-01T10:00:00Z') });
  dispose = t.dispose;
  const c = t.services.cases.create({
    title: 'Case',
    role: 'parent',
    appealType: 'contents-of-plan',
    childName: 'Sam Smith',
    laName: 'Anytown Borough Council',
    tribunalRef: 'EH123/26/00042',
    hearingDate: '2026-09-15',
  });
  t.services.cases.saveParty(c.id, undefined, {
    kind: 'appellant',
    name: 'Jo Smith',
    email: 'jo@example.com',
  });
  t.services.cases.saveParty(c.id, undefined, {
    kind: 'la',
    name: 'Priya Shah',
    address: 'Town Hall\nAnytown AN1 1AA',
  });
  return { ...t, caseId: c.id };
}

const base = {
  date: '2026-12-01',
  appellantName: 'Jo Smith',
  childName: 'Sam Smith',
  laName: 'Anytown Borough Council',
  decisionDate: '2026-10-01',
  decided: ['The tribunal ordered the local authority to amend section F.'],
  steps: [{ step: 'LA issues the amended EHC plan', due: '2026-11-05' }],
  actBy: '2026-12-15',
};

describe('the complaint when the LA is late', () => {
  it('is filled in from the latest decision recorded and its steps not yet done', () => {
    const { services, caseId } = parentCase();
    services.deadlines.saveOrder(caseId, undefined, { kind: 'mediation-agreement', orderDate: '2026-06-01' });
    const order = services.deadlines.saveOrder(caseId, undefined, {
      kind: 'amend-plan',
      orderDate: '2026-10-01',
      notes: 'Section F as in the working document.',
    });
    const { fields } = services.letters.prefill(caseId, 'order-compliance-complaint');
    expect(fields).toMatchObject({
      appellantName: 'Jo Smith',
      appellantEmail: 'jo@example.com',
      laAddress: ['Town Hall', 'Anytown AN1 1AA'],
      decisionKind: 'order',
      decisionDate: '2026-10-01',
      decided: [
        'Order to amend the EHC plan (sections B, F and others)',
        'Section F as in the working document.',
      ],
      // 1 October + 5 weeks (SEND Regulations 2014, reg 44).
      steps: [{ step: 'LA issues the amended EHC plan', due: '2026-11-05' }],
      actBy: '2026-12-15',
    });

    services.deadlines.markDone(caseId, `la-compliance:${order.id}:amended-plan`, '2026-11-30');
    expect(services.letters.prefill(caseId, 'order-compliance-complaint').fields.steps).toBeUndefined();
  });

  it('is refused while no last day has passed: the LA is not late yet', async () => {
    const { services, caseId } = parentCase();
    const early = {
      ...base,
      decisionKind: 'order',
      steps: [{ step: 'LA issues the amended EHC plan', due: '2026-12-03' }],
    };
    const error = await services.letters
      .render(caseId, 'order-compliance-complaint', early, ['pdf'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/the local authority is not late yet/);
    const late = await services.letters.render(
      caseId,
      'order-compliance-complaint',
      { ...base, decisionKind: 'order' },
      ['pdf'],
    );
    expect(late.files).toHaveLength(1);
  });

  it('says how the appeal ended, and which regulation set the time', () => {
    const text = (decisionKind: string) =>
      letterText(buildLetter('order-compliance-complaint', { ...base, decisionKind }, 'send').letter).join(
        '\n',
      );
    const order = text('order');
    expect(order).toMatch(/decided my appeal about Sam Smith and ordered Anytown Borough Council to act/);
    expect(order).toMatch(/regulation 44, unless the tribunal directed another date\./);
    const notice = text('notice');
    expect(notice).toMatch(
      /Anytown Borough Council told the First-tier Tribunal .* that it would not oppose my appeal/,
    );
    expect(notice).toMatch(/regulation 45, unless the tribunal directed another date\./);
    const agreement = text('agreement');
    expect(agreement).toMatch(
      /Anytown Borough Council and I reached an agreement in mediation about Sam Smith\./,
    );
    expect(agreement).toMatch(/regulation 42\. This step has not been done: LA issues the amended EHC plan/);
  });
});
