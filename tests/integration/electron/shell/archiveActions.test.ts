/** File ▸ Export Case… / Import Case…: the conversation with the user, with fake native dialogs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  exportCaseWithDialogs,
  importCaseWithDialogs,
  type ArchiveDialogs,
} from '../../../../electron/shell/archiveActions';
import { tempServices } from '../../../helpers/context';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function scripted(answers: { save?: string | null; open?: string | null; ask?: number[] }) {
  const seen: { kind: string; text: string; buttons?: string[] }[] = [];
  const asks = [...(answers.ask ?? [])];
  const dialogs: ArchiveDialogs = {
    chooseSavePath: async (name) => {
      seen.push({ kind: 'save', text: name });
      return answers.save ?? null;
    },
    chooseOpenPath: async () => answers.open ?? null,
    ask: async (q) => {
      seen.push({ kind: 'ask', text: `${q.message} ${q.detail}`, buttons: q.buttons });
      return asks.shift() ?? q.cancelId;
    },
    inform: async (message, detail) => void seen.push({ kind: 'inform', text: `${message} ${detail}` }),
    fail: async (message) => void seen.push({ kind: 'fail', text: message }),
  };
  return { dialogs, seen };
}

function setup() {
  const t = tempServices();
  cleanups.push(t.dispose);
  const dir = mkdtempSync(join(tmpdir(), 'send-bundle-dialogs-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const c = t.services.cases.create({
    title: 'Appeal for Sam',
    role: 'parent',
    appealType: 'refusal-to-assess',
  });
  return { t, dir, caseId: c.id, file: join(dir, 'sam.zip') };
}

describe('export and import with native dialogs', () => {
  it('suggests a file name, saves, and tells the user where and what it holds', async () => {
    const { t, caseId, file } = setup();
    const { dialogs, seen } = scripted({ save: file });
    const result = await exportCaseWithDialogs(t.services, caseId, dialogs);
    expect(result?.path).toBe(file);
    expect(seen[0]).toEqual({ kind: 'save', text: 'Appeal for Sam - case export 2026-03-01.zip' });
    expect(seen[1].kind).toBe('inform');
    expect(seen[1].text).toContain(file);
    expect(seen[1].text).toContain('anyone with this file can read the case');
  });

  it('does nothing when the user cancels', async () => {
    const { t, caseId } = setup();
    const { dialogs, seen } = scripted({ save: null, open: null });
    expect(await exportCaseWithDialogs(t.services, caseId, dialogs)).toBeNull();
    expect(await importCaseWithDialogs(t.services, dialogs)).toBeNull();
    expect(seen.map((s) => s.kind)).toEqual(['save']);
  });

  it('asks before importing a case that is already here: copy, replace (confirmed twice), or cancel', async () => {
    const { t, caseId, file } = setup();
    await t.services.archive.exportTo(caseId, file);

    const cancel = scripted({ open: file, ask: [2] });
    expect(await importCaseWithDialogs(t.services, cancel.dialogs)).toBeNull();
    expect(cancel.seen[0].buttons).toEqual([
      'Add as a Separate Copy',
      'Replace the Case in the App',
      'Cancel',
    ]);
    expect(t.services.cases.list()).toHaveLength(1);

    const replaceThenBackOut = scripted({ open: file, ask: [1, 1] });
    expect(await importCaseWithDialogs(t.services, replaceThenBackOut.dialogs)).toBeNull();
    expect(replaceThenBackOut.seen[1].text).toContain('cannot be undone');
    expect(t.services.cases.list().map((c) => c.id)).toEqual([caseId]);

    const copy = scripted({ open: file, ask: [0] });
    const copied = await importCaseWithDialogs(t.services, copy.dialogs);
    expect(copied?.case.title).toBe('Appeal for Sam (imported copy)');
    expect(t.services.cases.list()).toHaveLength(2);

    const replace = scripted({ open: file, ask: [1, 0] });
    const replaced = await importCaseWithDialogs(t.services, replace.dialogs);
    expect(replaced?.replacedCaseId).toBe(caseId);
    expect(
      t.services.cases
        .list()
        .map((c) => c.title)
        .sort(),
    ).toEqual(['Appeal for Sam', 'Appeal for Sam (imported copy)']);
  });

  it('shows the plain-English reason when a file cannot be imported', async () => {
    const { t, dir } = setup();
    const { dialogs, seen } = scripted({ open: join(dir, 'missing.zip') });
    expect(await importCaseWithDialogs(t.services, dialogs)).toBeNull();
    expect(seen).toEqual([
      { kind: 'fail', text: 'Could not find "missing.zip". Check where it was saved and try again.' },
    ]);
  });
});
