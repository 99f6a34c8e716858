/** Photos and screenshots as pages: a long screenshot is shown at the page's width over several pages. */
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream } from '@cantoo/pdf-lib';
import {
  imageToPdf,
  MAX_PICTURE_PAGES,
  pictureNotes,
  jpegIsWhole,
  placeImage,
  PictureCutShort,
  PictureDamaged,
  PictureNotSupported,
  placePicture,
  pngForEmbedding,
  pngIsWhole,
} from '../../../../../electron/services/documents/images';
import { LIMITS } from '../../../../../shared/limits';
import {
  arithmeticJpeg,
  LANDSCAPE_JPEG,
  makeJpeg,
  makePng,
  withExifOrientation,
  withFrame,
  type Rgb,
} from '../../../../helpers/images';
import { look, near, pageCount } from '../../../../helpers/popplerLook';
import { encodePng } from '../../../../helpers/pngVariants';
import { decodePngScaled } from '../../../../../electron/services/documents/pngScaled';
import { animatedPng, withUnderstatedWindow } from '../../../../helpers/hostile';

const RED: Rgb = [255, 0, 0];
const GREEN: Rgb = [0, 160, 0];
const BLUE: Rgb = [0, 0, 255];

/** A screenshot scrolled down a chat: a red band at its top, a blue one at its foot, its left half green. */
function longScreenshot(width: number, height: number): Uint8Array {
  return makePng(width, height, (x, y) =>
    y < height * 0.05 ? RED : y >= height * 0.95 ? BLUE : x < width / 2 ? GREEN : [255, 255, 255],
  );
}

describe('placePicture', () => {
  it('keeps a photo or an ordinary phone screenshot on one page, fitted', () => {
    for (const [width, height] of [
      [4032, 3024],
      [1080, 2340],
      [16, 16],
    ])
      expect(placePicture(width, height)).toEqual([placeImage(width, height)]);
  });

  it("shows a long screenshot at the page's width in slices, each page beginning with the end of the one before", () => {
    const pages = placePicture(1080, 12_000);
    // Fitted on one page it would be 68 points wide, its text a point or two high.
    expect(placeImage(1080, 12_000).width).toBeLessThan(70);
    expect(pages.length).toBeGreaterThan(5);
    const shown = pages.map((page) => {
      expect([page.pageWidth, page.pageHeight]).toEqual([595.28, 841.89]);
      expect(page.x).toBeCloseTo(page.clip!.x, 5);
      expect(page.width).toBeCloseTo(page.clip!.width, 5);
      // The stretch of the picture (from its top, in points) the page shows through its window.
      const top = page.y + page.height - (page.clip!.y + page.clip!.height);
      return { from: top, to: top + page.clip!.height, height: page.height };
    });
    expect(shown[0].from).toBeCloseTo(0, 5);
    for (let i = 1; i < shown.length; i++) {
      expect(shown[i].from).toBeLessThan(shown[i - 1].to);
      expect(shown[i - 1].to - shown[i].from).toBeGreaterThan(20);
    }
    expect(shown.at(-1)!.to).toBeGreaterThanOrEqual(shown.at(-1)!.height);
    expect(shown.at(-2)!.to).toBeLessThan(shown.at(-1)!.height);
  });
});

describe('a picture too long for any page', () => {
  // An 8 KB TIFF, a scanned page one pixel wide and 65,537 tall, was laid over 46,390 pages at the page's
  // width (fuzz, image-tiff's big_g4.tif): its import ran out of time.
  it('is laid over MAX_PICTURE_PAGES pages at most, shown narrower, all of it', () => {
    for (const [width, height, scanned] of [
      [1, 65_537, true],
      [1, 120_000, false],
      [500, 240_000, false],
    ] as const) {
      const pages = placePicture(width, height, scanned);
      expect(pages.length).toBe(MAX_PICTURE_PAGES);
      const [first] = pages;
      const last = pages[pages.length - 1];
      expect(first.width).toBeLessThan(595.28 - 2 * 42.52);
      // The picture's bottom is above the last page's bottom margin: none of it is left off.
      expect(last.y).toBeGreaterThanOrEqual(42.52 - 0.01);
      expect(pictureNotes(width, height, scanned)[0]).toMatch(
        /^It is a very long picture .* over 100 pages, the most/,
      );
    }
    // A long chat screenshot at the pixel limit is shown at the page's width, under the cap.
    expect(placePicture(1080, 111_000).length).toBeLessThan(MAX_PICTURE_PAGES);
  });
});

