/**
 * Emails saved from Outlook (.msg) read into the same email the app lays out for a saved .eml: who it is
 * from and to, when (the sender's day), the subject, the text, the attached files to take out and those
 * that cannot be. The files are real Outlook files (tests/fixtures/outlook/README.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  englandDate,
  OutlookReadError,
  readOutlookMsg,
  windowsCodepage,
} from '../../../../../electron/services/documents/outlookMsg';
import { readEmail, writeEmail } from '../../../../../electron/services/documents/email';
import { sniffFileType } from '../../../../../electron/services/documents/sniff';
import { makePng } from '../../../../helpers/images';
import { outlookItem } from '../../../../helpers/outlookMsg';
import { REPO_ROOT } from '../../../../helpers/repo';
import { p7mOf } from '../../../../helpers/smime';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'outlook', name)));

describe('readOutlookMsg', () => {
  it('reads a received email: its people, its date as sent, its subject, text and attached files', () => {
    const bytes = fixture('attachmentFiles.msg');
    expect(sniffFileType(bytes)).toEqual({ kind: 'outlook-email' });
    const email = readOutlookMsg(bytes);
    expect(Object.fromEntries(email.headers)).toEqual({
      from: 'hmailuser <hmailuser@hmailserver.test>',
      to: 'hmailuser@hmailserver.test',
      // From the internet headers it came with: the sender's own clock.
      date: 'Wed, 1 Nov 2023 09:48:31 +0900',
      subject: 'attachmentFiles',
    });
    expect(email.text).toBe('attachmentFiles');
    expect(email.attachments.map((a) => [a.name, a.bytes.length])).toEqual([
      ['jpg.jpg', 726],
      ['png.png', 134],
      ['tif.tif', 664],
    ]);
    // The attached files are the files themselves.
    expect([...email.attachments[0].bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(sniffFileType(email.attachments[2].bytes)).toEqual({ kind: 'tiff' });
    expect(email.leftOut).toEqual([]);
  });

  it("reads an email saved in Outlook's older, non-Unicode format in the code page it was written in", () => {
    // Read as Latin-1, the subject was "“ú–{Œê Non Unicode ƒ^ƒCƒgƒ‹".
    const email = readOutlookMsg(fixture('non-unicode-cp932.msg'));
    expect(email.headers.get('subject')).toBe('日本語 Non Unicode タイトル');
    expect(email.text).toBe('日本語 Non Unicode 本文');
    // Named by its internet code page only, as this one is: ISO-2022-JP was written on a Japanese Windows.
    expect(windowsCodepage(50220)).toBe('932');
    expect(windowsCodepage(28592)).toBe('1250');
    expect(windowsCodepage(1251)).toBe('1251');
    // Plain ASCII, Unicode or nothing named: England's Windows-1252.
    expect([20127, 65001, undefined].map(windowsCodepage)).toEqual(['1252', '1252', '1252']);
  });

  it('takes the attached files out of a signed email, which Outlook keeps inside the signed message', () => {
    const signed = Buffer.from(
      [
        'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="S"',
        '',
        '--S',
        'Content-Type: multipart/mixed; boundary="M"',
        '',
        '--M',
        'Content-Type: text/plain',
        '',
        'The report is attached.',
        '--M',
        'Content-Type: application/pdf; name="EP report.pdf"',
        'Content-Disposition: attachment; filename="EP report.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.7\n% the report\n').toString('base64'),
        '--M--',
        '--S',
        'Content-Type: application/pkcs7-signature; name="smime.p7s"',
        'Content-Transfer-Encoding: base64',
        '',
        'MIAGCSqGSIb3DQEHAqCAMIACAQE=',
        '--S--',
        '',
      ].join('\r\n'),
    );
    const item = (mimeTag: string, data: Uint8Array, body = 'The report is attached.') =>
      readOutlookMsg(
        outlookItem({
          messageClass: 'IPM.Note.SMIME.MultipartSigned',
          subject: 'EP report',
          body,
          attachments: [{ longFileName: 'smime.p7m', mimeTag, data }],
        }),
      );
    const email = item('multipart/signed', signed);
    expect(email.text).toBe('The report is attached.');
    expect(email.attachments.map((a) => [a.name, Buffer.from(a.bytes).toString('latin1')])).toEqual([
      ['EP report.pdf', '%PDF-1.7\n% the report\n'],
    ]);
    expect(email.leftOut).toEqual([]);
    // An item whose text Outlook did not keep: the signed message's.
    expect(item('multipart/signed', signed, '').text).toBe('The report is attached.');
    // Sealed (encrypted, or inside an opaque signature): named, with what to do.
    const sealed = item('application/pkcs7-mime', Buffer.from('MIAGCSqGSIb3DQEHA6CAMIACAQA=', 'base64'), '');
    expect(sealed.attachments).toEqual([]);
    expect(sealed.leftOut).toEqual([
      {
        name: 'smime.p7m',
        because: expect.stringMatching(
          /^is the message, signed or encrypted so that this app cannot open it/,
        ),
      },
    ]);
  });

  it('takes the message and its files out of an opaque S/MIME signature kept as its one attachment', () => {
    // The smime.p7m of an email OpenSSL signed (tests/fixtures/smime/README.md), as Outlook keeps it.
    const item = (data: Uint8Array) =>
      readOutlookMsg(
        outlookItem({
          messageClass: 'IPM.Note.SMIME',
          subject: 'Decision',
          body: '',
          attachments: [{ longFileName: 'smime.p7m', mimeTag: 'application/pkcs7-mime', data }],
        }),
      );
    const signed = item(p7mOf('opaque-signed.eml'));
    expect(signed.text).toBe('Dear Parent,\n\nThe decision letter for Zoë is attached.\n\nSEN Team');
    expect(signed.attachments.map((a) => a.name)).toEqual(['decision letter.pdf']);
    expect(signed.leftOut).toEqual([]);
    expect(item(p7mOf('encrypted.eml')).leftOut).toEqual([
      {
        name: 'smime.p7m',
        because: expect.stringMatching(/^is the message, encrypted: only a mail program with the key/),
      },
    ]);
  });

  it('reads a real email Outlook signed with the message inside its signature', () => {
    const email = readOutlookMsg(fixture('smime-signed-opaque.msg'));
    expect(email.headers.get('subject')).toBe('Invio messaggio SMIME (signed and clear text)');
    expect(email.text).toMatch(
      /^Invio messaggio SMIME \(signed and clear text\)\n\n-- \nAlessandro Gasparini\n/,
    );
    expect(email.attachments.map((a) => a.name)).toEqual(['3 crucial benefits of Cloud computing.docx']);
    // A Word document: a zip, whole.
    const docx = Buffer.from(email.attachments[0].bytes);
    expect(docx.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(docx.length).toBe(13_328);
    expect(email.leftOut).toEqual([]);
  });

  it('takes an email attached to it out as a saved email, which reads back as that email', () => {
    const email = readOutlookMsg(fixture('msgInMsg.msg'));
    expect(email.headers.get('subject')).toBe('I have attachments!');
    expect(email.attachments.map((a) => a.name)).toEqual([
      'Microsoft Outlook テスト メッセージ.eml',
      'green.png',
    ]);
    expect(email.leftOut).toEqual([]);
    const inner = email.attachments[0].bytes;
    expect(sniffFileType(inner)).toEqual({ kind: 'email' });
    const read = readEmail(inner);
    expect(read.headers.get('subject')).toBe(
      '=?utf-8?B?' + Buffer.from('Microsoft Outlook テスト メッセージ').toString('base64') + '?=',
    );
    expect(read.text).toMatch(/^この電子メール メッセージは、アカウントの設定のテスト中に/);
    expect(read.attachments).toEqual([]);
  });

  it('writes an email that reads back the same, attached files and all', () => {
    const email = readOutlookMsg(fixture('attachmentFiles.msg'));
    const read = readEmail(writeEmail(email));
    expect(read.text).toBe(email.text);
    expect(read.attachments).toEqual(email.attachments);
    expect(read.headers.get('from')).toBe(email.headers.get('from'));
    expect(read.headers.get('date')).toBe(email.headers.get('date'));
  });

  it('leaves a picture shown inside the message in it, and takes the attached one', () => {
    const email = readOutlookMsg(fixture('attachAndInline.msg'));
    expect(email.attachments.map((a) => a.name)).toEqual(['attach.png']);
    expect(email.leftOut).toEqual([]);
  });

  // Every picture shown inside the message was left in it, a screenshot pasted into it too; the pages show
  // only the text, so the screenshot was lost without a word (a saved .eml's was taken out).
  it('takes out a picture pasted into the message, but not a logo-sized one', () => {
    const email = readOutlookMsg(
      outlookItem({
        messageClass: 'IPM.Note',
        subject: 'The report',
        body: 'See the screenshot below.',
        attachments: [
          {
            longFileName: 'image001.png',
            mimeTag: 'image/png',
            data: makePng(1200, 900),
            inMessage: { contentId: 'image001.png@01D7' },
          },
          {
            longFileName: 'image002.png',
            mimeTag: 'image/png',
            data: makePng(200, 60),
            inMessage: { contentId: 'image002.png@01D7' },
          },
          {
            longFileName: 'minutes.pdf',
            mimeTag: 'application/pdf',
            data: new TextEncoder().encode('%PDF-1.7'),
          },
        ],
      }),
    );
    expect(email.attachments.map((a) => a.name)).toEqual(['image001.png', 'minutes.pdf']);
  });

  it('keeps text in any script, and dates a message Outlook kept in UTC by the clock in England', () => {
    const email = readOutlookMsg(fixture('hello-cjk.msg'));
    expect(email.text).toBe('Hello\nC 你好\nJ こんにちは\nK 안녕하세요');
    expect(email.headers.get('date')).toBe('Sun, 27 Aug 2023 11:27:38 +0100');
  });

  it('refuses a damaged one', () => {
    const bytes = fixture('attachmentFiles.msg');
    expect(() => readOutlookMsg(bytes.subarray(0, 4096))).toThrow(OutlookReadError);
  });
});

describe('englandDate', () => {
  it('is the day and time a clock in England showed, in summer time and out of it', () => {
    // 23:30 UTC on 14 July was 00:30 on the 15th in British Summer Time.
    expect(englandDate(new Date('2026-07-14T23:30:00Z'))).toBe('Wed, 15 Jul 2026 00:30:00 +0100');
    expect(englandDate(new Date('2026-12-01T23:30:00Z'))).toBe('Tue, 01 Dec 2026 23:30:00 +0000');
  });
});
