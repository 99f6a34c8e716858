/**
 * The import walls between the floors (eslint.config.js, IMPORT_WALLS; docs/architecture.md): each must
 * refuse what crosses it, type imports included, and let the floors below through.
 */
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { IMPORT_WALLS } from '../../eslint.config.js';

const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } },
  ...IMPORT_WALLS,
];
const problems = (filename: string, code: string) =>
  linter
    .verify(code, config, { filename })
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);

describe('the import walls', () => {
  it.each([
    ['renderer/screens/x/Probe.tsx', "import { createServices } from '../../../electron/services';"],
    ['renderer/screens/x/Probe.tsx', "import type { Services } from '../../../electron/services';"],
    ['renderer/api.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/api.ts', "import { readFileSync } from 'node:fs';"],
    ['renderer/api.ts', "import { join } from 'path';"],
    ['renderer/api.ts', "import { readFile } from 'fs/promises';"],
    ['shared/bundle/probe.ts', "import type { Db } from '../../electron/db/connection';"],
    ['shared/bundle/probe.ts', "import type { AppState } from '../../renderer/appState';"],
    ['shared/bundle/probe.ts', "import { main } from '../../cli/main';"],
    ['shared/bundle/probe.ts', "import { app } from 'electron';"],
    ['shared/bundle/probe.ts', "import { createHash } from 'node:crypto';"],
    ['shared/bundle/probe.ts', "import { Worker } from 'worker_threads';"],
    ['shared/bundle/probe.ts', "export { join } from 'path';"],
    ['shared/bundle/probe.ts', "import Database from 'better-sqlite3';"],
    ['electron/services/probe.ts', "import type { Router } from '../ipc/router';"],
    ['electron/services/bundle/probe.ts', "import { startBridge } from '../../bridge/server';"],
    ['electron/services/probe.ts', "import { openHost } from '../host/open';"],
    ['electron/services/probe.ts', "import { APP_SCHEME } from '../shell/windowOptions';"],
    ['electron/db/probe.ts', "import { app } from 'electron';"],
    ['electron/store/probe.ts', "import type { Operations } from '../host/operations';"],
    ['electron/host/probe.ts', "import { withApi } from '../../cli/io';"],
    ['electron/main.ts', "import { nodeBundleOptions } from '../scripts/esbuild.mjs';"],
    ['electron/services/bundle/probe.ts', "import { withApi } from '../../../cli/io';"],
    ['renderer/api.ts', "import { main } from '../cli/main';"],
    ['shared/bundle/probe.ts', "import { root } from '../../scripts/esbuild.mjs';"],
    ['renderer/api.ts', "type S = import('../electron/services').Services;"],
    ['shared/bundle/probe.ts', "let w: import('node:worker_threads').Worker;"],
  ])('refuses in %s: %s', (filename, code) => {
    expect(problems(filename, code)).toHaveLength(1);
  });

  it.each([
    ['renderer/api.ts', "import { contract } from '../shared/api/contract';"],
    ['renderer/screens/x/Probe.tsx', "import { useLoad } from '../../hooks/useLoad';"],
    ['shared/bundle/probe.ts', "import { z } from 'zod';"],
    ['shared/bundle/probe.ts', "import { pathLabel } from './path';"],
    ['electron/services/probe.ts', "import type { Host } from '../../shared/api/host';"],
    ['electron/services/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['electron/host/probe.ts', "import { createRouter } from '../ipc/router';"],
  ])('allows in %s: %s', (filename, code) => {
    expect(problems(filename, code)).toEqual([]);
  });
});
