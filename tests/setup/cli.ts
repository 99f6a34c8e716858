/**
 * Before the tests: the prebuilt `send-bundle` command (dist/cli) is brought up to date with the sources
 * once, so the tests that run it as a program all run the same, current build (cli/send-bundle.mjs would
 * otherwise rebuild it in each of them at once).
 */
import { cliBuildIsFresh } from '../../scripts/cliFresh.mjs';
import { buildCli } from '../../scripts/build-cli.mjs';

export default async function prepareCli(): Promise<void> {
  if (!cliBuildIsFresh()) await buildCli();
}
