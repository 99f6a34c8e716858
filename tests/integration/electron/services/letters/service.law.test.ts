/**
 * What the law asks of the letters (#13): each letter's contents, its date, and its proceeding's words.
 * Dates are worked out by hand from the rule cited beside them.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { letterText } from '../../../../../electron/services/letters/model';
import { buildLetter } from '../../../../../electron/services/letters/service';
import type { AppealType } from '../../../../../shared/domain/case';
import { runCli } from '../../../../helpers/cli';
import { tempServices } from '../../../../helpers/context';
import { FIXTURES } from '../../../../helpers/letterFixtures';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

function setup(appealType: AppealType = 'contents-of-plan', extra: Record<string, unknown> = {}) {
  const t = tempServices({ clock: () => new Date('2026-12-01T10:00:00Z') });
  dispose = t.dispose;
  const c = t.services.cases.create({
    title: 'Case',
    role: 'la',
    appealType,
    childName: 'Sam Smith',
    laName: 'Anytown Borough Council',
    tribunalRef: 'EH123/26/00042',
    ...extra,
  });
  return { ...t, caseId: c.id };
}

const textOf = (template: string, fields: Record<string, unknown>) =>
  letterText(buildLetter(template, fields).letter).join('\n');

describe("commissioners' responses", () => {
  it('cite the regulations by name and number and state the due date', () => {
    const text = textOf(
      'social-care-commissioner-response',
      FIXTURES['social-care-commissioner-response'].fields,
    );
    expect(text).toMatch(
      /under the Special Educational Needs and Disability \(First-tier Tribunal Recommendations Power\) Regulations 2017 \(S\.I\. 2017\/1306\)/,
    );
    expect(text).toMatch(/Our response is due by 7 December 2026/);
  });

  it('are not dated before the decision or a recommendation they answer', () => {
    const fields = { ...FIXTURES['health-commissioner-response'].fields, date: '2026-11-01' };
    expect(() => buildLetter('health-commissioner-response', fields)).toThrow(
      /Date of the letter \(it is before 2 November 2026, the date of the decision or recommendation it answers\)/,
    );
    const later = {
      ...FIXTURES['health-commissioner-response'].fields,
      date: '2026-11-05',
      recommendations: [
        { text: 'Therapy', madeDate: '2026-11-09', decision: 'will-not-follow', reasons: ['Not needed.'] },
      ],
    };
    expect(() => buildLetter('health-commissioner-response', later)).toThrow(/before 9 November 2026/);
  });

  it('take the due date from the deadlines, and the decision date only when the recommendations share it', () => {
    const { services, caseId } = setup('contents-of-plan', { extended: true });
    const rec = (madeDate: string) =>
      services.recommendations.save(caseId, undefined, { area: 'health', text: 'Therapy', madeDate });
    rec('2026-07-27');
    // 27 July 2026 + 5 weeks = Monday 31 August 2026 (a bank holiday: not moved).
    expect(services.letters.prefill(caseId, 'health-commissioner-response').fields).toMatchObject({
      decisionDate: '2026-07-27',
      responseDueDate: '2026-08-31',
    });
    rec('2026-08-03');
    const pre = services.letters.prefill(caseId, 'health-commissioner-response');
    expect(pre.fields.decisionDate).toBeUndefined();
    expect(pre.missing).toContain('decisionDate');
    expect(pre.fields.responseDueDate).toBe('2026-08-31');
  });
});

describe("the LA's response (HESC Rules r.21(2); GOV.UK 'Preparing a SEND Tribunal case: local authorities')", () => {
  const base = FIXTURES['la-response'].fields;

  it('has the facts, the reasons for the decision, the child’s views, the representative and an authorised signature', () => {
    const text = textOf('la-response', base);
    expect(text).toMatch(/Summary of the facts\n.*issued on 1 July 2026/);
    expect(text).toMatch(/Reasons for the decision\n.*needs had not changed/);
    expect(text).toMatch(/The views of محمد Al-Sayed\n.*stay with his friends/);
    expect(text).toMatch(/representative is Siobhán Ní Bhriain \(SEND casework officer\)/);
    expect(text).toMatch(
      /Signed by an officer authorised to sign on behalf of Anytown Borough Council\nDr Ifeoma Okafor\nHead of SEND/,
    );
  });

  it('refuses an opposing response without the facts or the reasons for the decision', () => {
    const { factsSummary, decisionReasons, decisionDate, ...rest } = base;
    void factsSummary;
    void decisionReasons;
    void decisionDate;
    expect(() => buildLetter('la-response', rest)).toThrow(
      /Summary of the facts \(the tribunal asks for it when the local authority opposes the appeal\); Reasons/,
    );
    // The decision letter's own reasons are enough, when its date is given.
    const viaLetter = { ...rest, factsSummary: ['Facts.'], decisionDate: '2026-07-01' };
    expect(textOf('la-response', viaLetter)).toMatch(
      /reasons for the decision are given in the decision letter of 1 July 2026/,
    );
    // An unopposed response needs neither.
    expect(() => buildLetter('la-response', { ...rest, position: 'does-not-oppose' })).not.toThrow();
  });

  it('needs the child’s views or why they were not obtained, and says which', () => {
    const { childViews, ...rest } = base;
    void childViews;
    expect(() => buildLetter('la-response', rest)).toThrow(/Their views, or why they were not obtained/);
    const notObtained = { ...base, childViewsKind: 'not-obtained', childViews: ['He was in hospital.'] };
    expect(textOf('la-response', notObtained)).toMatch(
      /Why the views of محمد Al-Sayed were not obtained\n.*in hospital/,
    );
  });

  it('is not dated before the decision under appeal', () => {
    expect(() => buildLetter('la-response', { ...base, date: '2026-06-30' })).toThrow(
      /it is before 1 July 2026, the date of the decision under appeal/,
    );
  });
});

describe('letters to the tribunal', () => {
  it('give the tribunal’s email beside its postal address', () => {
    expect(textOf('extension-request', FIXTURES['extension-request'].fields)).toMatch(
      /Darlington\nDL1 1RU\nEmail: send@justice.gov.uk/,
    );
  });

  it('say when the extension request is a SEND7 request, and when it is not', () => {
    const direction = textOf('extension-request', FIXTURES['extension-request'].fields);
    expect(direction).toMatch(/made with the tribunal's form SEND7 \(request for changes to the case\)/);
    const late = textOf('extension-request', {
      ...FIXTURES['extension-request'].fields,
      requestKind: 'registration',
      step: 'register the appeal',
    });
    expect(late).toMatch(
      /This is not a request on form SEND7: it goes with the appeal form \(SEND35, or SEND35a for a refusal to assess\)/,
    );
  });

  it('do not date the reasons for appeal before the decision they appeal', () => {
    expect(() =>
      buildLetter('reasons-for-appeal', { ...FIXTURES['reasons-for-appeal'].fields, date: '2026-06-14' }),
    ).toThrow(/it is before 15 June 2026, the date of the decision letter/);
  });
});

/** Words that belong to an appeal about an EHC plan, never to a disability discrimination claim. */
const APPEAL_WORDS = /\bappeal|appellant|local authority|\bLA\b|decision/i;

