import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../../electron/services/letters/templates';
import { runCli } from '../../../helpers/cli';
import { FIXTURES } from '../../../helpers/letterFixtures';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'send-bundle-cli-letters-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli(['--data-dir', join(dir, 'data'), ...args]);

/** `send-bundle case new` with these options: the new case's id. */
async function newCase(options: Record<string, string>): Promise<string> {
  const created = await cli('case', 'new', ...Object.entries(options).flatMap(([k, v]) => [`--${k}`, v]));
  expect(created.code, created.stderr).toBe(0);
  return created.stdout.trim();
}

async function docxText(path: string): Promise<string> {
  const xml = await (await JSZip.loadAsync(readFileSync(path))).file('word/document.xml')!.async('string');
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('send-bundle letter', () => {
  it('lists the templates with their facts', async () => {
    const result = await cli('letter', '--list', '--json');
    expect(result.code, result.stderr).toBe(0);
    const list = JSON.parse(result.stdout) as { id: string; fields: { name: string; question: string }[] }[];
    expect(list.map((t) => t.id)).toEqual(TEMPLATES.map((t) => t.id));
    expect(list.map((t) => t.id)).toContain('order-compliance-complaint');
    expect(list.find((t) => t.id === 'health-commissioner-response')?.fields.map((f) => f.name)).toContain(
      'recommendations',
    );
    const text = await cli('letter', '--list');
    expect(text.stdout).toMatch(/social-care-commissioner-response: /);
  });

  it('produces a complete commissioner response from the command line', async () => {
    const id = await newCase({
      title: 'Appeal',
      role: 'la',
      'appeal-type': 'contents-of-plan',
      'child-name': 'محمد Al-Sayed',
      'la-name': 'Anytown Borough Council',
      'tribunal-ref': 'EH123/26/00042',
    });
    const add = (text: string) =>
      cli('recommendation', 'add', id, '--area', 'health', '--text', text, '--made', '2026-11-02');
    const first = await add('Arrange a speech and language therapy assessment.');
    const second = await add('Fund weekly private occupational therapy.');
    expect(first.code, first.stderr).toBe(0);
    const [rec1, rec2] = [first.stdout.trim(), second.stdout.trim()];

    // Before the decisions are recorded, the letter refuses and says what is missing.
    const early = await cli('letter', id, 'health-commissioner-response', '--out', join(dir, 'early.pdf'));
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/officerName \(Named officer\)/);
    expect(early.stderr).toMatch(/recommendations\[1\]\.decision/);
    expect(existsSync(join(dir, 'early.pdf'))).toBe(false);

    const r1 = await cli(
      'recommendation',
      'respond',
      id,
      rec1,
      '--decision',
      'will-follow',
      '--step',
      '2027-01-15: Refer محمد to the community speech and language therapy service',
    );
    expect(r1.code, r1.stderr).toBe(0);
    const r2 = await cli(
      'recommendation',
      'respond',
      id,
      rec2,
      '--decision',
      'will-not-follow',
      '--reasons',
      'The community occupational therapy team can meet the assessed need within the same time.',
    );
    expect(r2.code, r2.stderr).toBe(0);
    const badStep = await cli(
      'recommendation',
      'respond',
      id,
      rec1,
      '--decision',
      'will-follow',
      '--step',
      'soon: refer',
    );
    expect(badStep.code).toBe(1);
    expect(badStep.stderr).toMatch(/--step must start with a date/);

    const appellant = join(dir, 'address.json');
    writeFileSync(appellant, JSON.stringify(['12 Acacia Avenue', 'Anytown AN2 2BB']));
    const docx = join(dir, 'response.docx');
    const pdf = join(dir, 'response.pdf');
    // The facts the case does not hold, given on the command line (the same both times below).
    const fieldArgs = [
      '--field',
      'commissionerOrganisation=NHS Anytown Integrated Care Board',
      '--field',
      'officerName=Dr Amal Haddad',
      '--field',
      'officerEmail=amal.haddad@example.nhs.uk',
      '--field',
      'appellantName=Zoë Kowalczyk',
      '--field',
      `appellantAddress=@${appellant}`,
      '--field',
      'date=2026-12-01',
      '--json',
    ];
    const made = await cli(
      'letter',
      id,
      'health-commissioner-response',
      '--out',
      docx,
      '--out',
      pdf,
      ...fieldArgs,
    );
    expect(made.code, made.stderr).toBe(0);
    const record = JSON.parse(made.stdout) as {
      id: number;
      written: { path: string }[];
      fields: Record<string, unknown>;
    };
    expect(record.written.map((w) => w.path)).toEqual([docx, pdf]);
    expect(record.fields).toMatchObject({
      childName: 'محمد Al-Sayed',
      appellantAddress: ['12 Acacia Avenue', 'Anytown AN2 2BB'],
    });

    const text = await docxText(docx);
    for (const fact of [
      'Zoë Kowalczyk',
      'محمد Al-Sayed',
      'EH123/26/00042',
      'Refer محمد to the community speech and language therapy service',
      '15 January 2027',
      'We will not follow this recommendation.',
      'The community occupational therapy team can meet the assessed need',
      'Parliamentary and Health Service Ombudsman',
      'Copy to: Anytown Borough Council',
    ])
      expect(text).toContain(fact);
    if (spawnSync('pdftotext', ['-v']).error === undefined) {
      const pdfText = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(pdfText).toContain('Zoë Kowalczyk');
      expect(pdfText).toContain('We will not follow this recommendation.');
    }

    // The same command again gives the same letter record and bytes.
    const before = readFileSync(pdf);
    const again = await cli('letter', id, 'health-commissioner-response', '--out', pdf, ...fieldArgs);
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as { id: number }).id).toBe(record.id);
    expect(readFileSync(pdf).equals(before)).toBe(true);

    const unknown = await cli(
      'letter',
      id,
      'health-commissioner-response',
      '--out',
      pdf,
      '--field',
      'mood=happy',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no fact "mood"/);
    const usage = await cli('letter', id, 'health-commissioner-response', '--out', join(dir, 'x.txt'));
    expect(usage.code).toBe(2);
  });

  it('says on standard error when the PDF shows letters as empty boxes, and not for the Word file alone', async () => {
    const id = await newCase({
      title: 'Appeal',
      role: 'parent',
      'appeal-type': 'refusal-to-assess',
      'child-name': '王小明 (Wang Xiaoming)',
      'la-name': 'Anytown Borough Council',
    });
    const facts = [
      '--field',
      'requesterName=Li Na',
      '--field',
      'requesterRole=parent',
      '--field',
      'step=the evidence',
      '--field',
      'currentDueDate=2026-12-10',
      '--field',
      'requestedDate=2026-12-20',
      '--field',
      'reasons=A report is late ខ.',
    ];
    const pdf = join(dir, 'extension.pdf');
    const made = await cli('letter', id, 'extension-request', '--out', pdf, ...facts);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout.trim()).toBe(pdf);
    expect(made.stderr).toContain(
      'note: The PDF shows “ខ” as an empty box: its font has no such letter. Send the Word file instead',
    );
    // The child's name in Chinese prints, from a fallback font.
    expect(made.stderr).not.toContain('王');
    const word = await cli('letter', id, 'extension-request', '--out', join(dir, 'extension.docx'), ...facts);
    expect(word.code, word.stderr).toBe(0);
    expect(word.stderr).not.toContain('note:');
  });

  it("notes on standard error when the LA's response names more witnesses than allowed without permission", async () => {
    const id = await newCase({ title: 'Appeal', role: 'la', 'appeal-type': 'contents-of-plan' });
    const facts = join(dir, 'la-response.json');
    const witnesses = ['Ms Cole', 'Mr Vance', 'Dr Ray', 'Mrs Imrie'].map((name) => ({ name }));
    writeFileSync(facts, JSON.stringify({ ...FIXTURES['la-response'].fields, witnesses }));
    const out = join(dir, 'la-response.docx');
    const made = await cli('letter', id, 'la-response', '--fields', facts, '--out', out);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout.trim()).toBe(out);
    expect(made.stderr).toContain(
      "note: 4 witnesses are listed; the usual limit is 3. More need the tribunal's permission: ask for it on form SEND7",
    );
  });
});
