/**
 * Organisations' names inside a sentence: typed as they head a letter ("The governing body of …", "The
 * Royal Borough of …"), they take a small "the" in the middle of a sentence.
 */
import { describe, expect, it } from 'vitest';
import { letterText } from '../../../../../../electron/services/letters/model';
import { buildLetter } from '../../../../../../electron/services/letters/service';
import { FIXTURES } from '../../../../../helpers/letterFixtures';

const lines = (template: string, fields: Record<string, unknown>, proceeding?: 'dd') =>
  letterText(buildLetter(template, { ...FIXTURES[template].fields, ...fields }, proceeding).letter);

describe("an organisation's name in the middle of a sentence", () => {
  it('the claim statement claims that "the governing body of …" discriminated, and lists it as typed', () => {
    const text = lines(
      'dd-claim-statement',
      { responsibleBody: 'The governing body of Hilltop Primary School' },
      'dd',
    );
    expect(
      text.some((l) =>
        l.startsWith(
          'I claim that the governing body of Hilltop Primary School, the responsible body for Hilltop Primary School, discriminated',
        ),
      ),
    ).toBe(true);
    expect(text).toContain('The governing body of Hilltop Primary School');
  });

  it('the LA\'s response is "the response of the Royal Borough of …", signed on behalf of it', () => {
    const text = lines('la-response', { laName: 'The Royal Borough of Kingston upon Thames' });
    expect(
      text.some((l) =>
        l.startsWith('This is the response of the Royal Borough of Kingston upon Thames to the appeal'),
      ),
    ).toBe(true);
    expect(text).toContain(
      'Signed by an officer authorised to sign on behalf of the Royal Borough of Kingston upon Thames',
    );
    // On a line of its own (the sender, the signature) it keeps its capital.
    expect(text).toContain('The Royal Borough of Kingston upon Thames');
  });

  it('a request copied to the responsible body says so in a sentence, and heads the copy line as typed', () => {
    const text = lines('extension-request', {
      otherPartyName: 'The governing body of Hilltop Primary School',
      otherPartyView: undefined,
    });
    expect(text).toContain(
      'I have sent a copy of this request to the governing body of Hilltop Primary School.',
    );
    expect(text).toContain('Copy to: The governing body of Hilltop Primary School');
  });

  it('a name that does not begin with "The" is kept as typed', () => {
    const text = lines('la-response', { laName: 'Theale Borough Council' });
    expect(
      text.some((l) => l.startsWith('This is the response of Theale Borough Council to the appeal')),
    ).toBe(true);
  });
});
