// Every command, option and example of `compliance-desk`, declared once for commander: the
// same definitions parse the arguments and print the help, so the two cannot drift. Each
// action imports its command's module only when it runs, so `--help` and `rules` start
// without the engine, pdfmake, exceljs or pdf.js.

import { Command, InvalidArgumentError, Option } from 'commander';
import { MANIFEST_ALGS } from '../shared/bundle/types.js';
import { parseWindow, type AroundWindow } from '../shared/incidents/window.js';
import { parsePeriod, UsageError } from './usage.js';
import { roleOfSignature } from '../shared/signatures/roles.js';
import { DEFAULT_WORKER_HEAP_MB } from '../main/services/engine/worker-heap.js';

/** Edit distance (insert, delete, substitute, swap neighbours) between two option names. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The valid option nearest to `flag`: an option it begins, else the closest by edit distance. */
export function nearestOption(flag: string, options: string[]): string | null {
  const prefixed = options.filter((o) => o.startsWith(flag));
  const pool = prefixed.length ? prefixed : options;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const o of pool) {
    const dist = distance(flag, o);
    if (dist < bestDistance) [best, bestDistance] = [o, dist];
  }
  return best;
}

/** The long options of a command and of the commands above it. */
function longOptions(c: Command | null): string[] {
  return c ? [...c.options.flatMap((o) => (o.long ? [o.long] : [])), ...longOptions(c.parent)] : [];
}

/**
 * commander suggests an option only when it is very close; a reviewer who typed `--pass`
 * or `--fmt` should still be told which option exists, so every unknown option names the
 * nearest one of the command (and its parents).
 */
class CliCommand extends Command {
  override createCommand(name?: string): Command {
    return new CliCommand(name);
  }

  unknownOption(flag: string): never {
    const nearest = flag.startsWith('--') ? nearestOption(flag, [...new Set(['--help', ...longOptions(this)])]) : null;
    this.error(`error: unknown option '${flag}'${nearest ? `\n(Did you mean ${nearest}?)` : ''}`, { code: 'commander.unknownOption' });
  }
}

export const REPORT_FORMATS = ['json', 'junit', 'pdf', 'oscal', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface Tool {
  name: string;
  version: string;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** Wraps a value parser so its UsageError becomes commander's "argument is invalid" message. */
function parser<T>(parse: (text: string) => T): (text: string) => T {
  return (text) => {
    try {
      return parse(text);
    } catch (e) {
      if (e instanceof UsageError) throw new InvalidArgumentError(e.message);
      throw e;
    }
  };
}

function wholeNumber(name: string, min: number, max: number): (text: string) => number {
  return parser((text) => {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n < min || n > max) {
      throw new UsageError(`${name} takes a whole number from ${min} to ${max}`);
    }
    return n;
  });
}

export const parseWorkers = wholeNumber('--workers', 0, 64);

export const parseFormats = parser((list: string): ReportFormat[] => {
  const items = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`--format needs at least one of: ${REPORT_FORMATS.join(',')}`);
  for (const f of items) {
    if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
      throw new UsageError(`--format ${f} is not available in this version (available: ${REPORT_FORMATS.join(', ')})`);
    }
  }
  return items as ReportFormat[];
});

const periodOption = () => new Option('--period <start..end>', 'the review period instead of manifest.period (YYYY-MM-DD..YYYY-MM-DD)')
  .argParser(parser(parsePeriod));
const passEnvOption = () => new Option('--pass-env <var>', 'environment variable holding the key passphrase (default COMPLIANCE_DESK_PASS); never an argument');
const workersOption = () => new Option('--workers <n>', 'worker threads for the logs (0: none; default: one per core, at most 4)').argParser(parseWorkers);
const profileOption = () => new Option('--profile <file>', 'tailoring: enabled rules, parameters, waivers (JSON, see README "Profiles")');

