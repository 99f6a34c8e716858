/**
 * The invented sample case of `send-bundle demo`: its facts come from resources/sample/case.json and its
 * documents' PDFs are generated here (same bytes every time), so a newcomer sees a realistic bundle in one
 * command without any real family's papers in the repository.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from '@cantoo/pdf-lib';
import type { CaseFields } from '../../../shared/domain/case';
import type { PartyFields, WitnessFields } from '../../../shared/domain/caseRecords';
import type { DocumentKind } from '../../../shared/domain/documents';
import { formatDate } from '../../../shared/dates/isoDate';
import { wrapText } from '../../../shared/bundle/textLayout';
import { embedBundleFont } from './fonts';
import { textWidth } from './frontMatter';
import { fontText, PageText } from './text';

const here = dirname(fileURLToPath(import.meta.url));
const SAMPLE_CASE_PATH = join(here, '..', '..', '..', 'resources', 'sample', 'case.json');

interface SampleDocument {
  section: string;
  title: string;
  kind: DocumentKind;
  date: string;
  author: string;
  pages: number;
  topic: string;
  /** A photographed page: an image with no text. */
  scan?: boolean;
  /** For the late document: the title of the document it follows. */
  after?: string;
}

interface SampleCase {
  case: CaseFields;
  parties: PartyFields[];
  witnesses: WitnessFields[];
  documents: SampleDocument[];
  lateDocument: SampleDocument;
  sentences: Record<string, string[]>;
}

export function loadSampleCase(): SampleCase {
  return JSON.parse(readFileSync(SAMPLE_CASE_PATH, 'utf8')) as SampleCase;
}

/** A deterministic pseudo-random generator (the "scan" must be the same bytes every run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A greyscale "photo" of a letter: paper-coloured noise with dark bands where lines of text would be. */
function scannedLetter(doc: PDFDocument, width: number, height: number) {
  const random = lcg(width * 31 + height);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const inLine = y > height * 0.15 && y < height * 0.85 && y % 28 < 9;
    for (let x = 0; x < width; x++) {
      const ink =
        inLine && x > width * 0.12 && x < width * (0.6 + (0.28 * ((y * 7) % 10)) / 10) && random() < 0.55;
      pixels[y * width + x] = ink ? 40 + Math.floor(random() * 50) : 215 + Math.floor(random() * 30);
    }
  }
  const stream = doc.context.flateStream(pixels, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 8,
  });
  return doc.context.register(stream);
}

/** Generates one sample document: a header, numbered paragraphs in the author's voice, page numbers. */
export async function samplePdf(
  sample: SampleDocument,
  sentences: Record<string, string[]>,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await embedBundleFont(doc);
  const date = new Date(`${sample.date}T09:00:00Z`);
  doc.setTitle(sample.title);
  doc.setAuthor(sample.author);
  doc.setProducer('SEND Bundle Builder sample case');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  const [w, h] = [595.28, 841.89];
  const lines = sentences[sample.topic] ?? ['(No text.)'];
  const measure = (t: string, s: number) => textWidth(font, t, s);
  let paragraph = 1;
  for (let p = 1; p <= sample.pages; p++) {
    const page = doc.addPage([w, h]);
    if (sample.scan) {
      const image = scannedLetter(doc, 620, 877);
      const name = page.node.newXObject('Scan', image);
      const ops = `q ${w} 0 0 ${h} 0 0 cm ${name.asString()} Do Q\n`;
      const content = doc.context.register(doc.context.stream(ops));
      page.node.addContentStream(content);
      continue;
    }
    const t = new PageText(doc, page, fontText(font));
    t.line(sample.author, 60, h - 60, 10, { grey: 0.35, maxWidth: w - 120 });
    t.line(formatDate(sample.date, 'long'), w - 60, h - 60, 10, {
      align: 'right',
      grey: 0.35,
    });
    let y = h - 100;
    if (p === 1) {
      for (const line of wrapText(sample.title, w - 120, 17, measure, 3)) {
        t.line(line, 60, y, 17);
        y -= 24;
      }
      y -= 8;
    }
    // Fill the page with numbered paragraphs (expert reports and statements use numbered paragraphs).
    while (y > 120) {
      const text = lines[(paragraph - 1) % lines.length];
      const wrapped = wrapText(text, w - 150, 12, measure);
      if (y - wrapped.length * 16 < 110) break;
      t.line(`${paragraph}.`, 60, y, 12);
      wrapped.forEach((line, i) => t.line(line, 90, y - i * 16, 12));
      y -= wrapped.length * 16 + 10;
      paragraph++;
    }
    t.line(`Page ${p} of ${sample.pages}`, w / 2, 50, 9, {
      align: 'center',
      grey: 0.4,
    });
    t.finish();
  }
  return doc.save({ useObjectStreams: false });
}
