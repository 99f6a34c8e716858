/**
 * HEIC photos, AVIF, WebP, GIF and BMP pictures into a PDF page: in their colours, fitted to A4 in their
 * orientation, photos kept as JPEG and screenshots losslessly, transparency on white; a picture too big is
 * refused from its header, a damaged or hostile one refused quickly. Test files come from other encoders
 * (heif-enc, avifenc, cwebp, omggif; BMPs checked against Skia's reading of them): tests/helpers/pictures.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { ImageTooLarge, PictureNotSupported } from '../../../../../electron/services/documents/images';
import {
  decodePicture,
  PictureReadError,
  pictureToPdf,
} from '../../../../../electron/services/documents/pictures';
import { sniffFileType } from '../../../../../electron/services/documents/sniff';
import {
  animatedAvifFile,
  animatedWebpFile,
  avifDeclaring,
  avifFile,
  bmpFile,
  gifFile,
  heicFile,
  webpFile,
  withHeicRotation,
  withIpmaPerItem,
  withoutPixelInformation,
  type BmpLayout,
  type PicturePixels,
} from '../../../../helpers/pictures';
import { look, near, pageCount } from '../../../../helpers/popplerLook';
import type { Rgb } from '../../../../helpers/tiff';

const RED: Rgb = [210, 30, 30];
const BLUE: Rgb = [30, 40, 200];
const WHITE: Rgb = [255, 255, 255];
const GREEN: Rgb = [30, 170, 60];

/**
 * Left half red, right half blue: landscape when wider than tall. The pictures whose pages are looked at are
 * bigger than an A4 page at their own size (a smaller one is shown at that size, not fitted: images.ts).
 */
function halves(width: number, height: number): PicturePixels {
  return { width, height, pixel: (x) => (x < width / 2 ? RED : BLUE) };
}

function pdfText(pdf: Uint8Array): string {
  return Buffer.from(pdf).toString('latin1');
}

async function expectPage(pdf: Uint8Array, size: [number, number], left: Rgb, right: Rgb) {
  expect(pageCount(pdf)).toBe(1);
  const seen = [look(pdf, 1, 0.3, 0.5), look(pdf, 1, 0.7, 0.5)];
  expect(seen[0].size).toEqual(size);
  expect(near(seen[0].colour, left), `left: ${seen[0].colour.join(' ')}`).toBe(true);
  expect(near(seen[1].colour, right), `right: ${seen[1].colour.join(' ')}`).toBe(true);
}

const LANDSCAPE: [number, number] = [841.89, 595.28];
const PORTRAIT: [number, number] = [595.28, 841.89];

