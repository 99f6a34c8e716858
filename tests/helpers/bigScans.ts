/**
 * Big scanned PDFs made cheaply, for tests about size (delivery parts): each page one RGB picture of noise
 * the size of a colour scan (720 × 720 pixels, about 1.5 MB), drawn over an A4 page. The PDF is written by
 * hand and the picture Flate-encoded with stored blocks (level 0): data of a scan's size that no tool
 * compresses further, as a JPEG scan's is not, made in milliseconds instead of encoding a real image.
 * Every page's picture differs (its own pseudo-random noise), so no tool can share pictures between pages.
 */
import { deflateSync } from 'node:zlib';

const SIDE = 720;
export const SCAN_PAGE_BYTES = SIDE * SIDE * 3;

/** A scanned document of `pages` pages, about 1.5 MB each; `seed` makes its noise (and its bytes) its own. */
export function bigScannedPdf(seed: number, pages: number): Uint8Array {
  const chunks: Buffer[] = [];
  let offset = 0;
  const offsets: number[] = [];
  const put = (data: string | Buffer) => {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    chunks.push(bytes);
    offset += bytes.length;
  };
  const object = (n: number, ...body: (string | Buffer)[]) => {
    offsets[n] = offset;
    put(`${n} 0 obj\n`);
    body.forEach(put);
    put('\nendobj\n');
  };
  put('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n');
  let state = (seed * 2654435761) >>> 0;
  const pixels = new Uint32Array(SCAN_PAGE_BYTES / 4);
  const kids: string[] = [];
  const [w, h] = [595.28, 841.89];
  for (let p = 0; p < pages; p++) {
    const base = 3 + p * 3;
    for (let i = 0; i < pixels.length; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      // Paper-like: mostly light, with the noise of ink and grain.
      pixels[i] = state | 0xc0c0c0c0;
    }
    const encoded = deflateSync(Buffer.from(pixels.buffer), { level: 0 });
    const content = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`;
    object(
      base,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] ` +
        `/Resources << /XObject << /Im0 ${base + 1} 0 R >> >> /Contents ${base + 2} 0 R >>`,
    );
    object(
      base + 1,
      `<< /Type /XObject /Subtype /Image /Width ${SIDE} /Height ${SIDE} /ColorSpace /DeviceRGB ` +
        `/BitsPerComponent 8 /Filter /FlateDecode /Length ${encoded.length} >>\nstream\n`,
      encoded,
      '\nendstream',
    );
    object(base + 2, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(`${base} 0 R`);
  }
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`);
  const size = 3 + pages * 3;
  const xref = offset;
  let table = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) table += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  put(table);
  put(`trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(chunks);
}