describe('a small picture', () => {
  it('is shown at its own size (as on a screen), at the top of a portrait page, not enlarged', () => {
    const [icon] = placePicture(16, 16);
    expect([icon.pageWidth, icon.pageHeight]).toEqual([595.28, 841.89]);
    expect(icon.width).toBeCloseTo(12, 5);
    expect(icon.height).toBeCloseTo(12, 5);
    expect(icon.x * 2 + icon.width).toBeCloseTo(595.28, 5);
    expect(icon.y + icon.height).toBeCloseTo(841.89 - 42.52, 5);
    // A wide one that fits at its own size stays on a portrait page.
    expect(placePicture(600, 300)[0]).toMatchObject({ pageWidth: 595.28, width: 450, height: 225 });
    // A narrow long one is not stretched to the page's width either.
    const strip = placePicture(60, 3000);
    expect(strip.length).toBeGreaterThan(1);
    for (const page of strip) expect(page.width).toBeCloseTo(45, 5);
  });

  it('says so, when filling the page would have enlarged it more than twice; a photo is fitted, with no note', async () => {
    const icon = await imageToPdf(
      makePng(16, 16, () => RED),
      'png',
      'Icon',
    );
    expect(icon.notes).toEqual([
      'It is a small picture (16 × 16 pixels): it is shown at its own size, as on a screen, not enlarged to fill the page, which would only blur it.',
    ]);
    // Poppler sees red just under the top margin, in the middle, and white well below it.
    expect(near(look(icon.pdf, 1, 0.5, (42.52 + 6) / 841.89).colour, RED)).toBe(true);
    expect(near(look(icon.pdf, 1, 0.5, 0.5).colour, [255, 255, 255])).toBe(true);
    expect((await imageToPdf(makePng(400, 600), 'png', 'Picture')).notes).toEqual([]);
    const photo = placePicture(4032, 3024)[0];
    expect(photo.pageWidth).toBeCloseTo(841.89, 5);
  });
});

describe('imageToPdf', () => {
  it('lays a long screenshot over several pages that poppler shows at the width of the page', async () => {
    const { pdf, notes } = await imageToPdf(longScreenshot(700, 9000), 'png', 'Chat screenshot');
    const places = placePicture(700, 9000);
    expect(notes).toEqual([expect.stringMatching(/^It is a long picture .* over \d+ pages/)]);
    expect(pageCount(pdf)).toBe(places.length);
    // The top of the picture at the top of the first page; its left half all the way down the pages.
    expect(near(look(pdf, 1, 0.1, (42.52 + 10) / 841.89).colour, RED)).toBe(true);
    expect(near(look(pdf, Math.ceil(places.length / 2), 0.1, 0.5).colour, GREEN)).toBe(true);
    const last = places.at(-1)!;
    expect(near(look(pdf, places.length, 0.5, 1 - (last.y + 20) / 841.89).colour, BLUE)).toBe(true);
  });

  it('keeps enough of the pixels of a long screenshot over the downscale size to read it', async () => {
    const [width, height] = [1000, 20_000];
    expect(width * height).toBeGreaterThan(LIMITS.imageDownscalePixels);
    const { pdf } = await imageToPdf(longScreenshot(width, height), 'png', 'Long chat screenshot');
    const doc = await PDFDocument.load(pdf);
    const images = doc.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter(
        (object): object is PDFRawStream =>
          object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
      );
    expect(images).toHaveLength(1);
    const kept = (images[0].dict.get(PDFName.of('Width')) as PDFNumber).asNumber();
    // As many pixels as the downscale size allows, in the picture's own shape (not one A4 page's: 124).
    expect(kept).toBeGreaterThan(900);
    expect(doc.getPageCount()).toBe(placePicture(width, height).length);
  }, 30_000);
});

