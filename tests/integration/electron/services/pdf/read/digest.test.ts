/**
 * The content digest's definition does not drift: every bundle already sent carries a fingerprint the
 * checker computes again from its pages, so the same file must give the same digest in every version of
 * the app (docs/fingerprint.md). These are the digests of third-party files (text with fonts,
 * annotations, a crop box, pictures, form fields, object streams) as the definition gave them when it was
 * written down; a change to how the digest is computed must leave them as they are.
 */
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFString, StandardFonts } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { readContentFingerprint } from '../../../../../../electron/services/bundle/identity';
import { FIXTURES } from '../../../../../helpers/context';

const PINNED: [string, string][] = [
  ['valid/pdflib-us_constitution.pdf', 'f9a93d1bef83dd2086d49b618608e312f65e5e1016af35b9b66e379d25860947'],
  [
    'structure/qpdf-annotations-rotated-90.pdf',
    'dc4aed55c6bbadded028879bc13ccf0cba4ff3fcdf5db579f3a9e216ae175c49',
  ],
  ['valid/pdflib-with_cropbox.pdf', '1695d2a5b787708c1bfb430d11c2310ff1fbdfc4463999dd589c76745ffe992c'],
  ['valid/pdflib-dod_character.pdf', '6631c26dbdac87aacf9e522d9e16a3444431ff849594302f0886d40a925813b1'],
  ['valid/pdflib-fancy_fields.pdf', 'b651533a7e5732d2b8293afd9461281dfc1e293fa94f75b485189f9e23f242c9'],
  [
    'structure/pdflib-linearized_with_object_streams.pdf',
    '850e90ac36940fba96bb24ba7fc2fd53c8bbed73cd49c1d909eaae53d218f2c5',
  ],
];

it.each(PINNED)('%s keeps its content digest', (file, digest) => {
  expect(readContentFingerprint({ path: join(FIXTURES, file) }).digest).toBe(digest);
});

/** A page with text in a layer; `settings`: the file's layer settings (none, or the layer shown or hidden). */
async function layered(settings: 'none' | 'shown' | 'hidden' | 'base-off'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Always shown', { x: 72, y: 760, size: 14, font });
  const ctx = doc.context;
  const layer = ctx.register(ctx.obj({ Type: 'OCG', Name: PDFString.of('Draft notes') }));
  const fontName = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict).keys()[0].asString();
  page.node.addContentStream(
    ctx.register(ctx.flateStream(`/OC /l BDC BT ${fontName} 14 Tf 72 700 Td (Draft) Tj ET EMC`)),
  );
  page.node.Resources()!.set(PDFName.of('Properties'), ctx.obj({ l: layer }));
  if (settings !== 'none')
    doc.catalog.set(
      PDFName.of('OCProperties'),
      ctx.obj({
        OCGs: [layer],
        D:
          settings === 'hidden'
            ? { OFF: [layer] }
            : settings === 'base-off'
              ? { BaseState: 'OFF' }
              : { ON: [layer] },
      }),
    );
  return doc.save();
}

describe('layers in the content digest', () => {
  it('marks a layer the file hides, and adds nothing for one it shows', async () => {
    const digest = async (settings: Parameters<typeof layered>[0]) =>
      readContentFingerprint({ bytes: await layered(settings) }).pageDigests[0];
    const none = await digest('none');
    // Readers show every layer of a file without layer settings: as a file that shows it.
    expect(await digest('shown')).toBe(none);
    // Hidden, by its own name or by the base state, the page shows less: another digest.
    expect(await digest('hidden')).not.toBe(none);
    expect(await digest('base-off')).toBe(await digest('hidden'));
  });
});
