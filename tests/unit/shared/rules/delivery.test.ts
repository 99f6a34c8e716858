/**
 * Sending a bundle by email in parts (#18): the part sizes in the rule pack with their sources, the case's
 * own part size (saved, refused when it is not a size, shown and set from the command line), and the email
 * subject line in the form parties are asked to use.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main';
import { createHandlers } from '../../../../electron/ipc/handlers';
import { createRouter } from '../../../../electron/ipc/router';
import { DEFAULT_PART_SIZE_MB, partEmailSubject } from '../../../../shared/bundle/delivery';
import { DD_PACK, DELIVERY_RULES, SEND_PACK } from '../../../../shared/rules';
import { tempServices } from '../../../helpers/context';

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());

describe('part sizes in the rule pack', () => {
  it('give each mailbox limit with where it was read, and say the tribunal’s own limit was not found', () => {
    expect(SEND_PACK.delivery).toBe(DELIVERY_RULES);
    expect(DD_PACK.delivery).toBe(DELIVERY_RULES);
    expect(DEFAULT_PART_SIZE_MB).toBe(DELIVERY_RULES.defaultPartSizeMb);
    expect(DELIVERY_RULES.mailboxes.length).toBeGreaterThanOrEqual(2);
    for (const m of DELIVERY_RULES.mailboxes) {
      expect(m.sizeMb).toBeGreaterThan(0);
      expect(m.label).toContain(`${m.sizeMb} MB`);
      expect(m.citation, m.id).toMatch(/read 2026-11-30/);
    }
    const hmcts = DELIVERY_RULES.mailboxes.find((m) => m.id === 'hmcts-courts-email')!;
    expect(hmcts.citation).toContain('justice.gov.uk/courts/email-guidance');
    // The default keeps a part under the HMCTS limit for one email with its attachments.
    expect(DELIVERY_RULES.defaultPartSizeMb).toBeLessThan(hmcts.sizeMb);
    expect(DELIVERY_RULES.defaultCitation).toMatch(/not a rule of the tribunal/);
    expect(DELIVERY_RULES.defaultCitation).toMatch(/no published limit for the SEND Tribunal/);
  });
});

describe('the email subject line of a part', () => {
  const cover = {
    rows: [
      { label: 'Child or young person', value: 'Sam Example' },
      { label: 'Tribunal reference', value: 'EH999/25/01234' },
      { label: 'Hearing date', value: '15 June 2026' },
    ],
  };
  it('gives hearing date, reference, child and what is attached, leaving out what is not known', () => {
    expect(partEmailSubject(cover, { part: 2, parts: 3, first: 'C1', last: 'D40' })).toBe(
      'HD 15 June 2026 | EH999/25/01234 | Sam Example | Hearing bundle part 2 of 3 (pages C1–D40)',
    );
    const unknown = {
      rows: [
        { label: 'Child or young person', value: 'Sam Example' },
        { label: 'Tribunal reference', value: 'not yet given' },
        { label: 'Hearing date', value: 'not yet listed' },
      ],
    };
    expect(partEmailSubject(unknown, { part: 1, parts: 1, first: 'i', last: 'i' })).toBe(
      'Sam Example | Hearing bundle part 1 of 1 (page i)',
    );
  });
});

describe("the case's part size", () => {
  it('is kept, cleared, refused when it is not a size, and set and shown from the command line', async () => {
    const t = tempServices();
    dispose = t.dispose;
    const c = t.services.cases.create({ title: 'A', role: 'la', appealType: 'contents-of-plan' });
    expect(c.partSizeMb).toBeNull();
    expect(t.services.cases.update(c.id, { partSizeMb: 10 }).partSizeMb).toBe(10);
    const router = createRouter(createHandlers(t.services), () => {});
    for (const bad of [0, 2.5, -1, 5000, '10'])
      expect(
        await router.call('cases.update', { caseId: c.id, fields: { partSizeMb: bad } }),
        String(bad),
      ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(t.services.cases.get(c.id).partSizeMb).toBe(10);
    expect(t.services.cases.update(c.id, { partSizeMb: null }).partSizeMb).toBeNull();

    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await main(['--data-dir', t.dir, 'case', 'set', String(c.id), '--part-size', '25'], io)).toBe(0);
    expect(t.services.cases.get(c.id).partSizeMb).toBe(25);
    out.length = 0;
    expect(await main(['--data-dir', t.dir, 'case', 'show', String(c.id)], io)).toBe(0);
    expect(out.join('\n')).toMatch(/Email parts\s+up to 25 MB each/);
    expect(await main(['--data-dir', t.dir, 'case', 'set', String(c.id), '--part-size', 'big'], io)).toBe(2);
    expect(err.join('\n')).toContain('--part-size takes a whole number of megabytes, such as 20, not "big".');
    expect(await main(['--data-dir', t.dir, 'case', 'set', String(c.id), '--part-size', 'none'], io)).toBe(0);
    expect(t.services.cases.get(c.id).partSizeMb).toBeNull();
  });
});
