import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const outDir = resolve(import.meta.dirname, 'dist', 'renderer');

/**
 * pdf.js needs its character maps, standard fonts and image decoders at run time. Copy them next to the
 * app so the preview loads them from the app's own origin (the CSP allows nothing else).
 */
function pdfjsAssets(): Plugin {
  const source = resolve(import.meta.dirname, 'node_modules', 'pdfjs-dist');
  return {
    name: 'send-bundle-pdfjs-assets',
    apply: 'build',
    writeBundle() {
      for (const dir of ['cmaps', 'standard_fonts', 'wasm', 'iccs']) {
        const from = join(source, dir);
        if (existsSync(from)) cpSync(from, join(outDir, 'pdfjs', dir), { recursive: true });
      }
    },
  };
}

/** The app's own icon as the page's favicon (the browser asks for one on every load). */
function favicon(): Plugin {
  return {
    name: 'send-bundle-favicon',
    apply: 'build',
    writeBundle() {
      cpSync(resolve(import.meta.dirname, 'resources', 'icons', 'icon.ico'), join(outDir, 'favicon.ico'));
    },
  };
}

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  // Relative asset paths: the same build loads from the bridge (http://127.0.0.1) and from Electron's protocol.
  base: './',
  plugins: [react(), pdfjsAssets(), favicon()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 2000,
  },
});
