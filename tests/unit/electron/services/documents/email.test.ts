/** Saved emails (.eml): the message, its headers' encoded words, and which parts are attached files. */
import { describe, expect, it } from 'vitest';
import {
  emailToPdf,
  htmlToText,
  EmailHeadersTooLong,
  MailboxOfEmails,
  readEmail,
  readOutlookPacking,
} from '../../../../../electron/services/documents/email';
import { sniffFileType } from '../../../../../electron/services/documents/sniff';
import { BODY_LINES_PER_PAGE, TooManyPages } from '../../../../../electron/services/letters/pdf';
import { LIMITS } from '../../../../../shared/limits';
import { savedWebPage } from '../../../../helpers/email';
import { smimeFixture } from '../../../../helpers/smime';
import { attachedFile, messageProps, PR, PT, tnef, unicode } from '../../../../helpers/tnef';

const CRLF = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');

const MIXED = CRLF(`Received: from mail.example.org by mx.example.net; Mon, 2 Nov 2026 09:14:00 +0000
From: =?utf-8?Q?Z=C3=BCrich_SEN_Team?= <sen@council.example.org>
To: Parent <parent@example.net>
Subject: =?utf-8?B?RUhDIG5lZWRzIGFzc2Vzc21lbnQ6IGRlY2lzaW9u?=
Date: Mon, 2 Nov 2026 09:14:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

This is a multi-part message in MIME format.
--outer
Content-Type: multipart/alternative; boundary="inner"

--inner
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

Dear Parent,=0A=0AWe have decided not to carry out an EHC needs assessment. The =
letter is attached; you can appeal within two months.=0A=0AK=F6nig, SEN Officer
--inner
Content-Type: text/html; charset="utf-8"

<p>Dear Parent,</p><p>HTML version</p><img src="cid:image001@council">
--inner--
--outer
Content-Type: image/png; name="image001.png"
Content-Disposition: inline; filename="image001.png"
Content-ID: <image001@council>
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--outer
Content-Type: application/pdf; name="decision letter.pdf"
Content-Disposition: attachment; filename*=utf-8''decision%20letter%20%E2%80%93%20final.pdf
Content-Transfer-Encoding: base64

JVBERi0xLjcKJWZha2UK
--outer--
`);

/** The first bytes of a PNG of that size: enough for its header, as pictures are sized before decoding. */
function pngHeader(width: number, height: number): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
}

