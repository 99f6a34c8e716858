import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../../../electron/shell/menu';
import { HELP_LINKS, isTrustedHelpUrl, MENU_ROUTE } from '../../../../electron/shell/navigation';

function actions() {
  return {
    navigate: vi.fn<(route: string) => void>(),
    exportCase: vi.fn<(caseId: number) => void>(),
    importCase: vi.fn<() => void>(),
    openGuide: vi.fn<() => void>(),
    openHelp: vi.fn<(url: string) => void>(),
    showDataFolder: vi.fn<() => void>(),
    showLog: vi.fn<() => void>(),
  } satisfies MenuActions;
}

const items = (menu: MenuItemConstructorOptions) => menu.submenu as MenuItemConstructorOptions[];
const find = (menu: MenuItemConstructorOptions, label: string) => items(menu).find((i) => i.label === label)!;
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();
const top = (template: MenuItemConstructorOptions[], label: string) =>
  template.find((m) => String(m.label).replace('&', '') === label)!;

const base = { appName: 'SEND Bundle Builder', developer: false };

describe('application menu', () => {
  it('has the File items a user expects, acting on the open case', () => {
    const a = actions();
    const template = buildMenuTemplate(
      {
        ...base,
        platform: 'win32',
        currentCaseId: 4,
        recentCases: [
          { id: 4, title: 'Sam & Alex' },
          { id: 2, title: 'Older' },
        ],
      },
      a,
    );
    expect(template.map((m) => String(m.label ?? m.role).replace('&', ''))).toEqual([
      'File',
      'Edit',
      'View',
      'Window',
      'Help',
    ]);
    const file = top(template, 'File');
    const labels = items(file)
      .filter((i) => i.label)
      .map((i) => i.label);
    expect(labels).toEqual([
      'New Case…',
      'Open Case…',
      'Recent Cases',
      'Import Evidence…',
      'Build Bundle…',
      'Check a Bundle…',
      'Export Case…',
      'Import Case…',
      'E&xit',
    ]);
    click(find(file, 'New Case…'));
    click(find(file, 'Import Evidence…'));
    click(find(file, 'Build Bundle…'));
    click(find(file, 'Check a Bundle…'));
    expect(a.navigate.mock.calls.map((c) => c[0])).toEqual([
      '#/new',
      '#/case/4/evidence',
      '#/case/4/bundle',
      '#/check',
    ]);
    for (const [route] of a.navigate.mock.calls) expect(MENU_ROUTE.test(route)).toBe(true);
    click(find(file, 'Export Case…'));
    expect(a.exportCase).toHaveBeenCalledWith(4);
    click(find(file, 'Import Case…'));
    expect(a.importCase).toHaveBeenCalled();
    const recent = items(find(file, 'Recent Cases'));
    // "&" in a title must not become an access key.
    expect(recent.map((r) => r.label)).toEqual(['Sam && Alex', 'Older']);
    click(recent[1]);
    expect(a.navigate).toHaveBeenLastCalledWith('#/case/2');
    expect(find(file, 'New Case…').accelerator).toBe('CmdOrCtrl+N');
  });

  it('disables case items when no case is open', () => {
    const a = actions();
    const file = top(
      buildMenuTemplate({ ...base, platform: 'linux', currentCaseId: null, recentCases: [] }, a),
      'File',
    );
    for (const label of ['Import Evidence…', 'Build Bundle…', 'Export Case…'])
      expect(find(file, label).enabled, label).toBe(false);
    expect(find(file, 'Import Case…').enabled).toBeUndefined();
    expect(items(find(file, 'Recent Cases'))).toEqual([{ label: 'No cases yet', enabled: false }]);
  });

  it('follows macOS conventions: app menu first, Close not Quit in File, About in the app menu', () => {
    const template = buildMenuTemplate(
      { ...base, platform: 'darwin', currentCaseId: null, recentCases: [] },
      actions(),
    );
    expect(template[0].label).toBe('SEND Bundle Builder');
    expect(
      items(template[0])
        .map((i) => i.role)
        .filter(Boolean),
    ).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(items(top(template, 'File')).at(-1)).toEqual({ role: 'close' });
    expect(items(top(template, 'Help')).some((i) => i.role === 'about')).toBe(false);
    expect(items(top(template, 'Edit')).some((i) => i.role === 'pasteAndMatchStyle')).toBe(true);
  });

  it('has Help with the guide and trusted help pages only, and hides developer tools when packaged', () => {
    const a = actions();
    const template = buildMenuTemplate(
      { ...base, platform: 'linux', currentCaseId: null, recentCases: [] },
      a,
    );
    const help = top(template, 'Help');
    click(find(help, 'SEND Bundle Builder Guide'));
    expect(a.openGuide).toHaveBeenCalled();
    for (const item of items(help)) if (item.click && item.label?.includes('GOV.UK')) click(item);
    click(find(help, 'Free Legal Advice from IPSEA'));
    expect(a.openHelp.mock.calls.map((c) => c[0])).toEqual([
      HELP_LINKS.tribunalGuidance,
      HELP_LINKS.appealGuide,
      HELP_LINKS.ipsea,
    ]);
    for (const [url] of a.openHelp.mock.calls) expect(isTrustedHelpUrl(url)).toBe(true);
    click(find(help, 'Show Where My Cases Are Kept'));
    click(find(help, 'Show the Log File'));
    expect(a.showDataFolder).toHaveBeenCalled();
    expect(a.showLog).toHaveBeenCalled();
    const view = items(top(template, 'View')).map((i) => i.role);
    expect(view).not.toContain('toggleDevTools');
    const dev = buildMenuTemplate(
      { ...base, developer: true, platform: 'linux', currentCaseId: null, recentCases: [] },
      a,
    );
    expect(items(top(dev, 'View')).map((i) => i.role)).toContain('toggleDevTools');
  });
});
