/**
 * A file that took too long or too much memory to read is refused with advice that fits what it is: a
 * large PDF or scan can be split or scanned again, but an email or a Word file that does so is more likely
 * damaged, and its own program can make a PDF of it.
 */
import { describe, expect, it } from 'vitest';
import { refuse } from '../../../../../electron/services/documents/refusals';

describe('refusals of a file that took too long or too much memory to read', () => {
  it('tells how to split a large PDF or scan', () => {
    for (const kind of ['pdf', 'picture', 'jpeg'] as const) {
      expect(refuse.tooMuchMemory('scan.pdf', kind).message).toMatch(/split it into smaller PDFs/);
      expect(refuse.tookTooLong('scan.pdf', 180, kind).message).toMatch(
        /took longer than 3 minutes .*split it into smaller PDFs/,
      );
    }
  });

  it('does not tell anyone to split an email or a Word file into PDFs', () => {
    const email = refuse.tooMuchMemory('decision.msg', 'outlook-email').message;
    expect(email).toContain('"decision.msg" needed more memory to read than one file may use');
    expect(email).toMatch(/may be damaged\. Open it in your mail program/);
    expect(email).not.toMatch(/PDFs|scan/);
    expect(refuse.tookTooLong('letter.eml', 60, 'email').message).toMatch(/Open it in your mail program/);
    const word = refuse.tooMuchMemory('report.docx', 'docx').message;
    expect(word).toMatch(/Open it in Word or LibreOffice/);
    expect(word).not.toMatch(/smaller PDFs|scan/);
    expect(refuse.tooMuchMemory('evidence.zip', 'other').message).toMatch(
      /Ask whoever sent it for a new copy/,
    );
  });
});

describe('refusals of a kind of file bundles cannot hold', () => {
  it('say how to make a PDF of an Apple iWork document or an XPS print-out, not to open it as a zip', () => {
    const pages = refuse.unsupported('report.pages', 'an Apple Pages, Numbers or Keynote document').message;
    expect(pages).toMatch(/it looks like an Apple Pages, Numbers or Keynote document\./);
    expect(pages).toMatch(
      /Open it in Pages, Numbers or Keynote, choose File ▸ Export To ▸ PDF, and add the PDF\.$/,
    );
    expect(pages).not.toMatch(/double-click|files inside it/);
    // A Mac may keep one as a folder (a package), which looks like one file.
    expect(refuse.folder('report.pages').message).toMatch(
      /^"report\.pages" is an Apple Pages, Numbers or Keynote document kept as a folder.* choose File ▸ Export To ▸ PDF/,
    );
    expect(refuse.unsupported('Zoe case.zip', 'a case exported from SEND Bundle Builder').message).toMatch(
      /use “Import a case” on the Your cases screen\.$/,
    );
    expect(
      refuse.unsupported('EP report.lnk', 'a shortcut, which points to a file or a web page but is not it')
        .message,
    ).toMatch(
      /Add the file it points to instead \(right-click the shortcut and choose Open file location to find it\); for a web page, open it in your browser, print it to PDF, and add the PDF\.$/,
    );
    expect(refuse.folder('Evidence').message).toMatch(/is a folder, not a file\. Open the folder/);
    expect(refuse.unsupported('letter.oxps', 'an XPS document (printed to XPS)').message).toMatch(
      /print it to “Microsoft Print to PDF”, and add the PDF\.$/,
    );
  });

  it('say a recording cannot go into a bundle, and what to do instead, not to make a PDF of it', () => {
    for (const description of ['a sound recording', 'a video or audio file']) {
      const message = refuse.unsupported('voice note.opus', description).message;
      expect(message).toMatch(/a recording cannot go into it\. If it is evidence, add a written account/);
      expect(message).not.toMatch(/export it as PDF/);
    }
  });

  it("say what to add for a meeting's invitation or a contact card, not to make a PDF of it", () => {
    const invitation = refuse.unsupported('invite.ics', 'a calendar invitation (iCalendar)').message;
    expect(invitation).toMatch(/looks like a calendar invitation \(iCalendar\)\./);
    expect(invitation).toMatch(/add the email that sent the invitation/);
    expect(invitation).not.toMatch(/export it as PDF/);
    expect(refuse.unsupported('Jo Smith.vcf', 'a contact card (vCard)').message).toMatch(
      /put them in a witness statement or a letter\.$/,
    );
  });
});
