import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLog, problemDialog } from '../../../../electron/shell/crash';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('log and problem dialog', () => {
  it('appends timestamped lines with the stack, and starts a new file past 1 MB', () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-bundle-log-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'logs', 'main.log');
    const log = createLog(file, () => new Date('2026-03-01T10:00:00Z'));
    log.info('Starting');
    log.error('Something failed', new Error('disk full'));
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^2026-03-01T10:00:00.000Z INFO Starting\n/);
    expect(text).toMatch(/ERROR Something failed\nError: disk full\n\s+at /);
    writeFileSync(file, 'x'.repeat(1024 * 1024 + 1));
    log.info('after rotation');
    expect(readFileSync(file, 'utf8')).toBe('2026-03-01T10:00:00.000Z INFO after rotation\n');
    expect(existsSync(`${file}.1`)).toBe(true);
  });

  it('never throws, even when the log cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-bundle-log-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'a-file'), '');
    // The log's folder would have to be inside a file: every write fails.
    const log = createLog(join(dir, 'a-file', 'logs', 'main.log'));
    expect(() => log.error('x', new Error('y'))).not.toThrow();
  });

  it('tells the user their data is safe, where it is, and where the log is', () => {
    const where = {
      dataDir: '/home/a/.config/SEND Bundle Builder',
      logFile: '/home/a/.config/SEND Bundle Builder/logs/main.log',
    };
    for (const kind of ['startup', 'main', 'window'] as const) {
      const d = problemDialog(kind, where);
      expect(d.detail, kind).toContain('Your cases and documents are safe');
      expect(d.detail, kind).toContain(where.dataDir);
      expect(d.detail, kind).toContain(where.logFile);
      expect(d.detail, kind).toContain('does not contain your documents');
      expect(d.buttons[d.cancelId], kind).toBeDefined();
    }
    expect(problemDialog('window', where).buttons).toEqual(['Reload', 'Close the app']);
    expect(problemDialog('startup', where, 'This case file was saved by a newer version').message).toBe(
      'This case file was saved by a newer version',
    );
  });
});
