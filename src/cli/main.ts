// compliance-desk: the engine headless (cli.md). Results go to stdout or --out, progress
// to stderr. Exit 0 no failing rule, 1 a rule fails, 2 unusable bundle or arguments, 3 internal error.

import { readFileSync } from 'node:fs';
import { BundleError } from '../main/services/bundle/source.js';
import { ProfileError } from '../shared/engine/profile.js';
import { runCheck } from './commands/check.js';
import { BUNDLE_USAGE, runBundle } from './commands/bundle.js';
import { runIncidents } from './commands/incidents.js';
import { runKeygen } from './commands/keygen.js';
import { PACKAGE_USAGE, runPackage } from './commands/package.js';
import { runRules } from './commands/rules.js';
import { runVerify } from './commands/verify.js';
import { UsageError } from './usage.js';

export const TOOL = { name: 'compliance-desk', version: readVersion() };

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const HELP = `compliance-desk ${TOOL.version} — 合规审查台 (锦政规〔2025〕4号)

compliance-desk check <bundle-folder | bundle.zip> [--out DIR] [--profile FILE]
    [--period START..END] [--format json,pdf,junit,oscal,xlsx,csv] [--sign FILE.p12] [--pass-env VAR]
    [--sm2-key FILE.pem] [--reviewer NAME] [--quiet]
compliance-desk verify <report.pdf | review.cdreview | bundle-folder | bundle.zip> [--json] [--sm2-pub FILE.pem]
compliance-desk keygen --out FILE.p12 --name NAME [--pass-env VAR] [--alg rsa|ecdsa] [--sm2 PREFIX]
compliance-desk incidents <bundle-folder | bundle.zip> [--json] [--window -24h..+72h] [--profile FILE]
compliance-desk rules [--json]
${BUNDLE_USAGE}
${PACKAGE_USAGE}

The passphrase of a key is read from the environment variable named by --pass-env
(default COMPLIANCE_DESK_PASS), never from an argument.

Exit status: 0 no rule fails, 1 a rule fails, 2 the bundle or arguments cannot be used, 3 internal error.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check': return await runCheck(rest, TOOL);
      case 'verify': return await runVerify(rest);
      case 'rules': return runRules(rest);
      case 'keygen': return await runKeygen(rest);
      case 'incidents': return await runIncidents(rest, TOOL);
      case 'bundle': return await runBundle(rest);
      case 'package': return await runPackage(rest);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      case '--version':
        process.stdout.write(`${TOOL.version}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof BundleError || e instanceof ProfileError) {
      process.stderr.write(`compliance-desk: ${e.message}\n`);
      if (e instanceof UsageError) process.stderr.write(`Run "compliance-desk --help" for usage.\n`);
      return 2;
    }
    process.stderr.write(`compliance-desk: internal error: ${(e as Error).stack ?? e}\n`);
    return 3;
  }
}
