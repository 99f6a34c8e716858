/**
 * Scanned PDFs written by hand, piece by piece: each page one picture drawn over the whole page, the way a
 * scanner makes them. Tests, the bench and the soak make big scans this way in milliseconds, without
 * holding the file in memory (pdf-lib would build every object first).
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** One page: its size in points, an optional /Rotate, and the picture that fills it. */
export interface ScanPage {
  width: number;
  height: number;
  rotate?: number;
  image: {
    width: number;
    height: number;
    /** FlateDecode for raw RGB samples (compressed or stored), DCTDecode for a JPEG. */
    filter: 'FlateDecode' | 'DCTDecode';
    data: Uint8Array;
  };
}

/**
 * Writes the PDF through `write`: for each page, the page, its picture and its content stream (objects
 * 3 + 3i, 4 + 3i, 5 + 3i), then the catalog, the page tree and the cross-reference table. `page(i)` is
 * asked for each page in turn, so a caller may reuse one buffer for every picture.
 */
export function writeScanPdf(
  write: (bytes: Uint8Array) => void,
  pages: number,
  page: (index: number) => ScanPage,
): void {
  let offset = 0;
  const offsets: number[] = [];
  const put = (data: string | Uint8Array) => {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    write(bytes);
    offset += bytes.length;
  };
  const object = (n: number, ...body: (string | Uint8Array)[]) => {
    offsets[n] = offset;
    put(`${n} 0 obj\n`);
    body.forEach(put);
    put('\nendobj\n');
  };
  put('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n');
  const kids: string[] = [];
  for (let p = 0; p < pages; p++) {
    const base = 3 + p * 3;
    const { width: w, height: h, rotate = 0, image } = page(p);
    const content = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`;
    object(
      base,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}]${rotate ? ` /Rotate ${rotate}` : ''} ` +
        `/Resources << /XObject << /Im0 ${base + 1} 0 R >> >> /Contents ${base + 2} 0 R >>`,
    );
    object(
      base + 1,
      `<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /DeviceRGB ` +
        `/BitsPerComponent 8 /Filter /${image.filter} /Length ${image.data.length} >>\nstream\n`,
      image.data,
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
}

/** The same, written to a file as it goes. */
export function writeScanPdfFile(path: string, pages: number, page: (index: number) => ScanPage): void {
  const fd = openSync(path, 'w');
  try {
    writeScanPdf((bytes) => writeSync(fd, bytes), pages, page);
  } finally {
    closeSync(fd);
  }
}

/** The same, in memory. */
export function scanPdfBytes(pages: number, page: (index: number) => ScanPage): Uint8Array {
  const chunks: Uint8Array[] = [];
  writeScanPdf((bytes) => chunks.push(bytes), pages, page);
  return Buffer.concat(chunks);
}

/**
 * A scan of A4 pages, each a JPEG photographed page of lines of text (1,200 × 1,600): `cut` pages have their
 * JPEG data cut in half, the end-of-image marker lost with the rest, as a transfer cut short leaves it.
 */
export async function jpegScanPdf(pages: number, cut: number[] = []): Promise<Uint8Array> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(1200, 1600);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, 1200, 1600);
  context.fillStyle = '#000000';
  context.font = '40px sans-serif';
  for (let y = 80; y < 1600; y += 60) context.fillText(`A line of the scanned letter, ${y} down`, 60, y);
  const jpeg = Buffer.from(await canvas.encode('jpeg', 85));
  return scanPdfBytes(pages, (i) => ({
    width: 595,
    height: 842,
    image: {
      width: 1200,
      height: 1600,
      filter: 'DCTDecode',
      data: cut.includes(i + 1) ? jpeg.subarray(0, jpeg.length >> 1) : jpeg,
    },
  }));
}
