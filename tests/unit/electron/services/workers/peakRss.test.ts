/** The peak memory of a process (electron/services/workers/peakRss.ts), not of the one that started it. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { peakRssKb } from '../../../../../electron/services/workers/peakRss';

describe.skipIf(process.platform !== 'linux')('peakRssKb', () => {
  it('is the peak of this process only, where getrusage would carry over its parent’s', () => {
    // A parent that holds 400 MB starts a child that holds little: the child's own peak is small.
    const script = `
      const { execFileSync } = require('node:child_process');
      const held = Buffer.alloc(400 * 1024 * 1024, 1);
      process.stdout.write(execFileSync(process.execPath, ['--import', 'tsx', '-e',
        "import('./electron/services/workers/peakRss.ts').then((m) => process.stdout.write(JSON.stringify({ peak: m.peakRssKb(), maxRSS: process.resourceUsage().maxRSS })))"
      ]));
      held[0] = 2;`;
    const { peak, maxRSS } = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }),
    ) as {
      peak: number;
      maxRSS: number;
    };
    expect(peak).toBeLessThan(300 * 1024);
    expect(peak).toBeLessThanOrEqual(maxRSS);
    expect(peakRssKb()).toBeGreaterThan(10 * 1024);
  });
});
