import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  captureWindowState,
  DEFAULT_WINDOW_STATE,
  readWindowState,
  restoreWindowState,
  writeWindowState,
} from '../../../../electron/shell/windowState';

const laptop = [{ x: 0, y: 0, width: 1366, height: 728 }];
const twoScreens = [...laptop, { x: 1366, y: 0, width: 1920, height: 1040 }];

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('window state', () => {
  it('starts at the default size, fitted to a small screen', () => {
    expect(restoreWindowState(null, [{ x: 0, y: 0, width: 3000, height: 2000 }])).toEqual(
      DEFAULT_WINDOW_STATE,
    );
    expect(restoreWindowState(undefined, laptop)).toEqual({ width: 1280, height: 728, maximized: false });
  });

  it('keeps a position that is on a screen, and drops one left on an unplugged monitor', () => {
    const saved = { x: 1500, y: 100, width: 1200, height: 800, maximized: true };
    expect(restoreWindowState(saved, twoScreens)).toEqual(saved);
    expect(restoreWindowState(saved, laptop)).toEqual({ width: 1200, height: 728, maximized: true });
    // Only a sliver of the title bar visible: not enough to grab it.
    expect(restoreWindowState({ x: 1300, y: 0, width: 900, height: 700 }, laptop)).not.toHaveProperty('x');
    expect(restoreWindowState({ x: 100, y: -500, width: 900, height: 700 }, laptop)).not.toHaveProperty('y');
  });

  it('ignores nonsense and clamps sizes', () => {
    expect(restoreWindowState({ width: 'big', height: NaN, x: Infinity, y: 3 }, laptop)).toEqual({
      width: 1280,
      height: 728,
      maximized: false,
    });
    expect(restoreWindowState({ width: 100, height: 100 }, twoScreens)).toMatchObject({
      width: 800,
      height: 600,
    });
    expect(restoreWindowState({ width: 99999, height: 5000 }, twoScreens)).toMatchObject({
      width: 1920,
      height: 1040,
    });
  });

  it('saves the normal bounds and reads them back; a damaged file gives the default', () => {
    dir = mkdtempSync(join(tmpdir(), 'window-state-'));
    const file = join(dir, 'window-state.json');
    writeWindowState(file, captureWindowState({ x: 10.4, y: 20.6, width: 1000, height: 700 }, true));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      x: 10,
      y: 21,
      width: 1000,
      height: 700,
      maximized: true,
    });
    expect(readWindowState(file, laptop)).toEqual({
      x: 10,
      y: 21,
      width: 1000,
      height: 700,
      maximized: true,
    });
    writeFileSync(file, '{not json');
    expect(readWindowState(file, laptop)).toEqual({ width: 1280, height: 728, maximized: false });
  });
});