describe('readEmail', () => {
  it('is sniffed as an email, and reads its text, its encoded headers and its attached file', () => {
    expect(sniffFileType(MIXED)).toEqual({ kind: 'email' });
    const email = readEmail(MIXED);
    expect(email.text).toBe(
      'Dear Parent,\n\nWe have decided not to carry out an EHC needs assessment. The letter is attached; you can appeal within two months.\n\nKönig, SEN Officer',
    );
    // The logo shown inside the message is part of it, not an attached file.
    expect(email.attachments.map((a) => [a.name, Buffer.from(a.bytes).toString('latin1')])).toEqual([
      ['decision letter – final.pdf', '%PDF-1.7\n%fake\n'],
    ]);
    expect(email.headers.get('subject')).toBe('=?utf-8?B?RUhDIG5lZWRzIGFzc2Vzc21lbnQ6IGRlY2lzaW9u?=');
  });

  it("is sniffed and read after a mailbox's separator line, as some mail programs save one", () => {
    const saved = CRLF(`From - Mon Nov 02 09:14:00 2026
X-Mozilla-Status: 0001
From: sen@council.example.org
Subject: Decision
Date: Mon, 2 Nov 2026 09:14:00 +0000

The decision is attached.
`);
    expect(sniffFileType(saved)).toEqual({ kind: 'email' });
    expect(readEmail(saved)).toMatchObject({ text: 'The decision is attached.' });
    expect(readEmail(saved).headers.get('subject')).toBe('Decision');
  });

  it('is sniffed as an email when its headers run past the first 16 KB (a message to a thousand people)', () => {
    const to = Array.from({ length: 1000 }, (_, i) => `parent${i}@example.org`).join(',\n ');
    const many = CRLF(`From: School Office <office@school.example.org>
To: ${to}
Subject: Term dates
Date: Mon, 7 Dec 2026 10:00:00 +0000

The term starts on 5 January.
`);
    expect(many.length).toBeGreaterThan(16 * 1024);
    expect(sniffFileType(many)).toEqual({ kind: 'email' });
    expect(readEmail(many)).toMatchObject({ text: 'The term starts on 5 January.' });
    expect(readEmail(many).headers.get('subject')).toBe('Term dates');
    // Each header is kept to its first 16,000 characters or so, and says it was cut short.
    expect(readEmail(many).headers.get('to')).toMatch(/^parent0@example\.org, parent1@example\.org, /);
    expect(readEmail(many).headers.get('to')).toMatch(
      / … \(and more, not shown here: .* over 16,000 characters long\)$/,
    );
    expect(
      readEmail(CRLF('From: a@example.org\nTo: b@example.org\nSubject: S\n\nHi\n')).headers.get('to'),
    ).toBe('b@example.org');
    // Text whose lines all look like headers, and never end: not an email.
    const endless = CRLF(`From: someone\n${'X-Note: more\n'.repeat(2000)}`);
    expect(sniffFileType(endless)).not.toEqual({ kind: 'email' });
  });

  it('is sniffed as an email when its headers run past 1 MB, and refused as one past LIMITS.emailHeaderBytes', () => {
    const headed = (recipients: number) =>
      CRLF(
        `From: School Office <office@school.example.org>\nTo: ${Array.from(
          { length: recipients },
          (_, i) => `parent${i}@example.org`,
        ).join(',\n ')}\nSubject: Term dates\n\nThe term starts on 5 January.\n`,
      );
    // 2 MB of headers (was: read only to 1 MB, and the file then taken for plain text).
    const long = headed(90_000);
    expect(long.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(sniffFileType(long)).toEqual({ kind: 'email' });
    expect(readEmail(long)).toMatchObject({ text: 'The term starts on 5 January.' });
    expect(readEmail(long).headers.get('subject')).toBe('Term dates');
    // Header lines past the limit: still an email (not text), whose message cannot be reached.
    const endless = headed(Math.ceil(LIMITS.emailHeaderBytes / 22) + 1000);
    expect(endless.length).toBeGreaterThan(LIMITS.emailHeaderBytes);
    expect(sniffFileType(endless)).toEqual({ kind: 'email' });
    expect(() => readEmail(endless)).toThrow(EmailHeadersTooLong);
  });

  it("is sniffed as an email with only who sent it and its MIME headers, with no sender but its parts, sent on, or begun with a server's headers", () => {
    // As mailparser's own test messages are made, and as some programs save a message they send.
    const bare = CRLF(`From: test@example.com
Content-Type: image/png;
 name="screenshot.png"
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
 filename="screenshot.png"

iVBORw0KGgo=
`);
    expect(sniffFileType(bare)).toEqual({ kind: 'email' });
    expect(readEmail(bare).attachments.map((a) => a.name)).toEqual(['screenshot.png']);
    // A message in parts with no sender (a part saved on its own): its header names the line between parts.
    const parts = CRLF(`Content-Type: multipart/mixed;
\tboundary="--=b73b"


----=b73b
Content-Type: text/plain

The report is attached.
----=b73b--
`);
    expect(sniffFileType(parts)).toEqual({ kind: 'email' });
    expect(readEmail(parts)).toMatchObject({ text: 'The report is attached.' });
    // A message sent on again (RFC 5322, 3.6.6) begins with who sent it on.
    const resent = CRLF(`Resent-From: Mary Smith <mary@example.net>
Resent-Date: Mon, 24 Nov 2026 14:22:01 +0000
From: John Doe <jdoe@example.org>
Subject: Saying hello
Date: Fri, 21 Nov 2026 09:55:06 +0000

Hello.
`);
    expect(sniffFileType(resent)).toEqual({ kind: 'email' });
    // Servers and webmail downloads put their own headers first: a signature, authentication results.
    for (const first of [
      'DKIM-Signature: v=1; a=rsa-sha256; d=council.example.org; s=s1; b=abc',
      'ARC-Seal: i=1; a=rsa-sha256; t=1764806400; cv=none; d=example.net; s=arc; b=abc',
      'Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=council.example.org',
      'Thread-Topic: Decision',
    ])
      expect(
        sniffFileType(CRLF(`${first}\nFrom: sen@council.example.org\nSubject: Decision\n\nHello.\n`)),
        first,
      ).toEqual({
        kind: 'email',
      });
    // A note that names who it is from and no more is still a text file, and so is one that only names
    // a content type.
    expect(sniffFileType(Buffer.from('From: Mum\nTo: school\n\nZoë was upset today.\n'))).toEqual({
      kind: 'text',
    });
    expect(
      sniffFileType(Buffer.from('Content-Type: multipart/mixed; boundary="x"\n\nNo parts here.\n')),
    ).toEqual({ kind: 'text' });
  });

  it("reads names, subjects and file names written in 8 bits: UTF-8 as today's mail programs write them, else Windows-1252", () => {
    const utf8 = readEmail(
      Buffer.from(
        'From: Zoë Kowalczyk <zoe@example.net>\r\nTo: Ángel Núñez <sen@council.example.org>\r\n' +
          'Subject: Zoë’s EHCP – £50\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n' +
          '--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe photo is attached.\r\n' +
          '--b\r\nContent-Type: image/png; name="Zoë photo.png"\r\nContent-Disposition: attachment; filename="Zoë photo.png"\r\n' +
          'Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n',
      ),
    );
    expect(utf8.headers.get('from')).toBe('Zoë Kowalczyk <zoe@example.net>');
    expect(utf8.headers.get('to')).toBe('Ángel Núñez <sen@council.example.org>');
    expect(utf8.headers.get('subject')).toBe('Zoë’s EHCP – £50');
    expect(utf8.attachments.map((a) => a.name)).toEqual(['Zoë photo.png']);
    // Outlook in England: its curly quote, dash and pound sign in Windows-1252, in the headers and a body
    // that names no character set.
    const outlook = readEmail(
      Buffer.from(
        'From: Ms O\x92Brien <ob@example.org>\r\nSubject: Meeting \x96 \xa3300\r\n\r\nIt\x92s \xa3300.\r\n',
        'latin1',
      ),
    );
    expect(outlook.headers.get('from')).toBe('Ms O’Brien <ob@example.org>');
    expect(outlook.headers.get('subject')).toBe('Meeting – £300');
    expect(outlook.text).toBe('It’s £300.');
  });

  it('reads a subject split between encoded words in the middle of a letter, as many mail programs split one', async () => {
    const bytes = Buffer.from('Zoë’s review – notes');
    // "Zo" and the first byte of "ë" in one word, the rest in the next; in base64, and in quoted-printable.
    const b64 = (part: Buffer) => `=?UTF-8?B?${part.toString('base64')}?=`;
    const qp = (part: Buffer) =>
      `=?utf-8?Q?${[...part].map((b) => `=${b.toString(16).toUpperCase()}`).join('')}?=`;
    for (const encode of [b64, qp]) {
      const email = readEmail(
        CRLF(
          `From: ${encode(bytes.subarray(0, 3))} ${encode(bytes.subarray(3))} <zoe@example.net>\n` +
            `Subject: Re: ${encode(bytes.subarray(0, 3))}\n ${encode(bytes.subarray(3, 8))}\n\t${encode(bytes.subarray(8))} (draft)\n\nHello\n`,
        ),
      );
      const made = await emailToPdf(email, 'fallback');
      expect(made.subject).toBe('Re: Zoë’s review – notes (draft)');
      expect(made.note).toBeNull();
    }
    // Words in two character sets are each read in their own; the space between them is not text.
    const mixed = readEmail(
      CRLF('From: a@example.org\nSubject: =?iso-8859-1?Q?caf=E9?= =?utf-8?Q?_=E2=80=93_menu?=\n\nHi\n'),
    );
    expect((await emailToPdf(mixed, 'fallback')).subject).toBe('café – menu');
  });

  it('reads the whole of a message whose text a photo splits in two, as Apple Mail sends one', () => {
    const email = readEmail(
      CRLF(`From: parent@example.net
Subject: What happened at pick-up
Content-Type: multipart/mixed; boundary="Apple-Mail=_2"

--Apple-Mail=_2
Content-Type: text/plain; charset=us-ascii

This is the note Sam came home with:
--Apple-Mail=_2
Content-Disposition: inline; filename=IMG_2001.jpeg
Content-Type: image/jpeg; name="IMG_2001.jpeg"
Content-Transfer-Encoding: base64

/9j/4AAQSkZJRgABAQAAAQABAAD/2Q==
--Apple-Mail=_2
Content-Type: text/plain; charset=us-ascii

He was kept in at lunch again, the third time this week.
--Apple-Mail=_2--
`),
    );
    expect(email.text).toBe(
      'This is the note Sam came home with:\n\nHe was kept in at lunch again, the third time this week.',
    );
    expect(email.attachments.map((a) => a.name)).toEqual(['IMG_2001.jpeg']);
  });

  // Only the plain text parts were read when there were any: a message's HTML part beside them (not the same
  // message written another way) was lost, as in MimeKit's body.9.txt; a disclaimer added as HTML too.
  it('reads every text part in order, and of the same message written two ways, the plain text once', () => {
    const mixed = readEmail(
      CRLF(`From: office@school.example
Subject: Parts
Content-Type: multipart/mixed; boundary="M"

--M
Content-Type: multipart/alternative; boundary="A"

--A
Content-Type: text/plain

The review meeting is on Friday.
--A
Content-Type: text/html

<p>The review meeting is on <b>Friday</b>.</p>
--A--
--M
Content-Type: text/html

<p>This email is confidential.</p>
--M
Content-Type: text/html

<p>Agenda attached</p>
--M
Content-Type: text/plain

Minutes to follow.
--M--
`),
    );
    expect(mixed.text).toBe(
      'The review meeting is on Friday.\n\nThis email is confidential.\n\nAgenda attached\n\nMinutes to follow.',
    );
    // Of two ways with a picture in the HTML, the plain text; with no plain text, the last way.
    const related = readEmail(
      CRLF(`From: office@school.example
Subject: Ways
Content-Type: multipart/alternative; boundary="A"

--A
Content-Type: text/plain

Plain words.
--A
Content-Type: multipart/related; boundary="R"

--R
Content-Type: text/html

<p>Rich words <img src="cid:logo"></p>
--R
Content-Type: image/png
Content-ID: <logo>

iVBORw0KGgo=
--R--
--A--
`),
    );
    expect(related.text).toBe('Plain words.');
  });

  // A line starting with the boundary was taken for one, though it went on: an inner part's boundary that
  // begins with the outer one's cut the message wrongly (both ways of it read, in pieces).
  it('splits parts only at lines that are the boundary, not at a longer boundary that starts with it', () => {
    const email = readEmail(
      CRLF(`From: office@school.example
Subject: Nested
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: multipart/alternative; boundary="b1_alt"

--b1_alt
Content-Type: text/plain

Plain.
--b1_alt
Content-Type: text/html

<p>Rich.</p>
--b1_alt--
--b1 	
Content-Type: text/plain

After.
--b1--
`),
    );
    expect(email.text).toBe('Plain.\n\nAfter.');
  });

  // A read receipt's own words came in a part with no headers (RFC 2046 allows it) and were lost: its text
  // was empty. Its report and a bounce's (who the message did not reach, and why) are read as text.
  it("reads a part with no headers as plain text, and a read receipt's or a bounce's report", () => {
    const receipt = readEmail(
      CRLF(`From: Officer <officer@council.example>
Subject: Read: Appeal evidence
Content-Type: multipart/report; report-type=disposition-notification; boundary="R"

--R

Your message to Officer was displayed on 2 March 2026.

--R
Content-Type: message/disposition-notification

Final-Recipient: rfc822;officer@council.example
Disposition: manual-action/MDN-sent-manually; displayed

--R--
`),
    );
    expect(receipt.text).toBe(
      'Your message to Officer was displayed on 2 March 2026.\n\n\nFinal-Recipient: rfc822;officer@council.example\nDisposition: manual-action/MDN-sent-manually; displayed',
    );
  });

  it('reads an HTML-only message as text', () => {
    const email = readEmail(
      CRLF(`From: a@example.org
Subject: Hello
Content-Type: text/html; charset=utf-8

<html><head><style>p{}</style></head><body><p>First&nbsp;line &amp; more</p><ul><li>one</li><li>two</li></ul></body></html>
`),
    );
    expect(email.text).toBe('First line & more\n\n• one\n\n• two');
  });

  it('reads an HTML message as a mail program shows it: named characters, table cells apart, list numbers, HTML line breaks as spaces', () => {
    const email = readEmail(
      CRLF(`From: office@school.example
Subject: Provision
Content-Type: text/html; charset=utf-8

<p>The cost is &pound;1,200 a term &ndash; we&rsquo;ll review it&hellip; &euro;5 caf&eacute; &AElig;&#8217;&#x2019; &made-up;</p>
<p>Dear Mrs
Smith,</p>
<table><tr><th>Service</th><th>Hours</th></tr><tr><td>Speech therapy</td><td>2</td></tr></table>
<ol><li>Assess</li><li>Review</li></ol><ul><li>Notes</li></ul>
`),
    );
    expect(email.text).toBe(
      [
        'The cost is £1,200 a term – we’ll review it… €5 café Æ’’ &made-up;',
        'Dear Mrs Smith,',
        'Service\tHours',
        'Speech therapy\t2',
        '1. Assess',
        '2. Review',
        '• Notes',
      ].join('\n\n'),
    );
  });

  it("takes out the photos an iPhone or Apple Mail sends in the message, and a screenshot pasted into it, but not a signature's logo", () => {
    const png = (width: number, height: number) => pngHeader(width, height).toString('base64');
    const picture = (headers: string, width: number, height: number) =>
      `Content-Type: image/png\n${headers}Content-Transfer-Encoding: base64\n\n${png(width, height)}\n`;
    // Apple Mail: a plain message, the photos "inline" after it, with file names and no place in any HTML.
    const apple = readEmail(
      CRLF(`From: parent@example.net
Subject: Photos of the letter
Content-Type: multipart/mixed; boundary="Apple-Mail=_1"

--Apple-Mail=_1
Content-Type: text/plain; charset=us-ascii

Here are photos of the council's letter.
--Apple-Mail=_1
Content-Disposition: inline; filename=IMG_1234.png
${picture('', 3024, 4032)}--Apple-Mail=_1
Content-Disposition: inline; filename=IMG_1235.png
${picture('Content-Id: <5C3F@apple>\n', 3024, 4032)}--Apple-Mail=_1--
`),
    );
    expect(apple.attachments.map((a) => a.name)).toEqual(['IMG_1234.png', 'IMG_1235.png']);
    // Outlook: a screenshot pasted into the message and a logo in the signature, both shown by its HTML.
    const outlook = readEmail(
      CRLF(`From: senco@school.example
Subject: Timetable
Content-Type: multipart/related; boundary="R"

--R
Content-Type: text/html; charset=utf-8

<p>See the timetable below:</p><p><img src="cid:image001.png@01DA"></p><p>Mrs Jones<img src="cid:image002.png@01DA"></p>
--R
Content-Disposition: inline; filename="image001.png"
${picture('Content-ID: <image001.png@01DA>\n', 1080, 2340)}--R
Content-Disposition: inline; filename="image002.png"
${picture('Content-ID: <image002.png@01DA>\n', 240, 80)}--R--
`),
    );
    expect(outlook.attachments.map((a) => a.name)).toEqual(['image001.png']);
  });

  it('reads a long attachment name split over several parameters, and a name with a semicolon in its quotes', () => {
    const attached = (disposition: string) =>
      readEmail(
        CRLF(`From: ep@example.org
Subject: Report
Content-Type: multipart/mixed; boundary="A"

--A
Content-Type: text/plain

The report is attached.
--A
Content-Type: application/pdf
Content-Disposition: ${disposition}
Content-Transfer-Encoding: base64

JVBERi0xLjcKJWZha2UK
--A--
`),
      ).attachments.map((a) => a.name);
    // Thunderbird and Gmail split a long name (RFC 2231), percent-encoded in UTF-8, the pieces in any order.
    expect(
      attached(
        'attachment;\n filename*0*=utf-8\'\'Educational%20Psychology%20Advice%20%E2%80%93%20Zo%C3;\n filename*2=" 2026.pdf";\n filename*1*=%AB%20Smith',
      ),
    ).toEqual(['Educational Psychology Advice – Zoë Smith 2026.pdf']);
    expect(attached('attachment; filename="Minutes; final \\"agreed\\".pdf"')).toEqual([
      'Minutes; final "agreed".pdf',
    ]);
    // The extended form wins over the plain one, whichever comes first.
    expect(attached(`attachment; filename*=utf-8''Zo%C3%AB.pdf; filename="Zo?.pdf"`)).toEqual(['Zoë.pdf']);
  });

  it('names a forwarded email attached whole after its own subject, and generically only when it has none', () => {
    const forwarding = (inner: string) =>
      readEmail(
        CRLF(`From: school@example.org
Subject: Fwd: report
Content-Type: multipart/mixed; boundary="F"

--F
Content-Type: text/plain

See below.
--F
Content-Type: message/rfc822

${inner}
--F--
`),
      );
    const named = forwarding(
      'From: ep@example.org\nSubject: =?utf-8?Q?EP_report_for_Zo=C3=AB:_final/2?=\n\nThe report is attached.',
    );
    expect(named.attachments.map((a) => a.name)).toEqual(['EP report for Zoë final 2.eml']);
    expect(Buffer.from(named.attachments[0].bytes).toString('latin1')).toContain('The report is attached.');
    const hidden = forwarding('Subject: ...\n\nText.');
    expect(hidden.attachments.map((a) => a.name)).toEqual(['forwarded email.eml']);
    const none = forwarding('From: ep@example.org\n\nText.');
    expect(none.attachments.map((a) => a.name)).toEqual(['forwarded email.eml']);
  });

  it("takes out the files inside Outlook's winmail.dat, and its text when the email has none", () => {
    const report = Buffer.from('%PDF-1.7\n% the report\n');
    const winmail = tnef(
      messageProps([
        {
          type: PT.binary,
          id: PR.bodyHtml,
          value: Buffer.from('<p>Dear parent,</p><p>The report is attached.</p>'),
        },
      ]),
      ...attachedFile({
        title: 'EPREPO~1.PDF',
        data: report,
        props: [{ type: PT.unicode, id: PR.attachLongFilename, value: unicode('EP report.pdf') }],
      }),
      ...attachedFile({
        props: [
          { type: PT.long, id: PR.attachMethod, value: 5 },
          { type: PT.unicode, id: PR.displayName, value: unicode('Re: annual review') },
        ],
      }),
    );
    const sent = (text: string, packing: Uint8Array) =>
      readEmail(
        CRLF(`From: school@example.org
Subject: EP report
Content-Type: multipart/mixed; boundary="W"

--W
Content-Type: text/plain

${text}
--W
Content-Type: application/ms-tnef; name="winmail.dat"
Content-Disposition: attachment; filename="winmail.dat"
Content-Transfer-Encoding: base64

${Buffer.from(packing).toString('base64')}
--W--
`),
      );
    const withText = sent('See the attached report.', winmail);
    expect(withText.attachments.map((a) => a.name)).toEqual(['EP report.pdf']);
    expect(Buffer.from(withText.attachments[0].bytes).equals(report)).toBe(true);
    expect(withText.leftOut.map((f) => f.name)).toEqual(['Re: annual review']);
    expect(withText.text).toBe('See the attached report.');
    // An email whose only text is inside the packing, as Outlook sends one in its rich text format.
    expect(sent('', winmail).text).toBe('Dear parent,\n\nThe report is attached.');
    // A damaged packing is named, with why, not taken for a file of its own.
    const damaged = sent(
      'See attached.',
      Buffer.concat([tnef(), Buffer.from([9, 0, 0, 0, 0, 1, 0, 0, 0, 0])]),
    );
    expect(damaged.attachments).toEqual([]);
    expect(damaged.leftOut).toEqual([
      {
        name: 'winmail.dat',
        because:
          "was not taken out: it is Outlook's packing of the email's attached files (winmail.dat), and it is damaged",
      },
    ]);
  });

  it("does not take out a winmail.dat's pictures that only its message shows, such as a signature's logo", () => {
    const picture = (name: string, contentId: string | null, width: number, height: number) =>
      attachedFile({
        data: pngHeader(width, height),
        props: [
          { type: PT.unicode, id: PR.attachLongFilename, value: unicode(name) },
          ...(contentId
            ? [{ type: PT.unicode, id: PR.attachContentId, value: unicode(contentId) } as const]
            : []),
        ],
      });
    const email = readOutlookPacking(
      tnef(
        messageProps([
          {
            type: PT.binary,
            id: PR.bodyHtml,
            value: Buffer.from(
              '<p>Photo below.</p><img src="cid:photo@01"><p>Mrs Jones</p><img src="cid:logo@01">',
            ),
          },
        ]),
        ...picture('image001.png', 'logo@01', 180, 60),
        ...picture('classroom.png', 'photo@01', 1600, 1200),
        ...picture('chart.png', null, 120, 80),
      ),
    );
    expect(email.attachments.map((a) => a.name)).toEqual(['classroom.png', 'chart.png']);
    expect(email.text).toBe('Photo below.\n\nMrs Jones');
  });

  it("does not list a signed email's signature as a file, and says why a message sealed in S/MIME is not read", () => {
    const signed = readEmail(
      CRLF(`From: sen@council.example.org
Subject: Decision
Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="S"

--S
Content-Type: multipart/mixed; boundary="M"

--M
Content-Type: text/plain

The decision letter is attached.
--M
Content-Type: application/pdf; name="decision.pdf"
Content-Disposition: attachment; filename="decision.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjcKJWZha2UK
--M--
--S
Content-Type: application/pkcs7-signature; name="smime.p7s"
Content-Disposition: attachment; filename="smime.p7s"
Content-Transfer-Encoding: base64

MIAGCSqGSIb3DQEHAqCAMIACAQE=
--S--
`),
    );
    expect(signed.text).toBe('The decision letter is attached.');
    expect(signed.attachments.map((a) => a.name)).toEqual(['decision.pdf']);
    expect(signed.leftOut).toEqual([]);
    const sealed = (smimeType: string) =>
      readEmail(
        CRLF(`From: sen@council.example.org
Subject: Decision
Content-Type: application/pkcs7-mime; smime-type=${smimeType}; name="smime.p7m"
Content-Disposition: attachment; filename="smime.p7m"
Content-Transfer-Encoding: base64

MIAGCSqGSIb3DQEHAqCAMIACAQE=
`),
      );
    expect(sealed('signed-data').leftOut).toEqual([
      {
        name: 'smime.p7m',
        because: expect.stringMatching(
          /^is the message, inside its digital signature, which could not be read/,
        ),
      },
    ]);
    expect(sealed('enveloped-data').leftOut).toEqual([
      {
        name: 'smime.p7m',
        because: expect.stringMatching(/^is the message, encrypted: only a mail program with the key/),
      },
    ]);
    expect(sealed('enveloped-data').attachments).toEqual([]);
  });

  it('reads the message inside an opaque S/MIME signature (DER or streamed BER), and names an encrypted one', () => {
    for (const name of ['opaque-signed.eml', 'opaque-signed-streamed.eml']) {
      const email = readEmail(smimeFixture(name));
      expect(email.headers.get('subject'), name).toMatch(/^Decision \(signed/);
      expect(email.text, name).toBe('Dear Parent,\n\nThe decision letter for Zoë is attached.\n\nSEN Team');
      expect(
        email.attachments.map((a) => [a.name, Buffer.from(a.bytes).toString('latin1')]),
        name,
      ).toEqual([['decision letter.pdf', '%PDF-1.4\n%fake decision letter\n']]);
      expect(email.leftOut, name).toEqual([]);
    }
    const encrypted = readEmail(smimeFixture('encrypted.eml'));
    expect(encrypted.attachments).toEqual([]);
    expect(encrypted.leftOut).toEqual([
      {
        name: 'smime.p7m',
        because: expect.stringMatching(/^is the message, encrypted: only a mail program with the key/),
      },
    ]);
  });

  it('takes a file a Mac sent in two parts (AppleDouble) once, without its Mac-only part', () => {
    const email = readEmail(
      CRLF(`From: parent@example.net
Subject: Report
Content-Type: multipart/mixed; boundary="A"

--A
Content-Type: text/plain

Report attached.
--A
Content-Type: multipart/appledouble; boundary="D"

--D
Content-Type: application/applefile; name="report.pdf"
Content-Disposition: attachment; filename="report.pdf"
Content-Transfer-Encoding: base64

AAUWBwACAAA=
--D
Content-Type: application/pdf; name="report.pdf"
Content-Disposition: attachment; filename="report.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjcKJWZha2UK
--D--
--A--
`),
    );
    expect(email.attachments.map((a) => [a.name, Buffer.from(a.bytes).toString('latin1')])).toEqual([
      ['report.pdf', '%PDF-1.7\n%fake\n'],
    ]);
    expect(email.leftOut).toEqual([]);
  });

  it('tells a mailbox of several emails (a folder exported) from one saved email', () => {
    const message = (n: number) =>
      `From - Mon Nov 0${n} 09:14:00 2026\nFrom: school@example.org\nSubject: Update ${n}\n\nFrom the head teacher: update ${n}.\n\n`;
    const mailbox = CRLF([1, 2, 3].map(message).join(''));
    expect(sniffFileType(mailbox)).toEqual({ kind: 'email' });
    expect(() => readEmail(mailbox)).toThrow(new MailboxOfEmails(3));
    // One email with its separator line, whose text has a line starting "From" after a blank line.
    const one = readEmail(CRLF(message(1)));
    expect(one.text).toBe('From the head teacher: update 1.');
  });

  it('reads text a web form wrote in UTF-8 but named Western European as UTF-8, and Western European as itself', () => {
    const part = (charset: string, body: Buffer) =>
      readEmail(
        Buffer.concat([
          Buffer.from(
            `From: form@school.example.org\r\nSubject: Form\r\nContent-Type: text/plain; charset="${charset}"\r\n\r\n`,
          ),
          body,
        ]),
      ).text;
    // "Zoë’s café – £20" in UTF-8, named ISO-8859-1: read as Latin-1 it was "ZoÃ«â€™s cafÃ© â€“ Â£20".
    expect(part('iso-8859-1', Buffer.from('Zoë’s café – £20', 'utf8'))).toBe('Zoë’s café – £20');
    // Latin-1 bytes that are not UTF-8 stay Latin-1 (Windows-1252's quotes), and ISO-8859-15 its euro sign.
    expect(part('iso-8859-1', Buffer.from([0x93, 0x63, 0x61, 0x66, 0xe9, 0x94]))).toBe('“café”');
    expect(part('iso-8859-15', Buffer.from([0xa4, 0x35]))).toBe('€5');
  });

  it('is not fooled by a text file that starts like one, or by an email with nothing in it', () => {
    expect(sniffFileType(Buffer.from('Subject: notes\nThese are my notes.\n'))).toEqual({ kind: 'text' });
    expect(() => readEmail(CRLF('From: a@example.org\nDate: Mon, 2 Nov 2026 09:14:00 +0000\n\n'))).toThrow();
  });

  it('stops at its bounds on a hostile message: parts nested without end', () => {
    let body = 'text\n';
    for (let i = 0; i < 50; i++)
      body = `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n${body}--b${i}--\n`;
    const email = readEmail(CRLF(`From: a@example.org\nSubject: Deep\n${body}`));
    expect(email.attachments).toEqual([]);
  });

  it('says when its fonts cannot print some of its letters, and gives its date and subject', async () => {
    const email = readEmail(
      CRLF(`From: =?utf-8?B?546L5bCP5piO?= <wang@example.org>
Subject: Meeting
Date: Tue, 3 Nov 2026 16:00:00 +0000
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

See you there =F0=9F=91=8B =E1=9E=81
`),
    );
    const made = await emailToPdf(email, 'fallback');
    expect(made).toMatchObject({ date: '2026-11-03', subject: 'Meeting' });
    // The sender's name in Chinese prints (a fallback font), and so does the emoji; Khmer does not.
    expect(made.note).toMatch(/^Its pages show “ខ” as an empty box: their fonts have no such letter\./);
    const plain = await emailToPdf(
      readEmail(CRLF('From: a@example.org\nSubject: Hi\n\nHello.\n')),
      'fallback',
    );
    expect(plain.note).toBeNull();
  });

  it('reads hostile HTML in one pass: scripts never closed, tags never finished, runs of spaces', () => {
    // Read with regular expressions, each of these took time growing with the square of its length.
    for (const html of [
      '<script'.repeat(300_000),
      `a${'<'.repeat(2_000_000)}`,
      `x${' '.repeat(2_000_000)}y`,
    ]) {
      const email = readEmail(
        Buffer.from(
          `From: a@example.org\r\nSubject: Hostile\r\nContent-Type: text/html\r\n\r\n${html}`,
          'latin1',
        ),
      );
      expect(email.text.length).toBeLessThan(4_000_001);
    }
  }, 20_000);

  // "<" not starting a tag was read as one: everything up to the next ">" was lost, or all the rest of the text.
  it('reads "<" that starts no tag as text, and a comment to its end', () => {
    expect(htmlToText('<p>Sam scored <3 in the test, and 2<5 says the chart</p><p>Next</p>')).toBe(
      'Sam scored <3 in the test, and 2<5 says the chart\n\nNext',
    );
    expect(htmlToText('<p>Before</p><!-- a > b --><p>After</p><p>x < y and a <- b</p>')).toBe(
      'Before\n\nAfter\n\nx < y and a <- b',
    );
  });

  // An HTML-only email's links kept their words only: "the draft plan is here" said nothing of where.
  it("prints a link's address after its words, as a mail program's plain text does, where they do not show it", () => {
    const html =
      '<p>The draft plan is <a href="https://council.example.org/ehcp/draft?id=7&amp;v=2">here</a>. ' +
      'Contact <a href=mailto:sen@council.example.org?subject=Plan>the SEN team</a> or ' +
      '<a href="mailto:jo@council.example.org">jo@council.example.org</a>; see ' +
      '<a href="https://www.gov.uk/children-with-special-educational-needs/">gov.uk/children-with-special-educational-needs</a>, ' +
      '<a href="https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fcouncil.example.org%2Flocal-offer&data=05%7C01&reserved=0">the Local Offer</a>' +
      '<a href="#top">Back to top</a> <a href="javascript:void(0)">Print</a>' +
      '<a href="https://council.example.org/"><img src="cid:logo"></a></p>';
    const text = htmlToText(html, { linkAddresses: true });
    expect(text).toBe(
      'The draft plan is here <https://council.example.org/ehcp/draft?id=7&v=2>. Contact the SEN team <sen@council.example.org> or ' +
        'jo@council.example.org; see gov.uk/children-with-special-educational-needs, ' +
        'the Local Offer <https://council.example.org/local-offer>Back to top Print',
    );
    // A web page's links (its menus, every one a link) are left as words.
    expect(htmlToText(html)).toMatch(/^The draft plan is here\. Contact the SEN team or/);
    const email = readEmail(CRLF(`From: a@example.org\nSubject: Plan\nContent-Type: text/html\n\n${html}\n`));
    expect(email.text).toContain('here <https://council.example.org/ehcp/draft?id=7&v=2>');
  });

  it("dates it by the sender's own day, not UTC's: half past midnight in British Summer Time", async () => {
    const sent = (date: string) =>
      emailToPdf(readEmail(CRLF(`From: a@example.org\nSubject: Decision\nDate: ${date}\n\nText.\n`)), 'x');
    expect((await sent('Sat, 3 Oct 2026 00:30:00 +0100')).date).toBe('2026-10-03');
    expect((await sent('Mon, 2 Nov 2026 23:59:59 -0800 (PST)')).date).toBe('2026-11-02');
    expect((await sent('not a date')).date).toBeNull();
  });
});

describe('a web page a browser saved as one file (MHTML)', () => {
  it("is read as a page: its text, its address, and its pictures counted as the page's, not files", () => {
    for (const from of ['<Saved by Blink>', '<Saved by Windows Internet Explorer 8>']) {
      const page = readEmail(Buffer.from(savedWebPage({ from, pictures: 3 }), 'latin1'));
      expect(page.webPage).toEqual({ address: 'https://hilltop.example.sch.uk/send-policy', pictures: 3 });
      expect(page.attachments).toEqual([]);
      expect(page.text).toMatch(/SEND policy\s+Pupils with SEND will have reasonable adjustments made/);
      expect(page.text).not.toMatch(/font-family/);
    }
    // Word's "Single File Web Page": no sender, recipient or server, its parts a page and its files.
    const word = readEmail(
      CRLF(`MIME-Version: 1.0
Content-Type: multipart/related; boundary="----=_NextPart_01DB"

------=_NextPart_01DB
Content-Location: file:///C:/Users/Sam/report.htm
Content-Type: text/html; charset="windows-1252"

<html><body><p>The report.</p></body></html>
------=_NextPart_01DB
Content-Location: file:///C:/Users/Sam/report_files/image001.png
Content-Type: image/png
Content-Transfer-Encoding: base64

iVBORw0KGgo=
------=_NextPart_01DB--
`),
    );
    // A file's place on the computer that saved it is not printed as its address.
    expect(word.webPage).toEqual({ address: null, pictures: 1 });
    expect(word.attachments).toEqual([]);
    // An email whose HTML shows a picture sent with it (multipart/related too) is still an email.
    const email = readEmail(
      CRLF(`From: sen@council.example.org
To: parent@example.net
Subject: Our letter
Content-Type: multipart/related; boundary="b"

--b
Content-Type: text/html

<p>See the photo.</p><img src="cid:photo1">
--b
Content-Type: image/png; name="photo.png"
Content-ID: <photo1>
Content-Transfer-Encoding: base64

${pngHeader(2000, 1500).toString('base64')}
--b--
`),
    );
    expect(email.webPage).toBeUndefined();
    expect(email.attachments.map((a) => a.name)).toEqual(['photo.png']);
  });
});

describe('an email of very many short lines', () => {
  it(`is stopped before layout when its lines alone make more than ${LIMITS.textPages} pages`, async () => {
    const lines = (LIMITS.textPages + 1) * BODY_LINES_PER_PAGE;
    const email = readEmail(
      Buffer.from(`From: a@example.org\r\nSubject: Pings\r\n\r\n${'ok\r\n'.repeat(lines)}`),
    );
    const started = performance.now();
    const refused = await emailToPdf(email, 'fallback').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TooManyPages);
    expect(refused).toMatchObject({ maxPages: LIMITS.textPages, atLeast: LIMITS.textPages + 1 });
    // Before, all of it was laid out first: 44 s for 1 MB of such lines.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