describe('JPEGs of the kinds PDF readers do not all show', () => {
  /** A JPEG's start-of-frame marker (0xc0 baseline, 0xc9 arithmetic). */
  const frameOf = (bytes: Uint8Array) => {
    for (let at = 2; at + 4 < bytes.length; at += 2 + ((bytes[at + 2] << 8) | bytes[at + 3]))
      if (bytes[at + 1] >= 0xc0 && bytes[at + 1] <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(bytes[at + 1]))
        return bytes[at + 1];
    return null;
  };
  /** The start-of-frame marker of the JPEG picture in `pdf`. */
  const embeddedFrame = async (pdf: Uint8Array) => {
    const doc = await PDFDocument.load(pdf);
    for (const [, object] of doc.context.enumerateIndirectObjects())
      if (object instanceof PDFRawStream && object.dict.get(PDFName.of('Filter')) === PDFName.of('DCTDecode'))
        return frameOf(object.contents);
    return null;
  };

  // Embedded as it was, pdf.js (the app's preview) showed an arithmetic-coded JPEG's page blank.
  it('codes an arithmetic-coded JPEG again as readers all read it, its picture kept', async () => {
    const jpeg = arithmeticJpeg(await makeJpeg(400, 300));
    expect(frameOf(jpeg)).toBe(0xc9);
    const { pdf } = await imageToPdf(jpeg, 'jpeg', 'Arithmetic');
    expect(await embeddedFrame(pdf)).toBe(0xc0);
    // 300 × 225 points at the top of the page: red at the top left, blue at the bottom right.
    expect(near(look(pdf, 1, 0.4, (42.52 + 50) / 841.89).colour, RED)).toBe(true);
    expect(near(look(pdf, 1, 0.6, (42.52 + 180) / 841.89).colour, [0, 0, 255])).toBe(true);
    expect(await embeddedFrame((await imageToPdf(await makeJpeg(400, 300), 'jpeg', 'Baseline')).pdf)).toBe(
      0xc0,
    );
  });

  // PDF's DCT filter holds 8 bits a sample: poppler showed a 12-bit JPEG's page blank.
  it('refuses, saying what it is, a JPEG of 12 bits a sample, or a lossless or hierarchical one', async () => {
    const jpeg = await makeJpeg(40, 30);
    for (const [change, words] of [
      [{ bits: 12 }, /^a JPEG picture of 12 bits a colour/],
      [{ marker: 0xc3 }, /^a lossless or hierarchical JPEG picture/],
      [{ marker: 0xc5 }, /^a lossless or hierarchical JPEG picture/],
    ] as const)
      await expect(imageToPdf(withFrame(jpeg, change), 'jpeg', 'Odd')).rejects.toMatchObject({
        constructor: PictureNotSupported,
        description: expect.stringMatching(words),
      });
  });
});

describe('a picture cut short', () => {
  it('is told from a whole JPEG by its end-of-image marker, reached through its segments and scans', async () => {
    const jpeg = await makeJpeg(640, 480);
    for (const whole of [jpeg, LANDSCAPE_JPEG, withExifOrientation(LANDSCAPE_JPEG, 6)])
      expect(jpegIsWhole(whole)).toBe(true);
    // Stray bytes between two segments (some cameras pad them) are passed over, as decoders pass them.
    const app0 = 2 + 2 + ((jpeg[4] << 8) | jpeg[5]);
    expect(jpegIsWhole(Buffer.concat([jpeg.subarray(0, app0), Buffer.alloc(5), jpeg.subarray(app0)]))).toBe(
      true,
    );
    // Data after the end (a phone's motion photo puts a film there) does not matter.
    expect(jpegIsWhole(Buffer.concat([jpeg, Buffer.from('ftypmp42 and a film')]))).toBe(true);
    for (const cut of [jpeg.length - 1, jpeg.length - 2, Math.floor(jpeg.length / 2), 300, 20, 3])
      expect(jpegIsWhole(jpeg.subarray(0, cut)), `cut at ${cut}`).toBe(false);
  });

  it('is told from a whole PNG by its chunks reaching IEND after picture data', () => {
    const png = makePng(50, 40);
    expect(pngIsWhole(png)).toBe(true);
    for (const cut of [png.length - 1, png.length - 12, 60, 33, 8])
      expect(pngIsWhole(png.subarray(0, cut)), `cut at ${cut}`).toBe(false);
  });

  it('is refused rather than shown in part', async () => {
    const jpeg = await makeJpeg(640, 480);
    await expect(imageToPdf(jpeg.subarray(0, jpeg.length / 2), 'jpeg', 'Cut')).rejects.toThrow(
      PictureCutShort,
    );
  });
});

/** Whether import takes the PNG's picture data as sound (pngForEmbedding gives it pdf-lib). */
const pngDataIsSound = async (png: Uint8Array) => (await pngForEmbedding(png)) !== null;

