/**
 * Which appeals can be extended (shared/rules/extendedAppeals.ts): one rule for the set-up screens and
 * the API contract, so a script cannot make a case the screens would never offer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../electron/ipc/handlers';
import { createRouter } from '../../../../electron/ipc/router';
import { APPEAL_TYPES } from '../../../../shared/domain/case';
import { extendedAllowed } from '../../../../shared/rules';
import { tempServices } from '../../../helpers/context';

let dispose = () => {};
afterEach(() => dispose());

function router() {
  const t = tempServices();
  dispose = t.dispose;
  return { router: createRouter(createHandlers(t.services), () => {}), services: t.services };
}

describe('extended appeals', () => {
  it('are possible in every appeal about a plan, not after a refusal to assess nor in a disability claim', () => {
    expect(APPEAL_TYPES.filter((type) => !extendedAllowed(type))).toEqual([
      'refusal-to-assess',
      'disability-discrimination',
    ]);
    expect(extendedAllowed(null)).toBe(false);
  });

  it('are refused by the contract where the appeal type does not allow them, saying why', async () => {
    const { router: api, services } = router();
    const base = { title: 'T', role: 'parent' } as const;
    for (const [appealType, extra, field] of [
      ['refusal-to-assess', { extended: true }, 'extended'],
      ['refusal-to-assess', { extendedHealth: true }, 'extendedHealth'],
      ['disability-discrimination', { extendedSocialCare: true }, 'extendedSocialCare'],
    ] as const) {
      const result = await api.call('cases.create', { ...base, appealType, ...extra });
      expect(result, appealType).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', details: [expect.objectContaining({ path: [field] })] },
      });
      expect((result as { error: { message: string } }).error.message).toMatch(
        /health and social care recommendations/,
      );
    }
    expect(services.cases.list()).toEqual([]);

    const allowed = await api.call('cases.create', {
      ...base,
      appealType: 'contents-of-plan',
      extended: true,
    });
    expect(allowed).toMatchObject({ ok: true, value: { extended: true } });
    const plain = await api.call('cases.create', {
      ...base,
      appealType: 'refusal-to-assess',
      extended: false,
    });
    expect(plain).toMatchObject({ ok: true, value: { extended: false } });

    const caseId = (allowed as { value: { id: number } }).value.id;
    expect(
      await api.call('cases.update', {
        caseId,
        fields: { appealType: 'refusal-to-assess', extended: true },
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(services.cases.get(caseId).appealType).toBe('contents-of-plan');
  });
});
