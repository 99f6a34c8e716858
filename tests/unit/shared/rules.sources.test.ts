/**
 * The rule packs say where each rule comes from: a primary text with the part read and the date it was
 * read, or plainly that the text was not available (#13).
 */
import { describe, expect, it } from 'vitest';
import { DEADLINE_RULES_REVIEWED, PRIMARY_TEXTS, SOURCES } from '../../../shared/deadlines';
import { DD_PACK, SEND_PACK } from '../../../shared/rules';

describe('primary texts behind the rules', () => {
  it('each has its section and the date it was read, or says it was not available and what was used instead', () => {
    expect(DEADLINE_RULES_REVIEWED).toBe('2026-11-30');
    for (const text of PRIMARY_TEXTS) {
      expect(text.section.length, text.title).toBeGreaterThan(5);
      if (text.read === null) {
        expect(text.where).toBe('not available here');
        expect(text.note, text.title).toMatch(/^From /);
      } else {
        expect(text.read).toBe('2026-11-30');
        expect(text.where, text.title).toMatch(/legislation\.gov\.uk|mentalhealthlaw|hmctsformfinder/);
      }
    }
    const titles = PRIMARY_TEXTS.map((t) => `${t.title} ${t.section}`).join('\n');
    for (const needed of [
      /r\.12/,
      /r\.20/,
      /r\.21/,
      /Schedule 17, para 4/,
      /reg 44/,
      /reg 45/,
      /2017\/1306/,
      /Practice Direction/,
    ]) {
      expect(titles).toMatch(needed);
    }
  });

  it('the deadline sources name the rule and part, and the packs say the Practice Direction was read only in summaries', () => {
    for (const [name, source] of Object.entries(SOURCES)) expect(source.length, name).toBeGreaterThan(20);
    expect(SOURCES.claimRegistration).toMatch(/Schedule 17, para 4/);
    expect(SOURCES.commissionerResponse).toMatch(/could not be read/);
    for (const pack of [SEND_PACK, DD_PACK]) {
      expect(pack.lastReviewed).toBe('2026-11-30');
      expect(pack.source.notes).toMatch(/Practice Direction itself could not be read here/);
    }
  });
});
