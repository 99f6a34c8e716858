/**
 * The requests a party makes to the tribunal (late evidence, more time, more pages): who is asking, in
 * words that read as a sentence after "I am", and on its own line under the signature.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { letterText } from '../../../../../../electron/services/letters/model';
import { buildLetter } from '../../../../../../electron/services/letters/service';
import type { UserRole } from '../../../../../../shared/domain/case';
import { tempServices } from '../../../../../helpers/context';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

function caseWithParties(role: UserRole) {
  const t = tempServices({ clock: () => new Date('2026-12-01T10:00:00Z') });
  dispose = t.dispose;
  const c = t.services.cases.create({
    title: 'Case',
    role,
    appealType: 'contents-of-plan',
    childName: 'Sam Smith',
    laName: 'Anytown Borough Council',
    tribunalRef: 'EH123/26/00042',
  });
  t.services.cases.saveParty(c.id, undefined, { kind: 'appellant', name: 'Jo Smith' });
  t.services.cases.saveParty(c.id, undefined, { kind: 'la', name: 'Priya Shah' });
  return { ...t, caseId: c.id };
}

const extension = {
  step: 'send the final evidence',
  currentDueDate: '2027-01-20',
  requestedDate: '2027-01-27',
  reasons: ['The report is not ready.'],
};

function requestLines(fields: Record<string, unknown>): string[] {
  return letterText(buildLetter('extension-request', { ...fields, ...extension }, 'send').letter);
}

describe('who is asking', () => {
  it('a parent\'s request says "I am the appellant.", and signs as "The appellant"', () => {
    const { services, caseId } = caseWithParties('parent');
    const { fields } = services.letters.prefill(caseId, 'extension-request');
    const lines = requestLines(fields);
    expect(lines.some((l) => l.startsWith('I am the appellant. I ask the tribunal'))).toBe(true);
    const name = lines.lastIndexOf('Jo Smith');
    expect(lines[name + 1]).toBe('The appellant');
  });

  it('an LA officer with no job title recorded is "an officer of" the LA, not "Officer for" it', () => {
    const { services, caseId } = caseWithParties('la');
    const { fields } = services.letters.prefill(caseId, 'extension-request');
    const lines = requestLines(fields);
    expect(
      lines.some((l) =>
        l.startsWith('I am an officer of Anytown Borough Council, the respondent. I ask the tribunal'),
      ),
    ).toBe(true);
    expect(lines).toContain('An officer of Anytown Borough Council, the respondent');
  });

  it('a part typed with a capital article reads as a sentence; a job title keeps its capitals', () => {
    const base = {
      date: '2026-12-01',
      requesterName: 'Jo Smith',
      otherPartyName: 'Anytown Borough Council',
      childName: 'Sam Smith',
    };
    expect(requestLines({ ...base, requesterRole: "The appellant, Sam's mother" })).toContain(
      "I am the appellant, Sam's mother. I ask the tribunal to extend the time to send the final evidence from 20 January 2027 to 27 January 2027.",
    );
    const officer = requestLines({ ...base, requesterRole: 'SEND Officer for Anytown Borough Council' });
    expect(officer.some((l) => l.startsWith('I am SEND Officer for Anytown Borough Council.'))).toBe(true);
  });
});
