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
