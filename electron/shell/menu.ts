/**
 * The application menu, built as a plain template so a test can check it without Electron. Menu items
 * that lead to a screen switch the renderer's route (the preload sets `location.hash`); the rest call
 * back into main.ts (native dialogs, the system browser, the file manager).
 */
import type { MenuItemConstructorOptions } from 'electron';
import { HELP_LINKS } from './navigation';

export interface MenuActions {
  /** Switch the window to a screen, by its hash route (`#/new`, `#/case/3/evidence`). */
  navigate(route: string): void;
  exportCase(caseId: number): void;
  importCase(): void;
  openGuide(): void;
  openHelp(url: string): void;
  showDataFolder(): void;
  showLog(): void;
}

interface MenuState {
  platform: NodeJS.Platform;
  appName: string;
  /** The case open in the window, if any: case items act on it. */
  currentCaseId: number | null;
  recentCases: { id: number; title: string }[];
  /** Developer tools and reload, only when not packaged. */
  developer: boolean;
}

/** Menu labels use `&` for Windows/Linux access keys; a title must not create one by accident. */
function escapeLabel(text: string): string {
  return text.replace(/&/g, '&&');
}

export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const caseId = state.currentCaseId;
  const recent: MenuItemConstructorOptions[] =
    state.recentCases.length > 0
      ? state.recentCases.slice(0, 8).map((c) => ({
          label: escapeLabel(c.title.length > 60 ? `${c.title.slice(0, 57)}…` : c.title),
          click: () => actions.navigate(`#/case/${c.id}`),
        }))
      : [{ label: 'No cases yet', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: mac ? 'File' : '&File',
    submenu: [
      { label: 'New Case…', accelerator: 'CmdOrCtrl+N', click: () => actions.navigate('#/new') },
      { label: 'Open Case…', accelerator: 'CmdOrCtrl+O', click: () => actions.navigate('#/') },
      { label: 'Recent Cases', submenu: recent },
      { type: 'separator' },
      {
        label: 'Import Evidence…',
        accelerator: 'CmdOrCtrl+I',
        enabled: caseId !== null,
        click: () => caseId !== null && actions.navigate(`#/case/${caseId}/evidence`),
      },
      {
        label: 'Build Bundle…',
        accelerator: 'CmdOrCtrl+B',
        enabled: caseId !== null,
        click: () => caseId !== null && actions.navigate(`#/case/${caseId}/bundle`),
      },
      { label: 'Check a Bundle…', click: () => actions.navigate('#/check') },
      { type: 'separator' },
      {
        label: 'Export Case…',
        accelerator: 'CmdOrCtrl+E',
        enabled: caseId !== null,
        click: () => caseId !== null && actions.exportCase(caseId),
      },
      { label: 'Import Case…', click: () => actions.importCase() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: mac ? 'View' : '&View',
    submenu: [
      ...(state.developer
        ? ([
            { role: 'reload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom', label: 'Actual Size' },
      { role: 'zoomIn', label: 'Make Text Bigger' },
      { role: 'zoomOut', label: 'Make Text Smaller' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    role: 'windowMenu',
    ...(mac ? {} : { label: '&Window' }),
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: mac ? 'Help' : '&Help',
    submenu: [
      {
        label: `${escapeLabel(state.appName)} Guide`,
        accelerator: mac ? undefined : 'F1',
        click: () => actions.openGuide(),
      },
      { type: 'separator' },
      {
        label: 'SEND Tribunal Guidance on GOV.UK',
        click: () => actions.openHelp(HELP_LINKS.tribunalGuidance),
      },
      { label: 'How to Appeal (GOV.UK)', click: () => actions.openHelp(HELP_LINKS.appealGuide) },
      { label: 'Free Legal Advice from IPSEA', click: () => actions.openHelp(HELP_LINKS.ipsea) },
      { type: 'separator' },
      { label: 'Show Where My Cases Are Kept', click: () => actions.showDataFolder() },
      { label: 'Show the Log File', click: () => actions.showLog() },
      ...(mac ? [] : ([{ type: 'separator' }, { role: 'about' }] as MenuItemConstructorOptions[])),
    ],
  };

  const appMenu: MenuItemConstructorOptions = {
    label: state.appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  return [...(mac ? [appMenu] : []), file, edit, view, windowMenu, help];
}
