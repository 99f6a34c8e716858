/**
 * Documents added before import looked for words under boxes painted over them (covered_text_pages null)
 * are looked at before a bundle is planned from them: once, in the untrusted-file worker.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { lookForCoveredText } from '../../../../../electron/services/documents/coveredText';
import { tempServices } from '../../../../helpers/context';
import { makeRedactedPdf, seedDocument } from '../../../../helpers/seed';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

async function setup() {
  const t = tempServices();
  dispose = t.dispose;
  const caseId = t.services.cases.create({
    title: 'Old case',
    role: 'la',
    appealType: 'refusal-to-assess',
  }).id;
  const older = async (title: string, bytes: Uint8Array) => {
    const doc = await seedDocument(t.ctx, caseId, 'C', bytes, { title });
    t.ctx.db.prepare('UPDATE documents SET covered_text_pages = NULL WHERE id = ?').run(doc.id);
    return doc;
  };
  return { ...t, caseId, older };
}

describe('documents added before import looked for covered words', () => {
  it('are looked at when a bundle is built, with progress, and the plan warns of them', async () => {
    const t = await setup();
    const redacted = await t.older('Redacted report', await makeRedactedPdf('Lives at 12 Acacia Avenue'));
    const events: string[] = [];
    const version = await t.services.bundle.build(
      t.caseId,
      {},
      { onProgress: (e) => events.push(e.message) },
    );
    expect(events[0]).toMatch(/^Looking for words hidden under boxes/);
    expect(t.services.documents.get(redacted.id).coveredTextPages).toEqual([1]);
    const plan = t.services.bundle.versionPlan(t.caseId, version.version);
    expect(plan.findings.filter((f) => f.rule === 'covered-text').map((f) => f.documentIds)).toEqual([
      [redacted.id],
    ]);
  });

  it('passes over a document whose file cannot be read, without trying it again, and plans the rest', async () => {
    const t = await setup();
    const lost = await t.older('Lost file', await makeRedactedPdf('Lives at 12 Acacia Avenue'));
    const fine = await t.older('Fine file', await makeRedactedPdf('Lives at 3 Elm Road'));
    t.ctx.db.prepare('UPDATE documents SET sha256 = ? WHERE id = ?').run('0'.repeat(64), lost.id);
    rmSync(t.ctx.store.pdfPath('0'.repeat(64)), { force: true });
    await lookForCoveredText(t.ctx, t.caseId);
    expect(t.services.documents.get(lost.id).coveredTextPages).toBeNull();
    expect(t.services.documents.get(fine.id).coveredTextPages).toEqual([1]);
    const events: string[] = [];
    await lookForCoveredText(t.ctx, t.caseId, { onProgress: (e) => events.push(e.message) });
    expect(events).toEqual([]);
  });

  it('records nothing in a data folder it can only read', async () => {
    const t = await setup();
    const doc = await t.older('Redacted report', await makeRedactedPdf('Lives at 12 Acacia Avenue'));
    await lookForCoveredText({ ...t.ctx, readOnly: true }, t.caseId);
    expect(t.services.documents.get(doc.id).coveredTextPages).toBeNull();
  });
});
