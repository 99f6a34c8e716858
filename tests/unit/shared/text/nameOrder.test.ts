/** The order attached files are taken in (shared/text/nameOrder.ts). */
import { describe, expect, it } from 'vitest';
import { compareNames } from '../../../../shared/text/nameOrder';

describe('compareNames', () => {
  it('puts names in the order a person numbers them, case and accents aside', () => {
    const names = [
      'Appendix 10.pdf',
      'appendix 2.pdf',
      'Élan report.pdf',
      'Appendix 1.pdf',
      'elan notes.pdf',
    ];
    expect([...names].sort(compareNames)).toEqual([
      'Appendix 1.pdf',
      'appendix 2.pdf',
      'Appendix 10.pdf',
      'elan notes.pdf',
      'Élan report.pdf',
    ]);
    expect(compareNames('Report.PDF', 'report.pdf')).toBe(0);
  });
});
