import { describe, expect, it } from 'vitest';
import { nearestOption } from './program.js';
import { runCli } from './testing.js';

const COMMANDS = [
  ['check'], ['verify'], ['keygen'], ['incidents'], ['rules'], ['bundle', 'make'], ['bundle', 'keygen'],
  ['package', 'make'], ['package', 'verify'], ['package', 'import'],
];

describe('compliance-desk <command> --help', () => {
  it.each(COMMANDS)('%s %s: exits 0 with usage, options and an example', async (...command: string[]) => {
    // `help check`; for a subcommand, `bundle help make`.
    const helpCommand = command.length === 1 ? ['help', ...command] : [command[0], 'help', command[1]];
    for (const argv of [[...command, '--help'], helpCommand]) {
      const r = await runCli(argv);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(`Usage: compliance-desk ${command.join(' ')}`);
      expect(r.out).toMatch(/Options:\n {2}--/);
      expect(r.out).toMatch(new RegExp(`Examples?:\\n {2}\\$ .*compliance-desk ${command.join(' ')}`));
    }
  });

  it('lists every option check parses, --workers and --sm2-key among them', async () => {
    const r = await runCli(['check', '--help']);
    for (const o of ['--out', '--profile', '--period', '--format', '--sign', '--pass-env', '--sm2-key', '--reviewer', '--quiet', '--workers']) {
      expect(r.out).toContain(o);
    }
    expect((await runCli(['keygen', '--help'])).out).toContain('--years');
  });

  it('prints the whole list of commands with --help, and exits 2 with it when no command is given', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['check', 'verify', 'keygen', 'incidents', 'rules', 'bundle', 'package']) expect(help.out).toMatch(new RegExp(`\\n {2}${c}\\b`));
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.out).toBe('');
    expect(none.err).toContain('Usage: compliance-desk');
  });

  it('names the nearest valid option of the command for an unknown one, and exits 2', async () => {
    for (const [argv, nearest] of [
      [['check', 'b', '--fromat', 'json'], '--format'],
      [['keygen', '--out', 'k.p12', '--name', 'x', '--pass', 'x'], '--pass-env'],
      [['package', 'verify', 'x.cdreview', '--trusted', 'ab'], '--trust'],
      [['incidents', 'b', '--windw', '-1h..+1h'], '--window'],
    ] as const) {
      const r = await runCli([...argv]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`Did you mean ${nearest}?`);
    }
    const cmd = await runCli(['chek', 'b']);
    expect(cmd.code).toBe(2);
    expect(cmd.err).toContain('Did you mean check?');
  });

  it('refuses a missing argument or option and a bad value with exit 2, naming it', async () => {
    for (const [argv, message] of [
      [['verify'], /missing required argument 'target'/],
      [['keygen', '--name', '张三'], /--out/],
      [['check', 'b', '--workers', 'many'], /--workers takes a whole number from 0 to 64/],
      [['check', 'b', '--format', 'docx'], /--format docx is not available/],
      [['keygen', '--out', 'k.p12', '--name', 'x', '--years', '40'], /--years takes a whole number from 1 to 30/],
      [['incidents', 'b', '--window', 'soon'], /--window must be START\.\.END/],
      [['bundle', 'keygen', '--out', 'k', '--alg', 'rsa'], /Allowed choices are ed25519, ecdsa-p256-sha256, sm2-sm3/],
    ] as const) {
      const r = await runCli([...argv]);
      expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(message);
    }
  });

  it('prints the version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('nearestOption', () => {
  it('prefers an option the flag begins, else the smallest edit distance', () => {
    expect(nearestOption('--pass', ['--out', '--pass-env', '--name'])).toBe('--pass-env');
    expect(nearestOption('--otu', ['--out', '--pass-env'])).toBe('--out');
    expect(nearestOption('--x', [])).toBeNull();
  });
});