describe('HEIC photos', () => {
  it('become a page in their colours and shape, kept as a JPEG', async () => {
    const heic = heicFile(halves(1200, 800));
    expect(sniffFileType(heic)).toEqual({ kind: 'picture', format: 'HEIC' });
    const { pdf, notes } = await pictureToPdf(heic, 'HEIC', 'IMG_0042');
    await expectPage(pdf, LANDSCAPE, RED, BLUE);
    expect(pdfText(pdf)).toContain('/DCTDecode');
    expect(notes).toEqual([]);
  });

  it('taken holding the phone upright (pixels as the sensor saw them, marked to be turned) come out upright', async () => {
    // A quarter turn anticlockwise: the left (red) half ends at the bottom of a portrait picture.
    const heic = withHeicRotation(heicFile(halves(1200, 800)), 1);
    const decoded = await decodePicture(heic, 'HEIC');
    expect([decoded.width, decoded.height]).toEqual([800, 1200]);
    const { pdf } = await pictureToPdf(heic, 'HEIC', 'IMG_0043');
    expect(look(pdf, 1, 0.5, 0.3).size).toEqual(PORTRAIT);
    expect(near(look(pdf, 1, 0.5, 0.3).colour, BLUE)).toBe(true);
    expect(near(look(pdf, 1, 0.5, 0.7).colour, RED)).toBe(true);
  });

  it('are refused as damaged when cut short or not a photo inside', async () => {
    const heic = heicFile(halves(64, 64));
    await expect(pictureToPdf(heic.subarray(0, heic.length / 2), 'HEIC', 'x')).rejects.toThrow(
      PictureReadError,
    );
    const onlyBrands = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic')]);
    await expect(pictureToPdf(onlyBrands, 'HEIC', 'x')).rejects.toThrow(PictureReadError);
  });

  it('are refused before decoding when they declare more pixels than their limit', async () => {
    // The same small photo, its size box (ispe) saying 8000 × 8000.
    const heic = Buffer.from(heicFile(halves(64, 64)));
    const ispe = heic.indexOf('ispe') - 4;
    heic.writeUInt32BE(8000, ispe + 12);
    heic.writeUInt32BE(8000, ispe + 16);
    await expect(decodePicture(heic, 'HEIC')).rejects.toMatchObject({
      constructor: ImageTooLarge,
      width: 8000,
      height: 8000,
      limit: 50_000_000,
    });
  });

  it('are told from AVIF pictures and films by their brands', () => {
    const ftyp = (major: string, ...compatible: string[]) =>
      Buffer.concat([
        Buffer.from([0, 0, 0, 16 + 4 * compatible.length]),
        Buffer.from(`ftyp${major}\0\0\0\0${compatible.join('')}`),
      ]);
    expect(sniffFileType(ftyp('mif1', 'heic', 'miaf'))).toEqual({ kind: 'picture', format: 'HEIC' });
    expect(sniffFileType(ftyp('avif', 'mif1', 'miaf'))).toEqual({ kind: 'picture', format: 'AVIF' });
    expect(sniffFileType(ftyp('mif1', 'avif'))).toEqual({ kind: 'picture', format: 'AVIF' });
    expect(sniffFileType(ftyp('isom', 'mp41'))).toMatchObject({ description: 'a video or audio file' });
  });
});

