/**
 * PDFs written by hand, object by object, with a correct cross-reference table: for structures pdf-lib
 * cannot make (inline images, direct page objects, deep page trees, actions, broken boxes) or would tidy up.
 */

/** One object's body (what goes between "N 0 obj" and "endobj"); a stream is dictionary text plus data. */
export type RawObject = string | { dict: string; stream: Uint8Array | string };

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/**
 * Objects are numbered from 1 in the order given. `trailer` is added to /Size (e.g. "/Root 1 0 R
 * /Info 5 0 R").
 */
export function rawPdf(objects: RawObject[], trailer: string): Uint8Array<ArrayBuffer> {
  const parts: Buffer[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(offset);
    let body: Buffer;
    if (typeof object === 'string') body = latin1(`${i + 1} 0 obj\n${object}\nendobj\n`);
    else {
      const data = typeof object.stream === 'string' ? latin1(object.stream) : Buffer.from(object.stream);
      const dict = object.dict.replace(/>>\s*$/, ` /Length ${data.length} >>`);
      body = Buffer.concat([
        latin1(`${i + 1} 0 obj\n${dict}\nstream\n`),
        data,
        latin1('\nendstream\nendobj\n'),
      ]);
    }
    parts.push(body);
    offset += body.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(latin1(xref));
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * `pdf` with an incremental update appended, as an editor that saves by appending writes one: `objects`
 * (by object number) defined again or new, in a cross-reference section of their own whose /Prev is the
 * file's last; `trailer` is added to it (e.g. "/Root 1 0 R").
 */
export function withUpdate(
  pdf: Uint8Array,
  objects: Record<number, RawObject>,
  trailer: string,
): Uint8Array<ArrayBuffer> {
  const text = Buffer.from(pdf).toString('latin1');
  const previous = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const size = Number(/\/Size (\d+)/g.exec(text.slice(text.lastIndexOf('trailer')))?.[1]);
  const parts: Buffer[] = [Buffer.from(pdf), ...(text.endsWith('\n') ? [] : [latin1('\n')])];
  let offset = pdf.length + (text.endsWith('\n') ? 0 : 1);
  const numbers = Object.keys(objects)
    .map(Number)
    .sort((a, b) => a - b);
  const offsets = new Map<number, number>();
  for (const num of numbers) {
    const object = objects[num];
    offsets.set(num, offset);
    let body: Buffer;
    if (typeof object === 'string') body = latin1(`${num} 0 obj\n${object}\nendobj\n`);
    else {
      const data = typeof object.stream === 'string' ? latin1(object.stream) : Buffer.from(object.stream);
      const dict = object.dict.replace(/>>\s*$/, ` /Length ${data.length} >>`);
      body = Buffer.concat([
        latin1(`${num} 0 obj\n${dict}\nstream\n`),
        data,
        latin1('\nendstream\nendobj\n'),
      ]);
    }
    parts.push(body);
    offset += body.length;
  }
  const sections = numbers
    .map((num) => `${num} 1\n${String(offsets.get(num)).padStart(10, '0')} 00000 n \n`)
    .join('');
  const newSize = Math.max(size, numbers[numbers.length - 1] + 1);
  parts.push(
    latin1(
      `xref\n${sections}trailer\n<< /Size ${newSize} /Prev ${previous} ${trailer} >>\nstartxref\n${offset}\n%%EOF\n`,
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
}

/** A PDF string literal for `text` (ASCII, with the three special characters escaped). */
export function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** A one-font text content stream: each line at its own height from the top of a `height`-point page. */
export function textContent(lines: string[], height = 842, x = 72): string {
  return lines
    .map((line, i) => `BT /F1 12 Tf ${x} ${height - 72 - i * 18} Td ${pdfString(line)} Tj ET`)
    .join('\n');
}

export const HELVETICA = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

/**
 * A form made with Adobe's XFA, as Adobe LiveCycle Designer saves one: its page holds only the placeholder
 * other readers show, its form in the XFA packets. `dynamic`: the catalog says /NeedsRendering true (Adobe
 * Reader draws the pages from the XFA); otherwise a static XFA form, whose page content is the form itself.
 */
export function xfaFormPdf(dynamic: boolean): Uint8Array<ArrayBuffer> {
  const shown = dynamic
    ? ['Please wait...', 'If this message is not eventually replaced by the proper contents of the document,']
    : ['Application for an EHC needs assessment', 'Name of child: Sam Example'];
  const template =
    '<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform name="form1"/></template>';
  return rawPdf(
    [
      `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] /XFA [(template) 6 0 R] >>${dynamic ? ' /NeedsRendering true' : ''} >>`,
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      { dict: '<< >>', stream: textContent(shown) },
      HELVETICA,
      { dict: '<< >>', stream: template },
    ],
    '/Root 1 0 R',
  );
}

/**
 * A PDF whose page tree lists page objects by `kids`, indexes into `pages` (each page's one line of text),
 * so that [0, 0, 1] lists the first page object twice, as a script that adds a page twice can write it.
 */
export function repeatedPagesPdf(pages: string[], kids: number[]): Uint8Array<ArrayBuffer> {
  const pageObject = (i: number) => 4 + i * 2;
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      `<< /Type /Pages /Kids [${kids.map((i) => `${pageObject(i)} 0 R`).join(' ')}] /Count ${kids.length} >>`,
      HELVETICA,
      ...pages.flatMap((text, i): RawObject[] => [
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageObject(i) + 1} 0 R >>`,
        { dict: '<< >>', stream: textContent([text]) },
      ]),
    ],
    '/Root 1 0 R',
  );
}
