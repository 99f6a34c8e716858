/**
 * A saved email (.eml) as a council's email client writes one: a decision letter's plain text and files
 * attached, base64 in lines of 76.
 */
export interface EmailAttachment {
  name: string;
  type: string;
  data: Uint8Array;
}

export function councilEmail(attachments: EmailAttachment[]): string {
  return [
    'From: SEN Team <sen@council.example.org>',
    'To: Parent <parent@example.net>',
    'Subject: EHC needs assessment: our decision',
    'Date: Mon, 2 Nov 2026 09:14:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Dear Parent,',
    '',
    'We have decided not to carry out an EHC needs assessment. You can appeal within two months.',
    ...attachments.flatMap(({ name, type, data }) => [
      '--b',
      `Content-Type: ${type}; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(data).toString('base64').replace(/.{76}/g, '$&\r\n'),
    ]),
    '--b--',
    '',
  ].join('\r\n');
}

/**
 * A web page as Chrome and Edge save one as a single file (MHTML, "Webpage, Single File"): the page's HTML
 * and each picture and style sheet it uses, each under its own address, in one MIME message.
 */
export function savedWebPage(options: { from?: string; pictures?: number } = {}): string {
  const boundary = '----MultipartBoundary--Hf8c2kQ----';
  const picture = (i: number) =>
    [
      `--${boundary}`,
      'Content-Type: image/png',
      'Content-Transfer-Encoding: base64',
      `Content-Location: https://hilltop.example.sch.uk/images/picture${i}.png`,
      '',
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
      '',
    ].join('\r\n');
  return [
    `From: ${options.from ?? '<Saved by Blink>'}`,
    'Snapshot-Content-Location: https://hilltop.example.sch.uk/send-policy',
    'Subject: Hilltop School SEND policy',
    'Date: Mon, 7 Dec 2026 03:28:11 -0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related;',
    '\ttype="text/html";',
    `\tboundary="${boundary}"`,
    '',
    '',
    `--${boundary}`,
    'Content-Type: text/html',
    'Content-ID: <frame-1@mhtml.blink>',
    'Content-Transfer-Encoding: quoted-printable',
    'Content-Location: https://hilltop.example.sch.uk/send-policy',
    '',
    '<html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; charset=3DUTF-8"><title>Hilltop School SEND policy</title></head><body><img src=3D"images/picture0.png"><h1>SEND policy</h1><p>Pupils with SEND will have reasonable adjustments made, including on school trips.</p></body></html>',
    '',
    ...Array.from({ length: options.pictures ?? 2 }, (_, i) => picture(i)),
    `--${boundary}`,
    'Content-Type: text/css',
    'Content-Transfer-Encoding: quoted-printable',
    'Content-Location: https://hilltop.example.sch.uk/style.css',
    '',
    'body { font-family: sans-serif; }',
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