describe('AVIF pictures', () => {
  /** Red top left, blue top right, green below: each corner tells where it went. */
  const corners: PicturePixels = {
    width: 256,
    height: 128,
    pixel: (x, y) => (y >= 64 ? GREEN : x < 128 ? RED : BLUE),
  };
  const colourAt = (decoded: { width: number; rgba: Uint8Array }, x: number, y: number): Rgb => {
    const p = (y * decoded.width + x) * 4;
    return [decoded.rgba[p], decoded.rgba[p + 1], decoded.rgba[p + 2]];
  };
  const cornersOf = (decoded: { width: number; height: number; rgba: Uint8Array }) =>
    [
      [2, 2],
      [decoded.width - 3, 2],
      [2, decoded.height - 3],
      [decoded.width - 3, decoded.height - 3],
    ].map(([x, y]) => {
      const colour = colourAt(decoded, x, y);
      return (
        [
          ['red', RED],
          ['blue', BLUE],
          ['green', GREEN],
        ] as const
      ).find(([, c]) => near(colour, c))?.[0];
    });

  it('become a page in their colours and shape, kept as a JPEG, from 8, 10 or 12 bits', async () => {
    const avif = avifFile(halves(1200, 800));
    expect(sniffFileType(avif)).toEqual({ kind: 'picture', format: 'AVIF' });
    const { pdf, notes } = await pictureToPdf(avif, 'AVIF', 'photo');
    await expectPage(pdf, LANDSCAPE, RED, BLUE);
    expect(pdfText(pdf)).toContain('/DCTDecode');
    expect(notes).toEqual([]);
    for (const depth of [10, 12] as const)
      expect(cornersOf(await decodePicture(avifFile(corners, { depth }), 'AVIF'))).toEqual([
        'red',
        'blue',
        'green',
        'green',
      ]);
  });

  it('marked to be turned or mirrored come out as a viewer shows them', async () => {
    const cases: [Parameters<typeof avifFile>[1], [number, number], string[]][] = [
      [{}, [256, 128], ['red', 'blue', 'green', 'green']],
      // A quarter turn anticlockwise: the top edge (red, blue) becomes the left edge, read upwards.
      [{ irot: 1 }, [128, 256], ['blue', 'green', 'red', 'green']],
      [{ irot: 2 }, [256, 128], ['green', 'green', 'blue', 'red']],
      [{ irot: 3 }, [128, 256], ['green', 'red', 'green', 'blue']],
      [{ imir: 1 }, [256, 128], ['blue', 'red', 'green', 'green']],
      [{ imir: 0 }, [256, 128], ['green', 'green', 'red', 'blue']],
      // Turned, then mirrored top to bottom, in the order the file lists them.
      [{ irot: 1, imir: 0 }, [128, 256], ['red', 'green', 'blue', 'green']],
      // Stored as a grid of four pictures (as large photos are), and turned.
      [{ grid: [2, 2], irot: 1 }, [128, 256], ['blue', 'green', 'red', 'green']],
    ];
    for (const [options, size, expected] of cases) {
      const decoded = await decodePicture(avifFile(corners, options), 'AVIF');
      expect([decoded.width, decoded.height], JSON.stringify(options)).toEqual(size);
      expect(cornersOf(decoded), JSON.stringify(options)).toEqual(expected);
    }
  });

  it('marked to be cropped between pixels are shown whole, as web browsers show them, and a note says so', async () => {
    // Cropped to 200 × 100 from 28.5 pixels in (libavif refuses that: "calculated crop X offset 57/2 is not
    // an integer"), the crop marked essential as avifenc marks it; and the same, also turned.
    const crop = { width: 200, height: 100, horizontalOffset: [1, 2] as [number, number] };
    for (const [options, size, expected] of [
      [{ crop }, [256, 128], ['red', 'blue', 'green', 'green']],
      [{ crop, irot: 1 }, [128, 256], ['blue', 'green', 'red', 'green']],
    ] as const) {
      const avif = avifFile(corners, options);
      const decoded = await decodePicture(avif, 'AVIF');
      expect([decoded.width, decoded.height]).toEqual(size);
      expect(cornersOf(decoded)).toEqual(expected);
      expect(decoded.notes).toEqual([
        'It marks part of itself to be cut away (a crop): its page shows the whole picture, as web browsers do.',
      ]);
      // The same pixels as the picture without its crop.
      const { crop: _, ...uncropped } = options;
      const whole = await decodePicture(avifFile(corners, uncropped), 'AVIF');
      expect(Buffer.from(decoded.rgba).equals(Buffer.from(whole.rgba))).toBe(true);
    }
  });

  /** The corners, fading from opaque at the left to transparent at the right. */
  const fading: PicturePixels = { ...corners, alpha: (x) => Math.round(255 - x) };

  it('with transparency keep it as written (a lossless one exactly)', async () => {
    const decoded = await decodePicture(avifFile(fading, { lossless: true }), 'AVIF');
    // Its transparency exactly; its colours as near as the PNG it was made from keeps them (Skia stores
    // colours multiplied by their opacity, so a nearly transparent pixel's are rounded).
    const differing: string[] = [];
    for (let y = 0; y < 128; y++)
      for (let x = 0; x < 256; x++) {
        const p = (y * 256 + x) * 4;
        const alpha = fading.alpha!(x, y);
        const colour = fading.pixel(x, y);
        if (
          decoded.rgba[p + 3] !== alpha ||
          colour.some((v, c) => Math.abs(decoded.rgba[p + c] - v) > Math.ceil(255 / Math.max(alpha, 1)))
        )
          differing.push(`${x},${y}: ${decoded.rgba.subarray(p, p + 4).join(' ')}`);
      }
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it('written by older encoders with an association box for each item (cavif) are read as written', async () => {
    // Each item's properties in an ipma box of its own (libavif: "Multiple Box[ipma] with a given pair of
    // values of version and flags"); Chromium reads them.
    const avif = avifFile(fading, { lossless: true });
    const split = withIpmaPerItem(avif);
    expect(Buffer.from(split).toString('latin1').split('ipma').length - 1).toBe(2);
    const decoded = await decodePicture(split, 'AVIF');
    expect(decoded.notes).toEqual([]);
    expect(Buffer.from(decoded.rgba).equals(Buffer.from((await decodePicture(avif, 'AVIF')).rgba))).toBe(
      true,
    );
    // The same item's properties in both boxes: what it meant is not sure, and it is refused as before.
    const twice = Buffer.from(split);
    const second = twice.lastIndexOf('ipma');
    twice.writeUInt16BE(1, second + 12);
    await expect(decodePicture(twice, 'AVIF')).rejects.toThrow(PictureReadError);
  });

  it('written with no pixel information (pixi), as older libheif wrote them (GIMP, ImageMagick), are read as written', async () => {
    // libavif: "[Strict] Item ID 1 of type 'av01' is missing mandatory pixi property", of the picture, its
    // transparency, and a grid; Chromium and libheif show them.
    const cases: [string, Uint8Array][] = [
      ['8 bits', avifFile(corners)],
      ['10 bits', avifFile(corners, { depth: 10 })],
      ['monochrome', avifFile(corners, { yuv: 400 })],
      ['with transparency', avifFile(fading, { lossless: true })],
      ['a grid, with transparency', avifFile(fading, { grid: [2, 2] })],
    ];
    for (const [name, avif] of cases) {
      const without = withoutPixelInformation(avif);
      expect(Buffer.from(without).includes('pixi'), name).toBe(false);
      const decoded = await decodePicture(without, 'AVIF');
      expect(decoded.notes, name).toEqual([]);
      const written = await decodePicture(avif, 'AVIF');
      expect([decoded.width, decoded.height], name).toEqual([written.width, written.height]);
      expect(Buffer.from(decoded.rgba).equals(Buffer.from(written.rgba)), name).toBe(true);
    }
  });

  it('with no pixel information and no room to associate it (255 associations already) are refused as before', async () => {
    const avif = avifFile(corners);
    await expect(decodePicture(withoutPixelInformation(avif, 255), 'AVIF')).rejects.toThrow(PictureReadError);
    // With room for one more, the same picture is read.
    const decoded = await decodePicture(withoutPixelInformation(avif, 254), 'AVIF');
    expect(Buffer.from(decoded.rgba).equals(Buffer.from((await decodePicture(avif, 'AVIF')).rgba))).toBe(
      true,
    );
  });

  it('are refused before decoding when they declare more pixels than their limit, and as damaged when cut short', async () => {
    await expect(decodePicture(avifDeclaring(8000, 8000), 'AVIF')).rejects.toMatchObject({
      constructor: ImageTooLarge,
      width: 8000,
      height: 8000,
      limit: 36_000_000,
    });
    const avif = Buffer.from(avifFile(halves(64, 64)));
    for (const damaged of [avif.subarray(0, avif.length - 40), avif.subarray(0, 60)])
      await expect(pictureToPdf(damaged, 'AVIF', 'x')).rejects.toThrow(PictureReadError);
    // An animated AVIF's brands with no frames after them.
    const onlyBrands = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypavis\0\0\0\0avismsf1')]);
    await expect(pictureToPdf(onlyBrands, 'AVIF', 'x')).rejects.toThrow(PictureReadError);
  });
});

describe('animated AVIF pictures', () => {
  const colour = (rgb: Rgb): PicturePixels => ({ width: 64, height: 48, pixel: () => rgb });

  /** `avif` without its still picture (its `pitm` box made `free`): only frames, as some converters write. */
  function withoutStillPicture(avif: Uint8Array): Buffer {
    const copy = Buffer.from(avif);
    copy.write('free', copy.indexOf('pitm'), 'latin1');
    return copy;
  }

  it('show their first frame, with a note that they move', async () => {
    const avif = animatedAvifFile([colour(RED), colour(GREEN), colour(BLUE)]);
    for (const file of [avif, withoutStillPicture(avif)]) {
      const decoded = await decodePicture(file, 'AVIF');
      expect([decoded.width, decoded.height]).toEqual([64, 48]);
      expect(near([...decoded.rgba.subarray(0, 3)] as Rgb, RED, 30)).toBe(true);
      expect(decoded.notes).toEqual([
        'It is a moving picture (an animated AVIF of 3 frames): its page shows the first frame.',
      ]);
    }
  });

  it('are read with a sound track beside the frames, which libavif 1.0 would refuse', async () => {
    // libavif's own test file (tests/fixtures/pictures/README.md).
    const decoded = await decodePicture(
      readFileSync(join(__dirname, '../../../../fixtures/pictures/colors-animated-8bpc-audio.avif')),
      'AVIF',
    );
    expect([decoded.width, decoded.height]).toEqual([150, 150]);
    expect(decoded.notes).toEqual([
      'It is a moving picture (an animated AVIF of 5 frames): its page shows the first frame.',
    ]);
  });
});

describe('HEIF files not coded as HEVC', () => {
  it('an AV1 picture in a file that names no AVIF brand is read as AVIF', async () => {
    const avif = Buffer.from(avifFile(halves(64, 64)));
    const ftypEnd = avif.readUInt32BE(0);
    const heif = Buffer.from(avif);
    for (let at = heif.indexOf('avif'); at >= 0 && at < ftypEnd; at = heif.indexOf('avif', at + 4))
      heif.write('mif1', at, 'latin1');
    expect(sniffFileType(heif)).toEqual({ kind: 'picture', format: 'HEIC' });
    const decoded = await decodePicture(heif, 'HEIC');
    expect(Buffer.from(decoded.rgba).equals(Buffer.from((await decodePicture(avif, 'AVIF')).rgba))).toBe(
      true,
    );
  });

  it('one coded in a way this app does not read is refused saying how it is coded', async () => {
    const heic = Buffer.from(heicFile(halves(64, 64)));
    const uncompressed = Buffer.from(heic);
    uncompressed.write('unci', uncompressed.indexOf('hvc1', uncompressed.indexOf('infe')), 'latin1');
    await expect(decodePicture(uncompressed, 'HEIC')).rejects.toThrow(
      new PictureNotSupported('an HEIF picture coded as uncompressed pixels (ISO/IEC 23001-17)'),
    );
  });
});

describe('WebP pictures', () => {
  it('lossy ones (photos) become a page kept as a JPEG', async () => {
    const webp = webpFile(halves(800, 1200));
    expect(sniffFileType(webp)).toEqual({ kind: 'picture', format: 'WebP' });
    const { pdf } = await pictureToPdf(webp, 'WebP', 'photo');
    await expectPage(pdf, PORTRAIT, RED, BLUE);
    expect(pdfText(pdf)).toContain('/DCTDecode');
  });

  it('lossless ones (screenshots) keep every pixel, transparent parts on white', async () => {
    const picture: PicturePixels = {
      ...halves(960, 720),
      alpha: (x) => (x < 480 ? 255 : 0),
    };
    const decoded = await decodePicture(webpFile(picture, { lossless: true }), 'WebP');
    expect([decoded.width, decoded.height, decoded.photo]).toEqual([960, 720, false]);
    expect([...decoded.rgba.subarray(0, 4)]).toEqual([...RED, 255]);
    const { pdf } = await pictureToPdf(webpFile(picture, { lossless: true }), 'WebP', 'screenshot');
    expect(pdfText(pdf)).not.toContain('/DCTDecode');
    await expectPage(pdf, LANDSCAPE, RED, WHITE);
  });

  it("a lossless one of a few bytes is read (its header is shorter than a lossy one's)", async () => {
    // libwebp's test file one_color_no_palette.webp: 28 bytes, 100 × 100 pixels all transparent.
    const tiny = Buffer.from('5249464614000000574542505650384c080000002f63c01810888808', 'hex');
    expect(tiny.length).toBe(28);
    const decoded = await decodePicture(tiny, 'WebP');
    expect([decoded.width, decoded.height, decoded.photo]).toEqual([100, 100, false]);
    expect(decoded.rgba.every((v) => v === 0)).toBe(true);
    // Cut shorter than its header, it is refused as before.
    await expect(decodePicture(tiny.subarray(0, 24), 'WebP')).rejects.toThrow(PictureReadError);
  });

  it('a moving one (a sticker) shows its first frame at its place, transparent around it, and a note says so', async () => {
    // A lossy frame with a transparent right half, and a lossless one, each at (100, 60) on a canvas
    // 500 × 360 (the second frame, green, sets the canvas's size); the file's background colour is magenta.
    const first: PicturePixels = { ...halves(300, 200), alpha: (x) => (x < 150 ? 255 : 0) };
    const green: PicturePixels = { width: 500, height: 360, pixel: () => GREEN };
    for (const lossless of [false, true]) {
      const webp = animatedWebpFile([
        { picture: first, x: 100, y: 60, lossless },
        { picture: green, x: 0, y: 0 },
      ]);
      expect(sniffFileType(webp)).toEqual({ kind: 'picture', format: 'WebP' });
      const decoded = await decodePicture(webp, 'WebP');
      expect([decoded.width, decoded.height, decoded.photo]).toEqual([500, 360, !lossless]);
      const at = (x: number, y: number) => [
        ...decoded.rgba.subarray((y * 500 + x) * 4, (y * 500 + x + 1) * 4),
      ];
      expect(near(at(150, 160).slice(0, 3) as Rgb, RED, 8), at(150, 160).join(' ')).toBe(true);
      expect(at(150, 160)[3]).toBe(255);
      // The frame's transparent half, and around the frame: transparent, not the background colour.
      expect(at(330, 160)[3]).toBe(0);
      for (const [x, y] of [
        [20, 20],
        [450, 300],
      ])
        expect(at(x, y), `${x}, ${y}`).toEqual([0, 0, 0, 0]);
      expect(decoded.notes).toEqual([
        'It is a moving picture (an animated WebP of 2 frames): its page shows the first frame.',
      ]);
    }
  });

  it('a moving one is refused as damaged when a frame lies outside it or a chunk runs past its end', async () => {
    const webp = animatedWebpFile([
      { picture: halves(40, 20), x: 0, y: 0 },
      { picture: halves(40, 30), x: 0, y: 0 },
    ]);
    const anmf = Buffer.from(webp).indexOf('ANMF');
    const shifted = Buffer.from(webp);
    shifted.writeUIntLE(10, anmf + 8, 3); // x: 20
    await expect(decodePicture(shifted, 'WebP')).rejects.toThrow(PictureReadError);
    const overlong = Buffer.from(webp);
    overlong.writeUInt32LE(100_000, anmf + 4);
    await expect(decodePicture(overlong, 'WebP')).rejects.toThrow(PictureReadError);
    await expect(decodePicture(webp.subarray(0, anmf + 40), 'WebP')).rejects.toThrow(PictureReadError);
  });

  it('are refused from their header when too big, and as damaged when cut short or moving with no frame', async () => {
    // An extended header claiming 16,000 × 16,000 pixels and nothing else.
    const header = (flags: number, width: number, height: number) => {
      const bytes = Buffer.alloc(30);
      bytes.write('RIFF', 0);
      bytes.writeUInt32LE(22, 4);
      bytes.write('WEBPVP8X', 8);
      bytes.writeUInt32LE(10, 16);
      bytes[20] = flags;
      bytes.writeUIntLE(width - 1, 24, 3);
      bytes.writeUIntLE(height - 1, 27, 3);
      return bytes;
    };
    await expect(decodePicture(header(0, 16_000, 16_000), 'WebP')).rejects.toThrow(ImageTooLarge);
    // Decoded whole in WebAssembly, held three times over: a lower limit than other pictures'.
    await expect(decodePicture(header(0, 8_000, 7_000), 'WebP')).rejects.toMatchObject({
      constructor: ImageTooLarge,
      limit: 40_000_000,
    });
    // Moving, but with no frame in it.
    await expect(decodePicture(header(0x02, 100, 100), 'WebP')).rejects.toThrow(PictureReadError);
    const webp = webpFile(halves(64, 64));
    await expect(decodePicture(webp.subarray(0, webp.length - 40), 'WebP')).rejects.toThrow(PictureReadError);
  });
});

describe('GIF pictures', () => {
  it('become a page, transparent parts on white', async () => {
    const gif = gifFile([{ ...halves(960, 640), alpha: (x, y) => (y < 320 ? 255 : 0) }]);
    expect(sniffFileType(gif)).toEqual({ kind: 'picture', format: 'GIF' });
    const { pdf, notes } = await pictureToPdf(gif, 'GIF', 'chart');
    expect(notes).toEqual([]);
    expect(pageCount(pdf)).toBe(1);
    expect(near(look(pdf, 1, 0.3, 0.4).colour, RED)).toBe(true);
    expect(near(look(pdf, 1, 0.7, 0.4).colour, BLUE)).toBe(true);
    expect(near(look(pdf, 1, 0.3, 0.6).colour, WHITE)).toBe(true);
  });

  it('a moving one shows its first frame, and a note says so', async () => {
    const green: PicturePixels = { width: 800, height: 800, pixel: () => GREEN };
    const { pdf, notes } = await pictureToPdf(gifFile([halves(800, 800), green, green]), 'GIF', 'x');
    expect(near(look(pdf, 1, 0.3, 0.5).colour, RED)).toBe(true);
    expect(notes).toEqual([
      'It is a moving picture (an animated GIF of 3 frames): its page shows the first frame.',
    ]);
  });

  it('passes over extension blocks of kinds it does not read, as browsers do', async () => {
    const gif = Buffer.from(gifFile([halves(64, 64)]));
    const plain = await decodePicture(gif, 'GIF');
    const blocksStart = 13 + (gif[10] & 0x80 ? 3 * (2 << (gif[10] & 7)) : 0);
    // GIF89a's plain text extension (text to draw over the picture, which browsers do not draw), and a
    // block of a kind no standard names (image-gif's issue-209 test file has one).
    const plainText = Buffer.from([
      0x21,
      0x01,
      12,
      ...Array<number>(12).fill(0),
      5,
      ...Buffer.from('Hello'),
      0,
    ]);
    const unknown = Buffer.from([0x21, 0x2a, 5, ...Buffer.from('Hello'), 5, ...Buffer.from('World'), 0]);
    const withBlocks = Buffer.concat([
      gif.subarray(0, blocksStart),
      plainText,
      unknown,
      gif.subarray(blocksStart),
    ]);
    const decoded = await decodePicture(withBlocks, 'GIF');
    expect([decoded.width, decoded.height]).toEqual([64, 64]);
    expect(Buffer.from(decoded.rgba).equals(Buffer.from(plain.rgba))).toBe(true);
  });

  it('is refused from its header when too big, and as damaged when not a GIF inside', async () => {
    const gif = Buffer.from(gifFile([halves(8, 8)]));
    gif.writeUInt16LE(65_535, 6);
    gif.writeUInt16LE(65_535, 8);
    await expect(decodePicture(gif, 'GIF')).rejects.toThrow(ImageTooLarge);
    await expect(decodePicture(Buffer.from('GIF89a\x10\x00'), 'GIF')).rejects.toThrow(PictureReadError);
  });
});

describe('BMP pictures', () => {
  /** Four colours in quarters, so that rows from the top or bottom and columns are each told apart. */
  const quarters: PicturePixels = {
    width: 37,
    height: 21,
    pixel: (x, y) => (y < 10 ? (x < 18 ? RED : BLUE) : x < 18 ? GREEN : WHITE),
  };

  /** The same file read by Skia (another decoder): its pixels, RGBA. */
  async function skiaPixels(bytes: Uint8Array, width: number, height: number): Promise<Uint8Array> {
    const image = await loadImage(Buffer.from(bytes));
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    return new Uint8Array(context.getImageData(0, 0, width, height).data.buffer);
  }

  const layouts: [string, BmpLayout][] = [
    ['24 bits, rows from the bottom (what Paint saves)', { bits: 24 }],
    ['24 bits, rows from the top', { bits: 24, topDown: true }],
    ['32 bits with masks and a version 5 header', { bits: 32 }],
    ['16 bits', { bits: 16 }],
    ['8 bits with a palette', { bits: 8 }],
    ['8 bits, run-length coded', { bits: 8, runLength: true }],
    ['4 bits', { bits: 4 }],
    ['2 bits (Windows CE)', { bits: 2 }],
    ['8 bits with the oldest (12-byte) header', { bits: 8, coreHeader: true }],
  ];

  it.each(layouts)('%s: read as Skia reads it', async (_, layout) => {
    const bmp = bmpFile(quarters, layout);
    expect(sniffFileType(bmp)).toEqual({ kind: 'picture', format: 'BMP' });
    const decoded = await decodePicture(bmp, 'BMP');
    expect([decoded.width, decoded.height]).toEqual([37, 21]);
    const expected = await skiaPixels(bmp, 37, 21);
    const differing = decoded.rgba.findIndex((v, i) => Math.abs(v - expected[i]) > 8);
    expect(differing, `first differing byte ${differing}`).toBe(-1);
    // And the colours are the picture's (16 bits keep 5 of each colour's 8).
    expect(near([...decoded.rgba.subarray(0, 3)] as Rgb, RED, 8)).toBe(true);
    const lastRow = (21 - 1) * 37 * 4;
    expect(near([...decoded.rgba.subarray(lastRow, lastRow + 3)] as Rgb, GREEN, 8)).toBe(true);
  });

  it('a black-and-white one (1 bit) becomes a page', async () => {
    const ink: PicturePixels = { width: 960, height: 720, pixel: (x) => (x < 480 ? [0, 0, 0] : WHITE) };
    const { pdf } = await pictureToPdf(bmpFile(ink, { bits: 1 }), 'BMP', 'fax');
    await expectPage(pdf, LANDSCAPE, [0, 0, 0], WHITE);
  });

  it('is refused from its header when too big, and as damaged when its pixels are cut short', async () => {
    const bmp = Buffer.from(bmpFile(quarters, { bits: 24 }));
    const huge = Buffer.from(bmp);
    huge.writeInt32LE(20_000, 18);
    huge.writeInt32LE(-20_000, 22);
    await expect(decodePicture(huge, 'BMP')).rejects.toThrow(ImageTooLarge);
    await expect(decodePicture(bmp.subarray(0, bmp.length - 100), 'BMP')).rejects.toThrow(PictureReadError);
    // A run-length picture whose runs point past its end reads what there is, and stops.
    const rle = Buffer.from(bmpFile(quarters, { bits: 8, runLength: true }));
    const decoded = await decodePicture(rle.subarray(0, rle.length - 30), 'BMP');
    expect(decoded.width).toBe(37);
  });

  // bmpsuite's pal1huffmsb.bmp (OS/2 fax coding) was read as if uncoded: a page of noise.
  it("is refused, saying what it is, when coded in one of OS/2's ways", async () => {
    const coded = (bits: 24, compression: number) => {
      const bmp = Buffer.from(bmpFile(quarters, { bits }));
      bmp.writeUInt32LE(compression, 30);
      return bmp;
    };
    const description = (bmp: Uint8Array) =>
      decodePicture(bmp, 'BMP').then(
        () => 'read',
        (error: Error) => (error instanceof PictureNotSupported ? error.description : error.message),
      );
    const black = bmpFile({ width: 37, height: 21, pixel: (x) => (x < 18 ? [0, 0, 0] : WHITE) }, { bits: 1 });
    const fax = Buffer.from(black);
    fax.writeUInt32LE(3, 30);
    expect(await description(fax)).toBe('a BMP picture coded as a fax is (OS/2 Huffman coding)');
    expect(await description(coded(24, 4))).toBe('a BMP picture run-length coded at 24 bits (OS/2 RLE24)');
    expect(await description(coded(24, 3))).toBe('its compression does not match its colours');
  });

  it('is told from a text file that starts with "BM"', () => {
    expect(sniffFileType(Buffer.from('BM notes for the meeting\nand more notes\n'))).toEqual({
      kind: 'text',
    });
  });
});
