/** Pure rules the screens follow: roles (whose job, which letters, the case's stage), guided letter pages, grouped checker findings, host file names. */
import { describe, expect, it } from 'vitest';
import { hostFilePath, parseHostFilePath } from '../../../shared/api/hostFiles';
import { groupFindings } from '../../../shared/checker/groups';
import type { Deadline, DeadlineList } from '../../../shared/deadlines';
import type { CheckFinding } from '../../../shared/domain/checker';
import type { LetterField, LetterTemplateInfo } from '../../../shared/domain/letters';
import { applicableFacts, fieldApplies, letterPages, missingMessage } from '../../../shared/letters/guide';
import { caseStage, lettersFor, metersFor, nextDeadlineFor, partyKindFor } from '../../../shared/roles';

const deadline = (id: string, who: Deadline['who'], due: string, status: Deadline['status'] = 'upcoming') =>
  ({ id, who, due, status, label: id }) as Deadline;

describe('roles', () => {
  const list = {
    today: '2026-05-01',
    notes: [],
    deadlines: [
      deadline('la-response', 'la', '2026-05-10'),
      deadline('evidence', 'both-parties', '2026-06-01'),
      deadline('reply', 'health-commissioner', '2026-07-01'),
      deadline('done', 'appellant', '2026-04-01', 'done'),
      deadline('bundle', 'la', '2026-04-15', 'overtaken'),
    ],
  } as DeadlineList;

  it('finds the next deadline that is each person’s own job', () => {
    expect(nextDeadlineFor('parent', list)?.id).toBe('evidence');
    expect(nextDeadlineFor('la', list)?.id).toBe('la-response');
    expect(nextDeadlineFor('health-commissioner', list)?.id).toBe('reply');
    expect(nextDeadlineFor('social-care-commissioner', list)).toBeUndefined();
    expect(nextDeadlineFor('clerk', list)?.id).toBe('la-response');
  });

  it('knows the case’s stage', () => {
    const c = { registeredDate: null, tribunalRef: null, hearingDate: null };
    expect(caseStage(c, '2026-05-01')).toBe('before-registration');
    expect(caseStage({ ...c, tribunalRef: 'EH1' }, '2026-05-01')).toBe('after-registration');
    expect(caseStage({ ...c, hearingDate: '2026-04-01' }, '2026-05-01')).toBe('after-decision');
    expect(caseStage(c, '2026-05-01', { recommendations: 1 })).toBe('after-decision');
  });

  it('offers each role only its own letters, the ones for the stage first', () => {
    const t = (id: string, writer: LetterTemplateInfo['writer']) => ({ id, writer }) as LetterTemplateInfo;
    const all = [
      t('health-commissioner-response', 'health-commissioner'),
      t('late-evidence-request', 'parent'),
      t('reasons-for-appeal', 'parent'),
      t('la-response', 'la'),
      t('extension-request', 'parent'),
      t('dd-claim-response', 'la'),
    ];
    expect(lettersFor('parent', 'before-registration', all).map((x) => x.id)).toEqual([
      'reasons-for-appeal',
      'late-evidence-request',
      'extension-request',
    ]);
    expect(lettersFor('la', 'after-registration', all).map((x) => x.id)).toEqual([
      'late-evidence-request',
      'la-response',
      'dd-claim-response',
      'extension-request',
    ]);
    expect(lettersFor('health-commissioner', 'after-decision', all).map((x) => x.id)).toEqual([
      'health-commissioner-response',
    ]);
    expect(lettersFor('clerk', 'after-registration', all)).toEqual([]);
    expect(partyKindFor('parent')).toBe('appellant');
    expect(partyKindFor('clerk')).toBeNull();
  });

  it('shows each role the page limits of its own evidence', () => {
    const meters = [{ party: 'appellant' }, { party: 'la' }, { party: 'health' }, { party: null }] as const;
    expect(metersFor('parent', [...meters])).toEqual([{ party: 'appellant' }]);
    expect(metersFor('health-commissioner', [...meters])).toEqual([{ party: 'health' }]);
    expect(metersFor('la', [...meters])).toHaveLength(4);
  });
});

describe('letters as guided pages', () => {
  const f = (name: string, extra: Partial<LetterField> = {}): LetterField => ({
    name,
    label: name,
    question: `${name}?`,
    type: 'text',
    required: true,
    ...extra,
  });

  it('asks a question only when it applies, and does not use answers to questions that do not', () => {
    const reasons = f('reasons', { when: { field: 'decision', in: ['will-not-follow'] } });
    expect(fieldApplies(reasons, { decision: 'will-follow' })).toBe(false);
    expect(fieldApplies(reasons, { decision: 'will-not-follow' })).toBe(true);
    const defs = [f('decision'), reasons];
    expect(applicableFacts(defs, { decision: 'will-follow', reasons: 'typed earlier' })).toEqual({
      decision: 'will-follow',
    });
  });

  it('makes short pages, a table of items on a page of its own', () => {
    const pages = letterPages({
      fields: [
        f('a'),
        f('b'),
        f('c'),
        f('d'),
        f('e'),
        f('items', { type: 'records', itemFields: [] }),
        f('g'),
      ],
    });
    expect(pages.map((p) => p.fields.map((x) => x.name))).toEqual([
      ['a', 'b', 'c', 'd'],
      ['e'],
      ['items'],
      ['g'],
    ]);
    expect(pages.map((p) => p.id)).toEqual(['page-1', 'page-2', 'page-3', 'page-4']);
    expect(missingMessage({ type: 'choice', label: 'Your decision' })).toBe('Choose your decision');
    expect(missingMessage({ type: 'text', label: 'Named officer' })).toBe('Enter the named officer');
    expect(missingMessage({ type: 'text', label: 'Your address' })).toBe('Enter your address');
  });
});

describe('checker findings by kind', () => {
  it('groups findings by kind, most serious and most frequent first, with every page', () => {
    const finding = (code: CheckFinding['code'], severity: CheckFinding['severity'], pages: number[]) =>
      ({ code, severity, pages, message: code }) as CheckFinding;
    const groups = groupFindings([
      finding('blank-page', 'note', [4]),
      finding('page-number-missing', 'error', [3]),
      finding('index-link-broken', 'error', [2]),
      finding('page-number-missing', 'error', [7, 8]),
    ]);
    expect(groups.map((g) => [g.code, g.findings.length, g.pages])).toEqual([
      ['page-number-missing', 2, [3, 7, 8]],
      ['index-link-broken', 1, [2]],
      ['blank-page', 1, [4]],
    ]);
  });
});

describe('host files for reports and case exports', () => {
  it('round-trips a report and an export by file name, and refuses names that are paths', () => {
    for (const file of [
      { kind: 'report', name: 'Bundle – Zoë-check-20261130-120000', format: 'json' },
      { kind: 'export', fileName: 'Zoë – refusal to assess - case export 2026-11-30.zip' },
    ] as const) {
      const path = hostFilePath(file);
      expect(path).toMatch(/^[a-z]+\/[0-9a-f]+(\/[a-z]+)?$/);
      expect(parseHostFilePath(path)).toEqual(file);
    }
    const hex = (s: string) => Buffer.from(s).toString('hex');
    for (const bad of [
      `report/${hex('../cases.sqlite')}/pdf`,
      `report/${hex('a/b')}/pdf`,
      `report/${hex('.hidden')}/json`,
      `report/${hex('ok')}/exe`,
      `export/${hex('case.pdf')}`,
      `export/${hex('..\\evil.zip')}`,
      'export/zz',
    ]) {
      expect(parseHostFilePath(bad), bad).toBeNull();
    }
  });
});