describe('a disability discrimination claim’s letters use the claim’s words throughout', () => {
  function claimCase() {
    return setup('disability-discrimination', {
      role: 'parent',
      laName: 'The governing body of Hilltop Primary School',
      decisionDate: '2026-09-14',
    });
  }

  it('the claim statement: claimant, responsible body, conduct, and the Schedule 17 time limit', () => {
    const text = textOf('dd-claim-statement', FIXTURES['dd-claim-statement'].fields);
    expect(text).not.toMatch(APPEAL_WORDS);
    expect(text).toMatch(/Claimant\nZoë Kowalczyk \(mother\)/);
    expect(text).toMatch(/Responsible body\nThe governing body of Hilltop Primary School/);
    expect(text).toMatch(/Conduct complained of\n14 September 2026/);
    // 14 September 2026 + 6 months = 14 March 2027; "starting with" the conduct's day: last day 13 March.
    expect(text).toMatch(/Schedule 17, para 4\)\. On these dates the last day is 13 March 2027\./);
  });

  it('a late claim must say why, and asks the tribunal to consider it out of time (para 4(3))', () => {
    // Conduct 2 March 2026: the last day is 1 September 2026; the statement is dated 30 November.
    const late = { ...FIXTURES['dd-claim-statement'].fields, conductDate: '2026-03-02' };
    expect(() => buildLetter('dd-claim-statement', late)).toThrow(
      /Why the claim is late \(the last day to claim was 1 September 2026/,
    );
    const text = textOf('dd-claim-statement', { ...late, whyLate: 'I was in hospital until October.' });
    expect(text).toMatch(/consider it out of time \(para 4\(3\)\)/);
    expect(text).toMatch(/Why the claim is late\nI was in hospital/);
    // Referred for conciliation on 1 August, inside the 6 months: 9 months from 2 March, so in time.
    expect(() =>
      buildLetter('dd-claim-statement', { ...late, conciliationDate: '2026-08-01' }),
    ).not.toThrow();
  });

  it("the responsible body's response: r.21(2)'s contents in a claim's words, the disability and the time limit", () => {
    const fields = FIXTURES['dd-claim-response'].fields;
    const text = textOf('dd-claim-response', fields);
    expect(text).not.toMatch(APPEAL_WORDS);
    // Out of time: conduct 10 March 2026, so the last day was 9 September 2026 (Sch 17 para 4).
    expect(text).toMatch(
      /\(Equality Act 2010, Schedule 17, para 4\): the conduct complained of was on 10 March 2026, so the last day to claim was 9 September 2026\./,
    );
    // Referred for conciliation on 1 August, inside the 6 months: 3 more months, to 9 December.
    expect(textOf('dd-claim-response', { ...fields, conciliationDate: '2026-08-01' })).toMatch(
      /referred for conciliation on 1 August 2026, so the last day to claim was 9 December 2026\./,
    );
    // Its reasons are asked only when it says so: an accepted disability and a claim in time ignore them.
    const conceded = textOf('dd-claim-response', {
      ...fields,
      position: 'does-not-oppose',
      disability: 'accepted',
      timing: 'in-time',
    });
    expect(conceded).toMatch(/The responsible body does not oppose the claim\./);
    expect(conceded).toMatch(/accepts that محمد Al-Sayed is disabled within the meaning of section 6/);
    expect(conceded).not.toMatch(/No diagnosis had been shared|more than 6 months after the trip/);
    expect(conceded).toMatch(/does not dispute that the claim was made in time/);
    expect(conceded).toMatch(/What the responsible body accepts\n/);
    const { disabilityReasons: _reasons, ...withoutReasons } = fields;
    expect(() => buildLetter('dd-claim-response', withoutReasons)).toThrow(/disability/i);
    const { timingReasons: _timing, ...withoutTiming } = fields;
    expect(() => buildLetter('dd-claim-response', withoutTiming)).toThrow(/out of time/i);
    expect(() =>
      buildLetter('dd-claim-response', { ...fields, officerEmail: undefined, officerPhone: undefined }),
    ).toThrow(/email or telephone/);
  });

  it("the responsible body's response is prefilled from the claim", async () => {
    const { services, caseId } = claimCase();
    services.cases.saveParty(caseId, undefined, { kind: 'appellant', name: 'Zoë Kowalczyk' });
    const { fields } = services.letters.prefill(caseId, 'dd-claim-response');
    expect(fields).toMatchObject({
      responsibleBody: 'The governing body of Hilltop Primary School',
      claimantName: 'Zoë Kowalczyk',
      conductDate: '2026-09-14',
    });
  });

  it('the shared letters (requests, covering letter, non-compliance note) speak of the claim, not an appeal', async () => {
    const { services, caseId } = claimCase();
    services.cases.saveParty(caseId, undefined, { kind: 'appellant', name: 'Zoë Kowalczyk' });
    const texts: string[] = [];
    for (const [template, fields] of [
      [
        'late-evidence-request',
        {
          otherPartyName: 'The governing body of Hilltop Primary School',
          evidence: [{ title: 'Letter from the class teacher', date: '2027-01-15' }],
          whyLate: 'The teacher wrote it after the deadline.',
          whyNeeded: 'It says what happened on the trip.',
        },
      ],
      [
        'extension-request',
        {
          requestKind: 'registration',
          step: 'make the claim',
          currentDueDate: '2027-03-13',
          requestedDate: '2027-03-20',
          reasons: 'The school sent its records late.',
        },
      ],
      [
        'non-compliance-note',
        {
          officerName: 'Ada Lovelace',
          tribunalRef: 'DD123/26/00001',
          findings: [
            { part: 'Supplementary bundle', limit: '100 pages', actual: '112 pages', explanation: 'x' },
          ],
        },
      ],
      [
        'bundle-covering-letter',
        {
          officerName: 'Ada Lovelace',
          officerEmail: 'ada@hilltop.example',
          appellantName: 'Zoë Kowalczyk',
          tribunalRef: 'DD123/26/00001',
          bundlePages: '212',
          includesNote: 'no',
        },
      ],
    ] as const) {
      const record = await services.letters.render(caseId, template, { ...fields }, ['docx'], {
        usePrefill: true,
      });
      expect(record.fields.proceeding, template).toBe('dd');
      texts.push(textOf(template, record.fields));
    }
    const all = texts.join('\n');
    expect(all).not.toMatch(APPEAL_WORDS);
    expect(all).toMatch(/I am the claimant\./);
    expect(all).toMatch(/goes with the claim form \(SEND4A\)/);
    expect(all).toMatch(/The responsible body asks the tribunal to accept the bundle/);
    expect(all).toMatch(/Dear Tribunal and claimant,/);
    expect(all).toMatch(/for the claim about Sam Smith/);
  });

  it('offers only the claim’s letters, in its words, and refuses an appeal’s letter with the alternative', async () => {
    const { services, caseId } = claimCase();
    const templates = services.letters.templates(caseId);
    expect(templates.map((t) => t.id)).toEqual([
      'dd-claim-statement',
      'dd-claim-response',
      'late-evidence-request',
      'extension-request',
      'extra-pages-request',
      'non-compliance-note',
      'bundle-covering-letter',
    ]);
    const questions = templates.flatMap((t) => [
      t.label,
      t.description,
      ...t.fields
        .flatMap((f) => [f, ...(f.itemFields ?? [])])
        .flatMap((f) => [f.label, f.question, f.help ?? '', ...(f.options ?? []).map((o) => o.label)]),
    ]);
    expect(questions.join('\n')).not.toMatch(/\bappeal|appellant|\bLA\b|decision/i);
    expect(
      templates.find((t) => t.id === 'bundle-covering-letter')!.fields.find((f) => f.name === 'laName'),
    ).toMatchObject({ label: 'Responsible body' });
    await expect(
      services.letters.render(caseId, 'reasons-for-appeal', {}, ['pdf'], { usePrefill: true }),
    ).rejects.toThrow(
      /“Reasons for appeal” is for an appeal about an EHC plan, and this case is a disability discrimination claim\. The letters for it are: Disability discrimination claim statement/,
    );
  });
});

