/**
 * An evidence PDF carrying every kind of active content issue #10 names, and a form with visible values:
 * a JavaScript OpenAction and document JavaScript, a page-open action (/AA), links that run JavaScript,
 * launch a program and open a file on another computer, a web link and a link to its own page 2, a file
 * attachment annotation and an embedded file, an XFA form, a filled-in text field with a keystroke script
 * and a ticked checkbox, and its own bookmarks (one of which runs JavaScript).
 */
import { HELVETICA, rawPdf, textContent } from './rawPdf';

export const FORM_VALUE = 'Jane Doe';
export const CHECKBOX_TEXT = 'TICKED';

export function activeContentPdf(): Uint8Array<ArrayBuffer> {
  const js = (code: string) => `<< /Type /Action /S /JavaScript /JS (${code}) >>`;
  const objects = [
    // 1 catalog
    '<< /Type /Catalog /Pages 2 0 R /OpenAction 10 0 R /Outlines 26 0 R ' +
      '/Names << /JavaScript << /Names [(init) 11 0 R] >> /EmbeddedFiles << /Names [(payload.exe) 12 0 R] >> >> ' +
      '/AcroForm << /Fields [16 0 R 17 0 R] /XFA 14 0 R /DA (/Helv 0 Tf 0 g) >> >>',
    // 2 page tree
    '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
    // 3 page 1
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 22 0 R >> >> ' +
      '/Contents 23 0 R /AA << /O 15 0 R >> /Annots [5 0 R 6 0 R 7 0 R 8 0 R 9 0 R 16 0 R 17 0 R 25 0 R] >>',
    // 4 page 2
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 22 0 R >> >> /Contents 24 0 R >>',
    // 5–9 annotations on page 1
    `<< /Type /Annot /Subtype /Link /Rect [72 500 300 520] /Border [0 0 0] /A ${js('app.alert\\(1\\)')} >>`,
    '<< /Type /Annot /Subtype /Link /Rect [72 470 300 490] /Border [0 0 0] /A << /S /Launch /F (calc.exe) >> >>',
    '<< /Type /Annot /Subtype /Link /Rect [72 440 300 460] /Border [0 0 0] /A << /S /URI /URI (https://www.gov.uk/courts-tribunals/first-tier-tribunal-special-educational-needs-and-disability) >> >>',
    '<< /Type /Annot /Subtype /Link /Rect [72 410 300 430] /Border [0 0 0] /Dest [4 0 R /XYZ 0 842 0] >>',
    '<< /Type /Annot /Subtype /FileAttachment /Rect [400 700 420 720] /FS 12 0 R /Contents (attachment) >>',
    // 10, 11 document JavaScript
    js('this.print\\(\\)'),
    js('app.launchURL\\("https://example.invalid"\\)'),
    // 12 file specification, 13 embedded file
    '<< /Type /Filespec /F (payload.exe) /UF (payload.exe) /EF << /F 13 0 R >> >>',
    { dict: '<< /Type /EmbeddedFile >>', stream: 'MZ not really a program' },
    // 14 XFA
    { dict: '<< >>', stream: '<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"></xdp:xdp>' },
    // 15 page-open action
    `<< /S /Launch /F (cmd.exe) /Next ${js('app.alert\\(2\\)')} >>`,
    // 16 text field (field and widget in one), 17 checkbox
    `<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (${FORM_VALUE}) /Rect [72 300 272 324] /F 4 /P 3 0 R ` +
      `/AP << /N 18 0 R >> /AA << /K ${js('event.rc = true')} >> >>`,
    '<< /Type /Annot /Subtype /Widget /FT /Btn /T (agree) /V /Yes /AS /Yes /Rect [72 260 172 280] /F 4 ' +
      `/AP << /N << /Yes 19 0 R /Off 20 0 R >> >> /A ${js('app.alert\\(3\\)')} >>`,
    // 18–20 appearance streams
    {
      dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 200 24] /Resources << /Font << /F1 22 0 R >> >> >>',
      stream: `/Tx BMC BT /F1 12 Tf 2 7 Td (${FORM_VALUE}) Tj ET EMC`,
    },
    {
      dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 100 20] /Resources << /Font << /F1 22 0 R >> >> >>',
      stream: `BT /F1 10 Tf 2 5 Td (${CHECKBOX_TEXT}) Tj ET`,
    },
    { dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 100 20] >>', stream: '' },
    // 21 (unused number kept free)
    '<< >>',
    // 22 font
    HELVETICA,
    // 23, 24 page contents
    {
      dict: '<< >>',
      stream: textContent([
        'Evidence with active content',
        'Run a script',
        'Launch a program',
        'Web link',
        'Go to page 2',
      ]),
    },
    { dict: '<< >>', stream: textContent(['Second page of the evidence']) },
    // 25 a popup-carrying comment whose /P is the page
    '<< /Type /Annot /Subtype /Text /Rect [450 700 470 720] /Contents (A comment) /P 3 0 R >>',
    // 26–29 the document's own bookmarks
    '<< /Type /Outlines /First 27 0 R /Last 29 0 R /Count 3 >>',
    '<< /Title (Introduction) /Parent 26 0 R /Next 28 0 R /Dest [3 0 R /XYZ 72 800 0] >>',
    '<< /Title (Second part) /Parent 26 0 R /Prev 27 0 R /Next 29 0 R /A << /S /GoTo /D [4 0 R /Fit] >> >>',
    `<< /Title (Run me) /Parent 26 0 R /Prev 28 0 R /A ${js('app.alert\\(4\\)')} >>`,
  ];
  return rawPdf(objects, '/Root 1 0 R');
}
