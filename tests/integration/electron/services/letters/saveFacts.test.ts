/**
 * Facts typed into a letter go back to the case: onto the party record of the one who wrote it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tempServices } from '../../../../helpers/context';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

describe('the writer of a request to the tribunal', () => {
  it("is the LA's officer in a case the LA runs: their address and email do not become the appellant's", async () => {
    const t = tempServices({ clock: () => new Date('2026-12-01T10:00:00Z') });
    dispose = t.dispose;
    const { services } = t;
    const c = services.cases.create({
      title: 'Case',
      role: 'la',
      appealType: 'refusal-to-assess',
      childName: 'Sam Smith',
      laName: 'Anytown Borough Council',
      tribunalRef: 'EH123/26/00042',
    });
    services.cases.saveParty(c.id, undefined, {
      kind: 'appellant',
      name: 'Jo Smith',
      email: 'jo@example.org',
      address: '12 Acacia Avenue\nAnytown AN2 2BB',
    });
    await services.letters.render(
      c.id,
      'extension-request',
      {
        requesterName: 'Priya Shah',
        requesterRole: 'SEND Officer for Anytown Borough Council, the respondent',
        requesterEmail: 'priya.shah@anytown.gov.uk',
        requesterAddress: ['Town Hall', 'Anytown AN1 1AA'],
        otherPartyName: 'Jo Smith',
        step: 'send the hearing bundle',
        currentDueDate: '2026-12-07',
        requestedDate: '2026-12-14',
        reasons: ['Two reports arrived late.'],
      },
      ['pdf'],
      { usePrefill: true },
    );
    const parties = services.cases.listParties(c.id);
    expect(parties.find((p) => p.kind === 'appellant')).toMatchObject({
      name: 'Jo Smith',
      email: 'jo@example.org',
      address: '12 Acacia Avenue\nAnytown AN2 2BB',
    });
    expect(parties.find((p) => p.kind === 'la')).toMatchObject({
      name: 'Priya Shah',
      email: 'priya.shah@anytown.gov.uk',
      address: 'Town Hall\nAnytown AN1 1AA',
    });
    // The family's address stays the family's: a letter that gives it has it.
    expect(services.letters.prefill(c.id, 'order-compliance-complaint').fields.appellantAddress).toEqual([
      '12 Acacia Avenue',
      'Anytown AN2 2BB',
    ]);
  });

  it('is the appellant in a case the parent runs', async () => {
    const t = tempServices({ clock: () => new Date('2026-12-01T10:00:00Z') });
    dispose = t.dispose;
    const { services } = t;
    const c = services.cases.create({
      title: 'Case',
      role: 'parent',
      appealType: 'refusal-to-assess',
      childName: 'Sam Smith',
      laName: 'Anytown Borough Council',
      tribunalRef: 'EH123/26/00042',
    });
    await services.letters.render(
      c.id,
      'extension-request',
      {
        requesterName: 'Jo Smith',
        requesterRole: 'the appellant',
        requesterEmail: 'jo@example.org',
        otherPartyName: 'Anytown Borough Council',
        step: 'send the final evidence',
        currentDueDate: '2027-01-20',
        requestedDate: '2027-01-27',
        reasons: ['The report is not ready.'],
      },
      ['pdf'],
      { usePrefill: true },
    );
    expect(services.cases.listParties(c.id).find((p) => p.kind === 'appellant')).toMatchObject({
      name: 'Jo Smith',
      email: 'jo@example.org',
    });
  });
});
