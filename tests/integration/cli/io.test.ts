/**
 * The command line reaches the app through the same router as the screens (cli/io.ts withApi), so the
 * contract's rules hold for scripts too: exit 1 with the contract's reason, nothing changed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/main';

const dir = mkdtempSync(join(tmpdir(), 'send-bundle-cli-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['--data-dir', dir, ...args], {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('send-bundle through the contract', () => {
  it('refuses what the contract refuses, saying why, and changes nothing', async () => {
    const newCase = ['case', 'new', '--title', 'T', '--role', 'parent', '--appeal-type', 'refusal-to-assess'];
    const extended = await run(...newCase, '--extended');
    expect(extended.code).toBe(1);
    expect(extended.stderr).toMatch(
      /send-bundle: An appeal .*cannot ask for health and social care recommendations/,
    );
    expect((await run('--json', 'case', 'list')).stdout).toBe('[]');

    const made = await run(...newCase);
    expect(made.code, made.stderr).toBe(0);
    const id = made.stdout.trim();

    const badKind = await run('deadlines', 'set', id, 'tea-break', '2026-04-01');
    expect(badKind.code).toBe(1);
    expect(badKind.stderr).toMatch(/"tea-break" is not a date the tribunal sets/);

    const badOrder = await run('deadlines', 'order', id, '--kind', 'be-nice', '--date', '2026-07-01');
    expect(badOrder.code).toBe(1);
    expect(badOrder.stderr).toMatch(/"be-nice" is not a kind of order the app knows/);
    expect((await run('--json', 'deadlines', 'orders', id)).stdout).toBe('[]');

    const good = await run('deadlines', 'set', id, 'commissioner-response:7', '2026-04-01');
    // A well-formed kind passes the contract; the service then says recommendation 7 is not in the case.
    expect(good.code).toBe(1);
    expect(good.stderr).not.toMatch(/not a date the tribunal sets/);
  });

  it('takes a date the tribunal directed for a step of the LA’s compliance with an order', async () => {
    const made = await run(
      'case',
      'new',
      '--title',
      'T',
      '--role',
      'la',
      '--appeal-type',
      'contents-of-plan',
    );
    const id = made.stdout.trim();
    const order = await run('deadlines', 'order', id, '--kind', 'amend-plan', '--date', '2026-10-15');
    expect(order.code, order.stderr).toBe(0);
    const step = `la-compliance:${order.stdout.trim()}:amended-plan`;

    const directed = await run('deadlines', 'set', id, step, '2026-11-10');
    expect(directed.code, directed.stderr).toBe(0);
    const list = JSON.parse((await run('--json', 'deadlines', id, '--today', '2026-10-20')).stdout) as {
      id: string;
      due: string;
      basis: string;
      label: string;
    }[];
    expect(list.find((d) => d.id === step)).toMatchObject({
      due: '2026-11-10',
      basis: 'tribunal',
      label: 'LA issues the amended EHC plan (order to amend the EHC plan (sections B, F and others))',
    });

    const badStep = await run(
      'deadlines',
      'set',
      id,
      `la-compliance:${order.stdout.trim()}:final-plan`,
      '2026-11-10',
    );
    expect(badStep.code).toBe(1);
    expect(badStep.stderr).toMatch(/"final-plan" is not a step of this order/);

    const agreement = await run(
      'deadlines',
      'order',
      id,
      '--kind',
      'mediation-agreement',
      '--date',
      '2026-10-01',
    );
    const agreed = await run(
      'deadlines',
      'set',
      id,
      `la-compliance:${agreement.stdout.trim()}:act`,
      '2026-11-10',
    );
    expect(agreed.code).toBe(1);
    expect(agreed.stderr).toMatch(/mediation agreement is the parties’ own/);
  });
});