/** The chunks of a PNG: type and data. */
function pngChunks(png: Uint8Array): { type: string; data: Buffer }[] {
  const b = Buffer.from(png);
  const out: { type: string; data: Buffer }[] = [];
  for (let pos = 8; pos + 12 <= b.length;) {
    const size = b.readUInt32BE(pos);
    out.push({ type: b.toString('latin1', pos + 4, pos + 8), data: b.subarray(pos + 8, pos + 8 + size) });
    pos += 12 + size;
  }
  return out;
}

/** `png` with `extra` chunks put before its first IDAT, and its IDAT data replaced by `data` when given. */
function withChunks(
  png: Uint8Array,
  extra: { type: string; data: Uint8Array }[],
  data?: Uint8Array,
): Uint8Array {
  const chunk = (type: string, body: Uint8Array) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
    return Buffer.concat([head, body, crc]);
  };
  const parts: Buffer[] = [Buffer.from(png).subarray(0, 8)];
  let first = true;
  for (const c of pngChunks(png)) {
    if (c.type === 'IDAT') {
      if (!first) continue;
      first = false;
      for (const e of extra) parts.push(chunk(e.type, e.data));
      parts.push(
        chunk(
          'IDAT',
          data ??
            Buffer.concat(
              pngChunks(png)
                .filter((x) => x.type === 'IDAT')
                .map((x) => x.data),
            ),
        ),
      );
      continue;
    }
    parts.push(chunk(c.type, c.data));
  }
  return new Uint8Array(Buffer.concat(parts));
}

describe('a PNG with more in it than its picture (pdf-lib unpacks it all)', () => {
  const rowsOf = (png: Uint8Array) =>
    inflateSync(
      Buffer.concat(
        pngChunks(png)
          .filter((c) => c.type === 'IDAT')
          .map((c) => c.data),
      ),
    );

  it('is given to pdf-lib as it is when it has only its picture', async () => {
    const png = makePng(40, 30);
    expect(await pngForEmbedding(png)).toBe(png);
  });

  it('is given without its text chunks, the compressed ones that unpack to 64 MB among them', async () => {
    const png = makePng(40, 30);
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024));
    const texts = [
      { type: 'tEXt', data: Buffer.from('Comment\0Made on a phone', 'latin1') },
      { type: 'zTXt', data: Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), bomb]) },
      { type: 'iTXt', data: Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\x01\0\0\0', 'latin1'), bomb]) },
    ];
    const given = await pngForEmbedding(withChunks(png, texts));
    expect(given).not.toBeNull();
    expect(pngChunks(given!).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(rowsOf(given!)).toEqual(rowsOf(png));
    await expect(imageToPdf(withChunks(png, texts), 'png', 'Texts')).resolves.toBeDefined();
  });

  it('whose picture data unpacks past its rows (64 MB of zeros after them) is given its rows alone, not read on', async () => {
    const png = makePng(40, 30);
    const rows = rowsOf(png);
    const padded = deflateSync(Buffer.concat([rows, Buffer.alloc(64 * 1024 * 1024)]));
    const given = await pngForEmbedding(withChunks(png, [], padded));
    expect(given).not.toBeNull();
    expect(pngChunks(given!).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(rowsOf(given!)).toEqual(rows);
    // Fewer rows than the header promises is still damaged.
    expect(
      await pngForEmbedding(withChunks(png, [], deflateSync(rows.subarray(0, rows.length - 10)))),
    ).toBeNull();
  });
});