function examples(...lines: string[]): string {
  return `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** --trust and --crl: anchors and revocation lists for this one command, beside the trust store. */
function withTrust(cmd: Command): Command {
  return cmd
    .option('--trust <file|dir|sha256>', 'also trust these certificates (PEM/DER files or a folder) or pin these SHA-256 fingerprints; repeatable, or comma-separated', collect)
    .option('--crl <file>', 'check revocation against this CRL file (DER or PEM); repeatable', collect);
}

export interface TrustCliOptions {
  trust?: string[];
  crl?: string[];
}

export interface TrustAddOptions {
  label?: string;
  kind?: 'root' | 'certificate';
  operator?: string;
  passEnv?: string;
}

export interface CaInitOptions {
  out: string;
  name: string;
  alg: 'rsa' | 'ecdsa' | 'sm2';
  years: number;
  passEnv?: string;
}

export interface CaIssueOptions extends CaInitOptions {
  ca: string;
  caPassEnv?: string;
}

export interface CaRevokeOptions {
  ca: string;
  serial: string[];
  out: string;
  crl?: string;
  days: number;
  caPassEnv?: string;
}

export interface CheckOptions {
  out: string;
  profile?: string;
  period?: { start: string; end: string };
  format: ReportFormat[];
  sign?: string[];
  passEnv?: string[];
  role?: string[];
  sm2Key?: string;
  reviewer?: string;
  quiet?: boolean;
  workers?: number;
  workerHeap?: number;
}

export interface SignOptions {
  sign: string;
  role: string;
  out: string;
  passEnv?: string;
}

export interface VerifyOptions extends TrustCliOptions {
  json?: boolean;
  sm2Pub?: string;
}

export interface KeygenOptions {
  out: string;
  name: string;
  passEnv?: string;
  alg: 'rsa' | 'ecdsa';
  sm2?: string;
  years: number;
}

export interface IncidentsOptions {
  json?: boolean;
  window?: AroundWindow;
  profile?: string;
  workers?: number;
}

export interface BundleMakeOptions {
  key?: string;
  alg?: (typeof MANIFEST_ALGS)[number];
  passEnv?: string;
  operator?: string;
  period?: { start: string; end: string };
  timezone?: string;
  quiet?: boolean;
}

export interface BundleImportOptions {
  mapping?: string;
  out?: string;
  dryRun?: boolean;
  suggest?: boolean;
  key?: string;
  alg?: (typeof MANIFEST_ALGS)[number];
  passEnv?: string;
  json?: boolean;
  quiet?: boolean;
}

export interface BundleKeygenOptions {
  out: string;
  alg: (typeof MANIFEST_ALGS)[number];
  passEnv?: string;
  force?: boolean;
}

export interface PackageMakeOptions {
  findings: string;
  out: string;
  sign?: string;
  key?: string;
  cert?: string;
  passEnv?: string;
  reviewer?: string;
  decisions?: string;
  log?: string;
  report?: string;
  bundleManifest?: string;
}

export interface PackageVerifyOptions extends TrustCliOptions {
  json?: boolean;
}

export interface PackageImportOptions extends TrustCliOptions {
  decisions?: string;
  findings?: string;
  json?: boolean;
}

/**
 * The command line. `done(code)` receives the exit status of the command that ran;
 * commander's own output (help, errors) goes to `io`.
 */
export function buildProgram(tool: Tool, io: Io, done: (code: number) => void): Command {
  const program = new CliCommand('compliance-desk')
    .description(`合规审查台 — offline review of public-data operators against 锦政规〔2025〕4号 (version ${tool.version})`)
    .version(tool.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for the command')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(`compliance-desk: ${s.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(add --help for the options and an example)')
    .addHelpText('after', `
Exit status: 0 no rule fails (waived fails do not count), 1 a rule fails or a verification
fails, 2 the bundle, a file or the arguments cannot be used, 3 internal error.
Key passphrases are read from an environment variable (--pass-env), never from an argument.
${examples('compliance-desk check bundle.zip --out review-out --sign me.p12 --reviewer 张三', 'compliance-desk check --help')}`);

  program.command('check')
    .description('review an evidence bundle: run every rule, write findings.json and the assessment report')
    .argument('<bundle>', 'the bundle: a folder or a .zip')
    .option('--out <dir>', 'where to write the results', 'review-out')
    .addOption(profileOption())
    .addOption(periodOption())
    .addOption(new Option('--format <list>', `comma-separated, any of ${REPORT_FORMATS.join(',')}`).argParser(parseFormats).default(['json', 'pdf'], 'json,pdf'))
    .option('--sign <file.p12>', 'sign the PDF report with this PKCS#12 key; repeat for further signatures (编制, 审核, 批准), the first certifies the report', collect)
    .option('--pass-env <var>', "environment variable holding a key's passphrase (default COMPLIANCE_DESK_PASS); repeat once per --sign, the last serves the rest", collect)
    .option('--role <text>', 'the role of each signature, in the order of --sign (default 编制, 审核, 批准)', collect)
    .option('--sm2-key <file.pem>', 'also write report.pdf.sm2.sig (SM2 with SM3) with this encrypted SM2 key')
    .option('--reviewer <name>', 'the reviewer named in the report')
    .option('--quiet', 'no progress on stderr')
    .addOption(workersOption())
    .addOption(new Option('--worker-heap <MB>', `heap limit of each log worker; a file whose worker passes it becomes an input issue (default ${DEFAULT_WORKER_HEAP_MB})`).argParser(wholeNumber('--worker-heap', 16, 16384)))
    .addHelpText('after', examples(
      'compliance-desk check samples/jinzhou-demo/bundle --out review-out',
      'COMPLIANCE_DESK_PASS=… compliance-desk check bundle.zip --profile profile.json --format json,pdf,xlsx --sign me.p12 --reviewer 张三',
    ))
    .action(async (bundle: string, o: CheckOptions) => {
      const { runCheck } = await import('./commands/check.js');
      done(await runCheck(bundle, o, tool));
    });

  program.command('sign')
    .description('add a further signature (审核, 批准) to a signed report, as an incremental update that leaves the earlier signatures intact')
    .argument('<report.pdf>', 'the signed report')
    .requiredOption('--sign <file.p12>', 'the PKCS#12 key to sign with')
    .option('--role <text>', 'the role of this signature', roleOfSignature(1))
    .requiredOption('--out <file.pdf>', 'where to write the report with the added signature (never the input)')
    .addOption(passEnvOption())
    .addHelpText('after', examples('COMPLIANCE_DESK_PASS=… compliance-desk sign review-out/report.pdf --sign lisi.p12 --role 审核 --out report-审核.pdf'))
    .action(async (report: string, o: SignOptions) => {
      const { runSign } = await import('./commands/sign.js');
      done(await runSign(report, o));
    });

  withTrust(program.command('verify')
    .description('check a signed report (every signature: integrity, signer, trust), a review package, or a bundle against its manifest')
    .argument('<target>', 'report.pdf, review.cdreview, or a bundle (folder or .zip)'))
    .option('--json', 'the verification as JSON')
    .option('--sm2-pub <file.pem>', 'also check <report>.pdf.sm2.sig with this SM2 public key')
    .addHelpText('after', examples('compliance-desk verify review-out/report.pdf', 'compliance-desk verify samples/jinzhou-demo/bundle --json'))
    .action(async (target: string, o: VerifyOptions) => {
      const { runVerify } = await import('./commands/verify.js');
      done(await runVerify(target, o));
    });

  program.command('keygen')
    .description('make a self-signed signing key and certificate (PKCS#12) for reports')
    .requiredOption('--out <file.p12>', 'the PKCS#12 file to write (never overwritten)')
    .requiredOption('--name <name>', 'the certificate subject: "张三" or "CN=张三, O=锦州市数据局, C=CN"')
    .addOption(passEnvOption())
    .addOption(new Option('--alg <alg>', 'key algorithm').choices(['rsa', 'ecdsa']).default('rsa'))
    .option('--sm2 <prefix>', 'also an SM2 key pair: PREFIX.key.pem (encrypted) and PREFIX.pub.pem')
    .addOption(new Option('--years <n>', 'validity in years').argParser(wholeNumber('--years', 1, 30)).default(5))
    .addHelpText('after', examples("COMPLIANCE_DESK_PASS=… compliance-desk keygen --out me.p12 --name 'CN=张三,O=锦州市数据局' --alg ecdsa"))
    .action(async (o: KeygenOptions) => {
      const { runKeygen } = await import('./commands/keygen.js');
      done(await runKeygen(o));
    });

  program.command('incidents')
    .description('incident timelines against their deadlines, the logs around each, and signs of unreported incidents')
    .argument('<bundle>', 'the bundle: a folder or a .zip')
    .option('--json', 'the audit as JSON')
    .addOption(new Option('--window <start..end>', 'logs around detection, offsets with m, h or d (default -24h..+72h)').argParser(parser((text) => {
      const w = parseWindow(text);
      if (!w) throw new UsageError(`--window must be START..END offsets from detection with units m, h or d, e.g. -24h..+72h; got "${text}"`);
      return w;
    })))
    .addOption(profileOption())
    .addOption(workersOption())
    .addHelpText('after', examples('compliance-desk incidents samples/jinzhou-demo/bundle', 'compliance-desk incidents bundle.zip --window -2h..+24h --json'))
    .action(async (bundle: string, o: IncidentsOptions) => {
      const { runIncidents } = await import('./commands/incidents.js');
      done(await runIncidents(bundle, o, tool));
    });

  program.command('rules')
    .description('list the rules of the pack with their articles, severities and parameters')
    .option('--json', 'the rules as JSON (with parameters, sources and notes)')
    .addHelpText('after', examples('compliance-desk rules', 'compliance-desk rules --json'))
    .action(async (o: { json?: boolean }) => {
      const { runRules } = await import('./commands/rules.js');
      done(runRules(o));
    });

  const bundle = program.command('bundle').description("the operator's side: write and sign a bundle's manifest");
  bundle.command('make')
    .description("write <folder>/manifest.json (every file's SHA-256 and size), signed with --key")
    .argument('<folder>', 'the bundle folder')
    .option('--key <file>', 'the private key (PEM) to sign with')
    .addOption(new Option('--alg <alg>', 'the key algorithm, when it cannot be told from the key').choices(MANIFEST_ALGS))
    .addOption(passEnvOption())
    .option('--operator <id>', "the operator's unified social credit code (default: the manifest's, else operator.json's)")
    .addOption(periodOption())
    .option('--timezone <tz>', "IANA time zone of times without offset (default: the manifest's, else Asia/Shanghai)")
    .option('--quiet', 'no notes on stderr')
    .addHelpText('after', examples('compliance-desk bundle make ./my-bundle --key operator.key'))
    .action(async (folder: string, o: BundleMakeOptions) => {
      const { runBundleMake } = await import('./commands/bundle.js');
      done(await runBundleMake(folder, o));
    });
  bundle.command('import')
    .description("a platform's own exports (CSV, xlsx, JSONL; a folder or a zip) into a bundle, by a mapping (docs/spec/mapping-v1.md)")
    .argument('<raw>', 'the raw export: a folder or a .zip')
    .option('--mapping <file>', 'the mapping (JSON)')
    .option('--out <folder>', 'the bundle folder to write (new or empty)')
    .option('--dry-run', 'read everything and report, write nothing')
    .option('--suggest', 'print a suggested mapping for the export (stdout), with the guesses marked')
    .option('--key <file>', 'the private key (PEM) to sign the manifest with')
    .addOption(new Option('--alg <alg>', 'the key algorithm, when it cannot be told from the key').choices(MANIFEST_ALGS))
    .addOption(passEnvOption())
    .option('--json', 'the report as JSON on stdout')
    .option('--quiet', 'no report on stderr')
    .addHelpText('after', `
Exit codes: 0 imported with nothing to fix, 1 imported (or read) with problems reported
(unmapped values, unreadable times, missing columns), 2 the export, mapping or arguments
cannot be used, 3 internal error.

${examples('compliance-desk bundle import raw-2026/ --suggest > mapping.json', 'compliance-desk bundle import raw-2026/ --mapping mapping.json --dry-run', 'compliance-desk bundle import raw-2026.zip --mapping mapping.json --out bundle-2026 --key operator.key')}`)
    .action(async (raw: string, o: BundleImportOptions) => {
      if (o.suggest) {
        const { runBundleSuggest } = await import('./commands/bundle-suggest.js');
        done(await runBundleSuggest(raw));
        return;
      }
      const { runBundleImport } = await import('./commands/bundle-import.js');
      done(await runBundleImport(raw, o));
    });
  bundle.command('keygen')
    .description('make a key for signing manifests, and its public key (FILE → *.pub.pem)')
    .requiredOption('--out <file>', 'the private key file to write')
    .addOption(new Option('--alg <alg>', 'key algorithm').choices(MANIFEST_ALGS).default('ed25519'))
    .addOption(passEnvOption())
    .option('--force', 'overwrite existing key files')
    .addHelpText('after', examples('compliance-desk bundle keygen --out operator.key', 'COMPLIANCE_DESK_PASS=… compliance-desk bundle keygen --out operator.key --alg sm2-sm3 --pass-env COMPLIANCE_DESK_PASS'))
    .action(async (o: BundleKeygenOptions) => {
      const { runBundleKeygen } = await import('./commands/bundle.js');
      done(await runBundleKeygen(o));
    });

  const pkg = program.command('package').description("review packages (.cdreview): a reviewer's findings and decisions, signed, for a second reviewer");
  pkg.command('make')
    .description('write a signed review package')
    .requiredOption('--findings <file>', 'findings.json of the review')
    .requiredOption('--out <file.cdreview>', 'the package to write')
    .option('--sign <file.p12>', 'sign with this PKCS#12 key')
    .option('--key <file.pem>', 'or sign with this private key (PEM), naming --reviewer')
    .option('--cert <file.pem>', 'the certificate of --key')
    .addOption(passEnvOption())
    .option('--reviewer <name>', 'the reviewer')
    .option('--decisions <file>', 'the decisions (JSON array)')
    .option('--log <file>', 'the review log (JSON array)')
    .option('--report <file.pdf>', 'the signed report')
    .option('--bundle-manifest <file>', "the bundle's manifest.json")
    .addHelpText('after', examples('COMPLIANCE_DESK_PASS=… compliance-desk package make --findings review-out/findings.json --sign me.p12 --out r.cdreview'))
    .action(async (o: PackageMakeOptions) => {
      const { runPackageMake } = await import('./commands/package.js');
      done(await runPackageMake(o));
    });
  withTrust(pkg.command('verify')
    .description("check a package's entries against its signed manifest, and whom it is from")
    .argument('<file.cdreview>', 'the package'))
    .option('--json', 'the verification as JSON')
    .addHelpText('after', examples('compliance-desk package verify r.cdreview'))
    .action(async (file: string, o: PackageVerifyOptions) => {
      const { runVerifyPackage } = await import('./commands/package.js');
      done(await runVerifyPackage(file, o));
    });
  withTrust(pkg.command('import')
    .description("set another reviewer's decisions beside mine, rule by rule (only from a trusted signer)")
    .argument('<file.cdreview>', 'the package'))
    .option('--decisions <file>', 'my decisions (JSON array)')
    .option('--findings <file>', 'my findings.json (to tell whether both reviewed the same bundle)')
    .option('--json', 'the comparison as JSON')
    .addHelpText('after', examples('compliance-desk package import r.cdreview --findings review-out/findings.json'))
    .action(async (file: string, o: PackageImportOptions) => {
      const { runPackageImport } = await import('./commands/package.js');
      done(await runPackageImport(file, o));
    });

  const trust = program.command('trust').description("the trust store: whose signatures are trusted (roots, pinned certificates) and operators' registered manifest keys");
  trust.command('add')
    .description('add certificates (PEM, DER, or the certificates of a P12) as anchors, or register an operator’s manifest public key')
    .argument('<file>', 'a certificate file, a .p12, or a public key (PEM)')
    .option('--label <text>', 'what to call it (default: the file name)')
    .addOption(new Option('--kind <kind>', 'root: trust what it issues; certificate: trust only itself (default: root for a CA certificate)').choices(['root', 'certificate']))
    .option('--operator <credit-code>', "register the file's public key as the manifest key of this operator (unified social credit code)")
    .addOption(passEnvOption())
    .addHelpText('after', examples("compliance-desk trust add org-ca.pem --label '锦州市数据局评估 CA'", 'compliance-desk trust add operator.pub.pem --operator 91210703MAC8K3T6X8 --label 锦州数智'))
    .action(async (file: string, o: TrustAddOptions) => {
      const { runTrustAdd } = await import('./commands/trust.js');
      done(await runTrustAdd(file, o));
    });
  trust.command('list')
    .description('list the trust store with fingerprints')
    .option('--json', 'as JSON')
    .addHelpText('after', examples('compliance-desk trust list'))
    .action(async (o: { json?: boolean }) => {
      const { runTrustList } = await import('./commands/trust.js');
      done(await runTrustList(o));
    });
  trust.command('remove')
    .description('remove entries by SHA-256 fingerprint or exact label')
    .argument('<fingerprint|label>', 'which entries')
    .addHelpText('after', examples('compliance-desk trust remove 3A:7F:…'))
    .action(async (which: string) => {
      const { runTrustRemove } = await import('./commands/trust.js');
      done(await runTrustRemove(which));
    });
  trust.command('export')
    .description("write the store's certificates and keys as PEM (or the store as JSON)")
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--json', 'the whole store as JSON')
    .addHelpText('after', examples('compliance-desk trust export --out colleagues.pem'))
    .action(async (o: { out?: string; json?: boolean }) => {
      const { runTrustExport } = await import('./commands/trust.js');
      done(await runTrustExport(o));
    });

  const ca = program.command('ca').description("an offline CA for an organisation: a root in a PKCS#12 file, evaluators' signing certificates, a CRL");
  const algOption = (what: string) => new Option('--alg <alg>', what).choices(['rsa', 'ecdsa', 'sm2']).default('rsa');
  ca.command('init')
    .description('make a root CA (PKCS#12, and its certificate as PEM beside it)')
    .requiredOption('--out <file.p12>', 'the CA key and certificate (never overwritten)')
    .requiredOption('--name <name>', 'the CA subject, e.g. "CN=锦州市数据局评估 CA, O=锦州市数据局, C=CN"')
    .addOption(algOption('key algorithm'))
    .addOption(new Option('--years <n>', 'validity in years').argParser(wholeNumber('--years', 1, 30)).default(10))
    .addOption(passEnvOption())
    .addHelpText('after', examples("COMPLIANCE_DESK_PASS=… compliance-desk ca init --out org-ca.p12 --name 'CN=锦州市数据局评估 CA, O=锦州市数据局'"))
    .action(async (o: CaInitOptions) => {
      const { runCaInit } = await import('./commands/ca.js');
      done(await runCaInit(o));
    });
  ca.command('issue')
    .description("issue an evaluator's signing certificate (key usage for signatures), in a new PKCS#12 with the CA certificate")
    .requiredOption('--ca <file.p12>', 'the CA made by "ca init"')
    .requiredOption('--out <file.p12>', "the evaluator's key and certificate (never overwritten)")
    .requiredOption('--name <name>', 'the evaluator, e.g. "CN=张三, O=锦州市数据局"')
    .addOption(algOption('key algorithm of the new key'))
    .addOption(new Option('--years <n>', 'validity in years (never past the CA’s)').argParser(wholeNumber('--years', 1, 30)).default(3))
    .option('--ca-pass-env <var>', "environment variable holding the CA file's passphrase (default COMPLIANCE_DESK_PASS)")
    .addOption(passEnvOption())
    .addHelpText('after', examples("CA_PASS=… COMPLIANCE_DESK_PASS=… compliance-desk ca issue --ca org-ca.p12 --ca-pass-env CA_PASS --out zhangsan.p12 --name 'CN=张三, O=锦州市数据局'"))
    .action(async (o: CaIssueOptions) => {
      const { runCaIssue } = await import('./commands/ca.js');
      done(await runCaIssue(o));
    });
  ca.command('revoke')
    .description('write the CA’s CRL revoking certificates by serial number')
    .requiredOption('--ca <file.p12>', 'the CA made by "ca init"')
    .requiredOption('--serial <hex>', 'serial number of a certificate to revoke; repeatable', collect)
    .requiredOption('--out <file.crl>', 'the CRL to write')
    .option('--crl <file>', 'an earlier CRL of this CA whose revocations are kept')
    .addOption(new Option('--days <n>', 'days until the next update').argParser(wholeNumber('--days', 1, 3650)).default(30))
    .option('--ca-pass-env <var>', "environment variable holding the CA file's passphrase (default COMPLIANCE_DESK_PASS)")
    .addHelpText('after', examples('COMPLIANCE_DESK_PASS=… compliance-desk ca revoke --ca org-ca.p12 --serial 5F3A… --out org-ca.crl'))
    .action(async (o: CaRevokeOptions) => {
      const { runCaRevoke } = await import('./commands/ca.js');
      done(await runCaRevoke(o));
    });

  return program;
}
