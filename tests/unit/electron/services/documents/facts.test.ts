/** Title and date proposals at import (electron/services/documents/facts.ts), on text and on real PDFs. */
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  findDocumentFacts,
  firstFullDate,
  isMachineFileName,
  usableTitle,
} from '../../../../../electron/services/documents/facts';

describe('usableTitle', () => {
  it.each([
    ['IMG_20261112_0931', null],
    ['DSC01234', null],
    ['PXL_20260101_101010123', null],
    ['Scan_0001', null],
    ['WhatsApp Image 2026-01-02 at 10.11.12', null],
    ['20261112_093112', null],
    ['Untitled', null],
    ['Document1', null],
    ['Microsoft Word - EP report draft 3.docx', 'EP report draft 3'],
    ['ep_report.pdf', 'ep report'],
    ['  Speech and Language\x1b[31m Therapy Report  ', 'Speech and Language[31m Therapy Report'],
    ['Report\u202efdp.exe', 'Reportfdp.exe'],
    ['Occupational therapy assessment', 'Occupational therapy assessment'],
    ['x1', null],
  ])('%j → %j', (raw, expected) => {
    expect(usableTitle(raw)).toBe(expected);
  });

  it('knows machine-made file names', () => {
    expect(isMachineFileName('IMG_20261112_0931')).toBe(true);
    expect(isMachineFileName('Annual review minutes')).toBe(false);
  });
});

describe('firstFullDate', () => {
  it.each([
    ['Dear Ms Khan\n12 November 2026\nRe: Sam', '2026-11-12'],
    ['Date: 3rd Feb. 2025', '2025-02-03'],
    ['Thursday 1 May, 2025 at 10am', '2025-05-01'],
    ['March 4, 2024', '2024-03-04'],
    ['Assessed on 05/06/2025, report 2025-07-01', '2025-06-05'],
    ['Ref 2025-07-01 then 05/06/2025', '2025-07-01'],
    ['31/02/2025 is not a date, 1.3.2025 is', '2025-03-01'],
    ['no date here, only 2025 and 12/11', null],
  ])('%j → %s', (text, expected) => {
    expect(firstFullDate(text)).toBe(expected);
  });
});

async function letter(options: { title?: string; heading: string; date: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([595, 842]);
  page.drawText('Northshire Council, Children’s Services', { x: 60, y: 790, size: 10, font });
  page.drawText(options.heading, { x: 60, y: 740, size: 18, font: bold });
  page.drawText(`Date: ${options.date}`, { x: 60, y: 700, size: 11, font });
  for (let i = 0; i < 12; i++)
    page.drawText(`Body text line ${i + 1} about provision in 2024 and support.`, {
      x: 60,
      y: 660 - i * 16,
      size: 11,
      font,
    });
  if (options.title !== undefined) doc.setTitle(options.title);
  return doc.save();
}

describe('findDocumentFacts', () => {
  it('takes the metadata title when it is a real one, and the first full date on page 1', async () => {
    const pdf = await letter({
      title: 'Decision not to assess',
      heading: 'Decision letter',
      date: '14 January 2026',
    });
    expect(await findDocumentFacts(pdf)).toEqual({ title: 'Decision not to assess', date: '2026-01-14' });
  });

  it('takes the first heading when the metadata title is a camera or program name', async () => {
    const pdf = await letter({
      title: 'IMG_20261112_0931',
      heading: 'Educational Psychology Advice',
      date: '02/03/2026',
    });
    expect(await findDocumentFacts(pdf)).toEqual({
      title: 'Educational Psychology Advice',
      date: '2026-03-02',
    });
  });

  it('proposes nothing for a page without text', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    expect(await findDocumentFacts(await doc.save())).toEqual({ title: null, date: null });
  });
});
