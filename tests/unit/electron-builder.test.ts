/**
 * Packaging, checked offline: electron-builder.yml against electron-builder's own schema, the settings each
 * platform needs, the icons, and the scripts that build, start and package the app.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repo';

const ROOT = REPO_ROOT;
const require = createRequire(join(ROOT, 'package.json'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = Record<string, any>;

async function loadConfig(): Promise<Config> {
  const { getConfig } = require('app-builder-lib/out/util/config/config.js');
  return getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
}

async function validate(config: Config): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  await validateConfiguration(config, { isEnabled: false, add() {} });
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s configuration schema, and the check does catch mistakes', async () => {
    const config = await loadConfig();
    await expect(validate(config)).resolves.toBeUndefined();
    await expect(validate({ ...config, linux: { ...config.linux, tagret: ['AppImage'] } })).rejects.toThrow(
      /configuration/,
    );
    await expect(validate({ ...config, nsis: { ...config.nsis, oneClick: 'no' } })).rejects.toThrow(
      /configuration/,
    );
  });

  it('names the app and builds AppImage + deb, NSIS and dmg with their icons', async () => {
    const config = await loadConfig();
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('SEND Bundle Builder');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    // deb packages refuse to build without a maintainer.
    expect(config.linux.maintainer).toMatch(/<[^@>]+@[^>]+>/);
    // Uninstalling must not delete a family's cases.
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
    expect(config.publish).toBeNull();
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon])
      expect(existsSync(join(ROOT, icon)), icon).toBe(true);
  });

  it('ships the built app, unpacks better-sqlite3 and rebuilds it only while packaging', async () => {
    const config = await loadConfig();
    const files: string[] = config.files.flatMap((f: string | { filter: string[] }) =>
      typeof f === 'string' ? [f] : f.filter,
    );
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/electron/*.cjs',
        'dist/renderer/**',
        'resources/fonts/**',
      ]),
    );
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.extraResources).toEqual(expect.arrayContaining([{ from: 'resources/fonts', to: 'fonts' }]));
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
    });
    // Packages left out of the app must really be bundled into main.cjs: whatever main and its workers load
    // at run time (better-sqlite3, pdf.js, tesseract.js for text recognition, @napi-rs/canvas to scale large
    // photos down at import) must not be excluded.
    const out = mkdtempSync(join(tmpdir(), 'send-bundle-pack-'));
    try {
      execFileSync(
        process.execPath,
        [join(ROOT, 'scripts', 'build-electron.mjs'), '--outdir', out, '--metafile'],
        { cwd: ROOT },
      );
      const meta = JSON.parse(readFileSync(join(out, 'main.meta.json'), 'utf8'));
      const loaded = new Set<string>(
        Object.values(meta.outputs as Record<string, { imports: { path: string; external?: boolean }[] }>)
          .flatMap((o) => o.imports)
          .filter(
            (i) =>
              i.external &&
              !i.path.startsWith('node:') &&
              !builtinModules.includes(i.path) &&
              i.path !== 'electron',
          )
          .map((i) =>
            i.path
              .split('/')
              .slice(0, i.path.startsWith('@') ? 2 : 1)
              .join('/'),
          ),
      );
      expect([...loaded].sort()).toEqual(['@napi-rs/canvas', 'better-sqlite3', 'pdfjs-dist', 'tesseract.js']);
      const excluded = files
        .filter((f) => f.startsWith('!node_modules/'))
        .map((f) => f.slice('!node_modules/'.length));
      for (const name of loaded)
        expect(
          excluded.filter((e) => e === `${name}/**`),
          name,
        ).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(pkg.scripts.dist).toMatch(/electron-builder install-app-deps/);
    expect(pkg.scripts.dist).toMatch(/electron-builder --config electron-builder\.yml/);
    expect(pkg.scripts.postinstall ?? '').not.toMatch(/electron-builder|install-app-deps|electron-rebuild/);
    expect(pkg.allowScripts?.electron).toBe(false);
  });
});

describe('icons', () => {
  it('has a 512×512 PNG, a Windows .ico up to 256 and a macOS .icns up to 1024', () => {
    expect(pngSize(readFileSync(join(ROOT, 'resources', 'icons', 'icon.png')))).toEqual({
      width: 512,
      height: 512,
    });
    for (const size of [16, 32, 48, 64, 128, 256, 512])
      expect(pngSize(readFileSync(join(ROOT, 'resources', 'icons', 'linux', `${size}x${size}.png`)))).toEqual(
        { width: size, height: size },
      );

    const ico = readFileSync(join(ROOT, 'resources', 'icons', 'icon.ico'));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + i * 16;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      sizes.push(pngSize(ico.subarray(offset, offset + length)).width);
    }
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);

    const icns = readFileSync(join(ROOT, 'resources', 'icons', 'icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4))
      types.push(icns.subarray(at, at + 4).toString('ascii'));
    expect(types).toEqual(['ic07', 'ic08', 'ic09', 'ic10']);
  });
});

describe('start script', () => {
  it('finds no Electron program on this machine and says so (npm start then runs the browser version)', () => {
    const output = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { electronBinary } from ${JSON.stringify(join(ROOT, 'scripts', 'start.mjs'))}; console.log(JSON.stringify(electronBinary()));`,
      ],
      { cwd: ROOT },
    ).toString();
    const binary = JSON.parse(output);
    if (binary === null) expect(existsSync(join(ROOT, 'node_modules', 'electron', 'dist'))).toBe(false);
    else expect(existsSync(binary)).toBe(true);
  });
});
