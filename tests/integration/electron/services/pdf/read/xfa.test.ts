/**
 * A dynamic XFA form (pdf/read/xfa.ts) is told from a static one: only the catalog's /NeedsRendering true
 * with an XFA form makes one, the pages of which no reader but Adobe's draws.
 */
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import { isDynamicXfaForm } from '../../../../../../electron/services/pdf/read/xfa';
import { plainTextPdf } from '../../../../../helpers/damage';
import { xfaFormPdf } from '../../../../../helpers/rawPdf';

function dynamic(bytes: Uint8Array): boolean {
  const file = PdfFile.open({ bytes });
  try {
    return isDynamicXfaForm(file.reader);
  } finally {
    file.close();
  }
}

describe('a dynamic XFA form', () => {
  it('is one whose catalog asks for its pages to be drawn from its XFA form', () => {
    expect(dynamic(xfaFormPdf(true))).toBe(true);
  });

  it('is not a static XFA form, nor a file that asks for rendering with no XFA form, nor a plain file', () => {
    expect(dynamic(xfaFormPdf(false))).toBe(false);
    const noForm = Buffer.from(xfaFormPdf(true))
      .toString('latin1')
      .replace(
        '/AcroForm << /Fields [] /XFA [(template) 6 0 R] >>',
        '/AcroForm << /Fields [] >>              ',
      );
    expect(dynamic(Buffer.from(noForm, 'latin1'))).toBe(false);
    expect(dynamic(plainTextPdf())).toBe(false);
  });
});