describe('an animated PNG', () => {
  it('is shown as its first frame, its other frames not unpacked, and the notes say so', async () => {
    // 40 frames of 1500 × 1500 (270 MB unpacked) in a file of a few hundred kB.
    const moving = await animatedPng(40, 1500);
    const given = await pngForEmbedding(moving);
    expect(pngChunks(given!).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const { notes } = await imageToPdf(moving, 'png', 'Sticker');
    expect(notes).toContain(
      'It is a moving picture (an animated PNG of 41 frames): its page shows the first frame.',
    );
  });
});

describe('a PNG whose picture data is damaged', () => {
  /** The PNG with one byte of its picture data (the first IDAT chunk's) changed, `into` it. */
  const withDataByteChanged = (png: Uint8Array, into: number) => {
    const copy = Buffer.from(png);
    const idat = copy.indexOf('IDAT');
    const at = idat + 4 + Math.floor(into * copy.readUInt32BE(idat - 4));
    copy[at] ^= 0x55;
    return new Uint8Array(copy);
  };

  it('is told from a sound one by what its data unpacks to', async () => {
    for (const sound of [
      makePng(200, 150),
      encodePng('interlaced', 61, 47),
      encodePng('palette', 40, 30),
      encodePng('grey-alpha', 33, 21),
      encodePng('rgb16', 25, 19),
    ])
      expect(await pngDataIsSound(sound)).toBe(true);
    // A byte changed in the middle of its data: zlib's check fails (pdf-lib's decoder does not look).
    expect(await pngDataIsSound(withDataByteChanged(makePng(200, 150), 0.5))).toBe(false);
  });

  it("is sound when its data's header names a smaller window than its matches use, as viewers read it", async () => {
    const png = Buffer.from(makePng(200, 150));
    const idat = png.indexOf('IDAT') - 4;
    const size = png.readUInt32BE(idat);
    const packed = withUnderstatedWindow(inflateSync(png.subarray(idat + 8, idat + 8 + size)));
    const chunk = Buffer.alloc(12 + packed.length);
    chunk.writeUInt32BE(packed.length, 0);
    chunk.write('IDAT', 4, 'latin1');
    packed.copy(chunk, 8);
    chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + packed.length)), 8 + packed.length);
    const rewritten = Buffer.concat([png.subarray(0, idat), chunk, png.subarray(idat + 12 + size)]);
    expect(await pngDataIsSound(new Uint8Array(rewritten))).toBe(true);
  });

  it('is told when its data unpacks to fewer rows than its header promises', async () => {
    const png = Buffer.from(makePng(40, 30));
    const taller = Buffer.from(png);
    taller.writeUInt32BE(31, 20); // one row more than the data holds (the header's CRC is not what is read)
    expect(await pngDataIsSound(taller)).toBe(false);
  });

  // pdf-lib's decoder took them: PngSuite's xd0n2c08.png and xd3n2c08.png (0 and 3 bits) were imported blank.
  it('is told when its header is not one the standard allows, or its palette is missing', async () => {
    const withHeader = (at: number, value: number) => {
      const png = Buffer.from(makePng(40, 30));
      png[16 + at] = value; // the header's CRC is not what is read
      return new Uint8Array(png);
    };
    expect(await pngDataIsSound(makePng(40, 30))).toBe(true);
    for (const [at, value] of [
      [8, 0], // bit depth 0
      [8, 3], // 3
      [8, 4], // 4, which RGB does not have
      [10, 1], // a compression method other than deflate
      [11, 1], // a filter method other than PNG's
      [12, 2], // an interlace method other than Adam7
    ]) {
      const png = withHeader(at, value);
      expect({ at, value, sound: await pngDataIsSound(png) }).toEqual({ at, value, sound: false });
      await expect(imageToPdf(png, 'png', 'Header')).rejects.toThrow(PictureDamaged);
      await expect(decodePngScaled(png, 40, 30)).rejects.toThrow('not a PNG this app can read');
    }
    // Colour type 3 (palette) at 8 bits: each row's 40 bytes name palette entries it does not have.
    const noPalette = withHeader(9, 3);
    expect(await pngDataIsSound(noPalette)).toBe(false);
    await expect(imageToPdf(noPalette, 'png', 'Palette')).rejects.toThrow(PictureDamaged);
  });

  // pdf-lib's decoder read the first row of each pass after the first as unfiltered when written with the
  // Average filter: PngSuite's basi4a16.png came out with pixels wrong, and this picture's right half cyan.
  it('is shown with the right pixels when interlaced, whatever filter its rows are written with', async () => {
    for (const filter of [0, 3] as const) {
      const { pdf } = await imageToPdf(encodePng('interlaced', 400, 300, filter), 'png', 'Interlaced');
      // 300 × 225 points at the top of the page: red on the left, white on the right.
      const y = (42.52 + 112) / 841.89;
      expect({ filter, colour: look(pdf, 1, 0.4, y).colour }).toEqual({ filter, colour: RED });
      expect({ filter, colour: look(pdf, 1, 0.6, y).colour }).toEqual({ filter, colour: [255, 255, 255] });
    }
  });

  it('is refused rather than shown with its pixels wrong', async () => {
    await expect(imageToPdf(withDataByteChanged(makePng(200, 150), 0.5), 'png', 'Changed')).rejects.toThrow(
      PictureDamaged,
    );
    expect(pageCount((await imageToPdf(makePng(200, 150), 'png', 'Sound')).pdf)).toBe(1);
  });
});
