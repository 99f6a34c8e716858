/**
 * Remembers where the window was and how big, and puts it back only where the user can see it
 * (a monitor that has been unplugged must not leave the window off-screen).
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../store/atomicFile';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
const MIN = { width: 800, height: 600 };
/** How much of the window (its top strip, where the title bar is) must be on a screen to keep the position. */
const VISIBLE = { width: 120, height: 40 };

const isInt = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 100_000;

function overlap(a: Area, b: Area): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** A saved state made safe for the screens there are now. `workAreas` are the displays' work areas. */
export function restoreWindowState(saved: unknown, workAreas: Area[]): WindowState {
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Record<string, unknown>;
  const largest = workAreas.reduce<Area | null>(
    (best, a) => (!best || a.width * a.height > best.width * best.height ? a : best),
    null,
  );
  const maxWidth = Math.max(MIN.width, largest?.width ?? DEFAULT_WINDOW_STATE.width);
  const maxHeight = Math.max(MIN.height, largest?.height ?? DEFAULT_WINDOW_STATE.height);
  const width = isInt(s.width)
    ? Math.round(Math.min(Math.max(s.width, MIN.width), maxWidth))
    : Math.min(DEFAULT_WINDOW_STATE.width, maxWidth);
  const height = isInt(s.height)
    ? Math.round(Math.min(Math.max(s.height, MIN.height), maxHeight))
    : Math.min(DEFAULT_WINDOW_STATE.height, maxHeight);
  const state: WindowState = { width, height, maximized: s.maximized === true };
  if (isInt(s.x) && isInt(s.y)) {
    const titleBar = { x: Math.round(s.x), y: Math.round(s.y), width, height: VISIBLE.height };
    const onScreen = workAreas.some((area) => {
      const o = overlap(titleBar, area);
      return o.width >= VISIBLE.width && o.height >= VISIBLE.height;
    });
    if (onScreen) {
      state.x = titleBar.x;
      state.y = titleBar.y;
    }
  }
  return state;
}

/** What to save: the normal (not maximised) bounds, so un-maximising returns to the user's size. */
export function captureWindowState(normalBounds: Area, maximized: boolean): WindowState {
  return {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.round(normalBounds.width),
    height: Math.round(normalBounds.height),
    maximized,
  };
}

export function readWindowState(file: string, workAreas: Area[]): WindowState {
  let saved: unknown = null;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // First run, or a damaged file: start with the default size.
  }
  return restoreWindowState(saved, workAreas);
}

export function writeWindowState(file: string, state: WindowState): void {
  writeFileAtomic(file, new TextEncoder().encode(JSON.stringify(state)));
}
