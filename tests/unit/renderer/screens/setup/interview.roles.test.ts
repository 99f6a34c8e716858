/**
 * The set-up offers each user the kinds of case they can have a part in: a health or social care
 * commissioner only appeals that can be extended (they answer the tribunal's recommendations, which no other
 * case has).
 */
import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, appealTypesFor, questionsFor } from '../../../../../renderer/screens/setup/interview';

describe('the kinds of case offered', () => {
  const appealType = questionsFor(EMPTY_DRAFT, 'parent').find((q) => q.id === 'appeal-type')!;

  it('to a commissioner are the appeals that can be extended, and to others every kind', () => {
    for (const role of ['health-commissioner', 'social-care-commissioner'] as const) {
      expect(appealTypesFor(role)).not.toContain('refusal-to-assess');
      expect(appealTypesFor(role)).not.toContain('disability-discrimination');
      expect(appealTypesFor(role)).toContain('contents-of-plan');
      const shown = renderToStaticMarkup(
        createElement(
          Fragment,
          null,
          appealType.render({
            draft: EMPTY_DRAFT,
            set: () => {},
            role,
            warning: null,
            error: () => undefined,
          }),
        ),
      );
      expect(shown).not.toMatch(/disability discrimination|said no to an EHC needs assessment/);
    }
    for (const role of ['parent', 'la', 'clerk'] as const)
      expect(appealTypesFor(role)).toEqual(
        expect.arrayContaining(['refusal-to-assess', 'disability-discrimination']),
      );
  });

  it('is asked again of a commissioner whose kept answer is one not offered to them', () => {
    const claim = { ...EMPTY_DRAFT, appealType: 'disability-discrimination' as const };
    expect(appealType.check!(claim, 'health-commissioner')).toHaveLength(1);
    expect(appealType.check!(claim, 'parent')).toEqual([]);
    expect(appealType.check!({ ...claim, appealType: 'cease-to-maintain' }, 'health-commissioner')).toEqual(
      [],
    );
  });
});
