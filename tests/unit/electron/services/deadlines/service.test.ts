import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../../electron/ipc/handlers';
import { createRouter } from '../../../../../electron/ipc/router';
import { ApiError } from '../../../../../shared/api/errors';
import { tempServices } from '../../../../helpers/context';
import { runCli } from '../../../../helpers/cli';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function setup() {
  const t = tempServices({ clock: () => new Date('2026-03-16T09:00:00Z') });
  cleanup.push(t.dispose);
  const c = t.services.cases.create({
    title: 'Appeal',
    role: 'parent',
    appealType: 'contents-of-plan',
    decisionDate: '2026-01-12',
    mediationCertificateDate: '2026-02-02',
    registeredDate: '2026-03-16',
  });
  return { ...t, caseId: c.id };
}

describe('deadlines service over the case store', () => {
  it('lists deadlines from the case dates, with today from the clock', () => {
    const { services, caseId } = setup();
    const list = services.deadlines.list(caseId);
    expect(list.today).toBe('2026-03-16');
    expect(list.deadlines.find((d) => d.kind === 'appeal-registration')).toMatchObject({
      due: '2026-03-12',
      status: 'done',
      doneDate: '2026-03-16',
    });
    expect(list.deadlines.find((d) => d.kind === 'la-response')).toMatchObject({ basis: 'estimate' });
  });

  it("enters the tribunal's dates, which replace the estimates, and clears them again", () => {
    const { services, caseId } = setup();
    const estimate = services.deadlines.list(caseId).deadlines.find((d) => d.kind === 'la-response')!.due;
    let list = services.deadlines.setDate(caseId, 'la-response', '2026-04-30');
    expect(list.deadlines.find((d) => d.kind === 'la-response')).toMatchObject({
      due: '2026-04-30',
      basis: 'tribunal',
    });
    list = services.deadlines.setDate(caseId, 'evidence', '2026-05-20');
    expect(list.deadlines.find((d) => d.kind === 'evidence')?.due).toBe('2026-05-20');
    // The hearing date is the case's own.
    services.deadlines.setDate(caseId, 'hearing', '2026-06-24');
    expect(services.cases.get(caseId).hearingDate).toBe('2026-06-24');
    list = services.deadlines.setDate(caseId, 'la-response', null);
    expect(list.deadlines.find((d) => d.kind === 'la-response')).toMatchObject({
      due: estimate,
      basis: 'estimate',
    });
    expect(() => services.deadlines.setDate(caseId, 'tea-break', '2026-04-01')).toThrow(
      /not a date the tribunal sets/,
    );
  });

  it('marks steps done and undone, keeping a tribunal date', () => {
    const { services, caseId } = setup();
    services.deadlines.setDate(caseId, 'evidence', '2026-05-20');
    let list = services.deadlines.markDone(caseId, 'evidence', '2026-05-18');
    expect(list.deadlines.find((d) => d.kind === 'evidence')).toMatchObject({
      status: 'done',
      doneDate: '2026-05-18',
    });
    list = services.deadlines.markDone(caseId, 'evidence', null);
    expect(list.deadlines.find((d) => d.kind === 'evidence')).toMatchObject({
      status: 'upcoming',
      due: '2026-05-20',
    });
    expect(() => services.deadlines.markDone(caseId, 'no-such-step', '2026-05-18')).toThrow(ApiError);
  });

  it("uses the recommendation's own dates for the commissioner's response", () => {
    const { services, caseId } = setup();
    const rec = services.recommendations.save(caseId, undefined, {
      area: 'health',
      text: 'Therapy',
      madeDate: '2026-03-10',
    });
    const id = `commissioner-response:${rec.id}`;
    expect(services.deadlines.list(caseId).deadlines.find((d) => d.id === id)?.due).toBe('2026-04-14');
    services.deadlines.setDate(caseId, id, '2026-04-30');
    expect(services.recommendations.list(caseId)[0].tribunalDueDate).toBe('2026-04-30');
    const list = services.deadlines.markDone(caseId, id, '2026-04-20');
    expect(list.deadlines.find((d) => d.id === id)).toMatchObject({ due: '2026-04-30', status: 'done' });
    expect(services.recommendations.list(caseId)[0].respondedDate).toBe('2026-04-20');
  });

  it("records orders and shows the LA's compliance dates", () => {
    const { services, caseId } = setup();
    const order = services.deadlines.saveOrder(caseId, undefined, {
      kind: 'make-plan',
      orderDate: '2026-07-01',
    });
    const ids = services.deadlines
      .list(caseId)
      .deadlines.filter((d) => d.orderId === order.id)
      .map((d) => [d.id, d.due]);
    expect(ids).toEqual([
      [`la-compliance:${order.id}:draft-plan`, '2026-08-05'],
      [`la-compliance:${order.id}:final-plan`, '2026-09-16'],
    ]);
    services.deadlines.markDone(caseId, `la-compliance:${order.id}:draft-plan`, '2026-08-01');
    expect(() =>
      services.deadlines.saveOrder(caseId, undefined, { kind: 'be-nice', orderDate: '2026-07-01' }),
    ).toThrow(/not a kind of order/);
    services.deadlines.removeOrder(caseId, order.id);
    expect(services.deadlines.list(caseId).deadlines.some((d) => d.kind === 'la-compliance')).toBe(false);
  });

  it('answers through the API router, validating dates', async () => {
    const { services, caseId } = setup();
    const router = createRouter(createHandlers(services), () => {});
    const ok = await router.call('deadlines.list', { caseId, today: '2026-03-20' });
    expect(ok).toMatchObject({ ok: true, value: { today: '2026-03-20' } });
    const bad = await router.call('caseDates.set', { caseId, kind: 'evidence', dueDate: '2026-02-30' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const missing = await router.call('deadlines.list', { caseId: 999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('send-bundle deadlines and recommendation (CLI)', () => {
  it('prints an array of deadlines as JSON, each with kind, due, rule and source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-bundle-cli-deadlines-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const cli = (...args: string[]) => runCli(['--data-dir', dir, ...args]);
    const created = await cli(
      'case',
      'new',
      '--title',
      'Zoë',
      '--role',
      'parent',
      '--appeal-type',
      'contents-of-plan',
      '--decision-date',
      '2026-06-15',
      '--registered-date',
      '2026-09-01',
    );
    expect(created.code, created.stderr).toBe(0);
    const id = created.stdout.trim();
    const rec = await cli(
      'recommendation',
      'add',
      id,
      '--area',
      'health',
      '--text',
      'Therapy',
      '--made',
      '2026-11-02',
    );
    expect(rec.code, rec.stderr).toBe(0);
    const set = await cli('deadlines', 'set', id, 'evidence', '2026-10-20');
    expect(set.code, set.stderr).toBe(0);

    const result = await cli('deadlines', id, '--json', '--today', '2026-11-23');
    expect(result.code, result.stderr).toBe(0);
    const list = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(Array.isArray(list)).toBe(true);
    for (const d of list) {
      expect(d).toEqual(
        expect.objectContaining({
          kind: expect.any(String),
          due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          rule: expect.any(String),
          source: expect.any(String),
          status: expect.stringMatching(/^(done|due-soon|overdue|upcoming)$/),
          workingDaysLeft: expect.any(Number),
          label: expect.any(String),
        }),
      );
    }
    const kinds = list.map((d) => d.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['appeal-registration', 'la-response', 'commissioner-response', 'evidence']),
    );
    // 15 June + 2 months = 15 August, in August → first working day after 31 August (a bank holiday).
    expect(list.find((d) => d.kind === 'appeal-registration')).toMatchObject({
      due: '2026-09-01',
      status: 'done',
    });
    expect(list.find((d) => d.kind === 'commissioner-response')).toMatchObject({
      due: '2026-12-07',
      status: 'upcoming',
      workingDaysLeft: 10,
    });

    const text = await cli('deadlines', id, '--today', '2026-11-23');
    expect(text.stdout).toMatch(/Monday 7 December 2026 {2}\[upcoming, 10 working days left\]/);
    expect(text.stdout).toMatch(/Tuesday 1 September 2026 by 5pm {2}\[done on \d+ \w+ 2026\]/);
    expect(text.stdout).toMatch(/Source: .*Recommendations Power/);

    const bad = await cli('deadlines', 'set', id, 'evidence', '20/10/2026');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/YYYY-MM-DD/);
  });
});