describe('a claim from the command line', () => {
  it('lists its deadlines and writes its statement in the claim’s words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-bundle-claim-'));
    dispose = () => rmSync(dir, { recursive: true, force: true });
    const cli = (...args: string[]) => runCli(['--data-dir', dir, ...args]);
    const made = await cli(
      'case',
      'new',
      '--title',
      'Claim',
      '--role',
      'parent',
      '--appeal-type',
      'disability-discrimination',
      '--child-name',
      'Sam Smith',
      '--responsible-body',
      'The governing body of Hilltop Primary School',
      '--conduct-date',
      '2026-09-14',
      '--registered-date',
      '2026-11-02',
      '--hearing-date',
      '2027-01-13',
    );
    expect(made.code, made.stderr).toBe(0);
    const id = made.stdout.trim();
    const list = await cli('deadlines', id, '--today', '2026-11-30');
    expect(list.code, list.stderr).toBe(0);
    // Lines the app writes itself (labels, rules, notes), not the sources' titles of instruments.
    const own = list.stdout
      .split('\n')
      .filter((l) => !/^\s+Source:/.test(l))
      .join('\n');
    expect(own).not.toMatch(APPEAL_WORDS);
    expect(own).toMatch(
      /Send the disability discrimination claim form \(SEND4A, 4B, 26A or 26B\) to the tribunal/,
    );
    // Hearing Wednesday 13 January 2027, ordinary working days: the bundle is due Tuesday 29 December 2026.
    expect(own).toMatch(/Tuesday 29 December 2026 by 5pm.*\n\s+Responsible body sends the hearing bundle/);

    const out = join(dir, 'statement.docx');
    const letter = await cli(
      'letter',
      id,
      'dd-claim-statement',
      '--out',
      out,
      '--field',
      'date=2026-11-30',
      '--field',
      'claimantName=Zoë Kowalczyk',
      '--field',
      'disability=Sam is autistic.',
      '--field',
      'school=Hilltop Primary School',
      '--field',
      'whatHappened=Sam was left out of the class trip.',
      '--field',
      'orders=["Apologise in writing"]',
    );
    expect(letter.code, letter.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});
