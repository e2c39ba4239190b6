// The desktop bundle as `electron-forge package` makes it, and a check that it boots: main
// and preload built with Forge's own Vite config generator from forge.config.ts, staged
// with the package's hooks (package.json, the runtime packages), then loaded in a child
// Node process against a recording stand-in of the electron module
// (test/electron-stand-in/). The Electron binary never runs: what is checked is what the
// bundle asks of Electron and of the files beside it.

import { fork } from 'node:child_process';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ForgeArch, ForgePlatform, ResolvedForgeConfig } from '@electron-forge/shared-types';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { build, parseAst, type InlineConfig, type UserConfig } from 'vite';
import forgeConfig from '../forge.config.js';
import { APP_ENTRY, APP_ORIGIN, APP_SCHEME } from '../src/main/app-origin.js';
import { CONTENT_SECURITY_POLICY } from '../src/main/services/static-files.js';
import type { FromWorker, ToWorker } from '../src/main/services/engine/log-worker.js';
import { API_KEY, CHANNELS, METHOD_OF, type Channel, type IpcRequest } from '../src/shared/ipc/contract.js';
import { EVENT_GUARDS, checkRequest } from '../src/shared/ipc/guards.js';
import { sampleBundle } from './fixtures.js';

const ROOT = resolve(import.meta.dirname, '..');
const STAND_IN = join(import.meta.dirname, 'electron-stand-in', 'electron.cjs');
const DRIVER = join(import.meta.dirname, 'electron-stand-in', 'drive-main.js');

// ---------------------------------------------------------------- building like Forge

type Target = 'main' | 'preload' | 'renderer';

export interface PackageOptions {
  /** Changes a target's resolved config before it is built (the broken-configuration cases). */
  tweak?: (target: Target, config: UserConfig) => UserConfig;
  /** Targets to build; default all three. */
  targets?: readonly Target[];
  /** Run the packageAfterPrune hook that copies the runtime packages (default true). */
  runtimePackages?: boolean;
}

interface ConfigGenerator {
  getBuildConfigs(): Promise<UserConfig[]>;
  getRendererConfig(): Promise<UserConfig[]>;
}
type ConfigGeneratorClass = new (pluginConfig: VitePlugin['config'], projectDir: string, isProd: boolean) => ConfigGenerator;

function vitePlugin(): VitePlugin {
  const plugin = forgeConfig.plugins?.find((p): p is VitePlugin => p instanceof VitePlugin);
  if (!plugin) throw new Error('forge.config.ts has no VitePlugin');
  return plugin;
}

/**
 * Forge's config generator, as its build subprocess uses it (production mode: the
 * `define`s, externals, lib entries and output formats of a packaged build). The package
 * does not export it, so it is loaded from beside the plugin's entry.
 */
async function forgeConfigGenerator(): Promise<ConfigGenerator> {
  const entry = createRequire(import.meta.url).resolve('@electron-forge/plugin-vite');
  const { default: Generator } = (await import(pathToFileURL(join(dirname(entry), 'ViteConfig.js')).href)) as { default: ConfigGeneratorClass };
  const config = vitePlugin().config;
  // Config files as absolute paths: Forge's subprocess runs in the project folder, vitest may not.
  const absolute = <T extends { config: string }>(specs: T[]) => specs.map((s) => ({ ...s, config: resolve(ROOT, s.config) }));
  return new Generator({ ...config, build: absolute(config.build), renderer: absolute(config.renderer) }, ROOT, true);
}

/**
 * What `electron-forge package` puts in the app folder: main, preload and renderer built
 * by Forge's Vite plugin into .vite/ (here under `appDir` instead of the project), the
 * package.json the plugin writes, and the runtime packages forge.config.ts's
 * packageAfterPrune hook copies.
 */
export async function packageLikeForge(appDir: string, o: PackageOptions = {}): Promise<void> {
  const targets = o.targets ?? ['main', 'preload', 'renderer'];
  // Forge's build subprocess has the shell's environment, not vitest's NODE_ENV=test, with
  // which Vite would put React's development build in the renderer. Unset, Vite sets production.
  if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;
  const generator = await forgeConfigGenerator();
  const plugin = vitePlugin();
  const builds = await generator.getBuildConfigs();
  const [renderer] = await generator.getRendererConfig();
  const specs = plugin.config.build.filter((b) => b.config);
  const jobs: { target: Target; config: UserConfig; outDir: string }[] = [
    ...specs.map((spec, i) => ({ target: spec.target ?? 'main', config: builds[i], outDir: join(appDir, '.vite', 'build') })),
    { target: 'renderer' as const, config: renderer, outDir: join(appDir, '.vite', 'renderer', plugin.config.renderer[0].name) },
  ];
  await Promise.all(jobs.filter((j) => targets.includes(j.target)).map(async (j) => {
    const config = o.tweak ? o.tweak(j.target, j.config) : j.config;
    // As Forge's build subprocess calls vite, but into appDir/.vite rather than the project's .vite.
    const inline: InlineConfig = { configFile: false, logLevel: 'error', ...config, build: { ...config.build, outDir: j.outDir }, clearScreen: false };
    await build(inline);
  }));
  const resolved = forgeConfig as ResolvedForgeConfig;
  plugin.setDirectories(ROOT);
  await plugin.packageAfterCopy(resolved, appDir);
  if (o.runtimePackages === false) return;
  await forgeConfig.hooks?.packageAfterPrune?.(resolved, appDir, electronVersion(), process.platform as ForgePlatform, process.arch as ForgeArch);
}

function electronVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
}

// ---------------------------------------------------------------- the driver's plan and report

/** What drive-main.js does with the bundle (sent to it over IPC). */
export interface DrivePlan {
  mainPath: string;
  userData: string;
  channels: readonly string[];
  /** Per channel: payloads its guard must refuse. */
  malformed: Record<string, unknown[]>;
  /** Per channel: a payload its guard accepts, sent from senders main must refuse. */
  valid: Record<string, unknown>;
  /** Requests a trusted sender may make that must succeed (the refusals are not blanket). */
  controls: { channel: string; payload: unknown }[];
  appEntry: string;
  hostileUrls: string[];
  /** Requests to the app:// handler and what each must get: the page, one of its assets, or a refusal. */
  protocol: { url: string; expect: 'page' | 'asset' | 'refused' }[];
  workers: { path: string; init: unknown; readyType: string }[];
  /** A review of this bundle folder through bundle:open, then report:build of it. */
  review: { bundle: string; runId: string } | null;
}

export interface Answer {
  ok?: boolean;
  code?: string;
  thrown?: string;
  value?: unknown;
}

export interface ContentsProbe {
  which: 'window' | 'other';
  listeners: Record<string, number>;
  hasWindowOpenHandler: boolean;
  /** event name → url → prevented */
  prevented: Record<string, Record<string, boolean>>;
  windowOpen: Record<string, unknown>;
}

export interface PreloadMethod {
  type: string;
  /** The ipcRenderer calls one call of the method made. */
  ipc: { api: string; channel: string; passedArgumentOnly: boolean }[];
  /** Subscriptions: what the page's listener received when main sent an event. */
  listenerGot?: unknown[][];
  unsubscribed?: boolean;
}

export interface DriveReport {
  bootError: string | null;
  errors: string[];
  log: string[];
  calls: { api: string; args: unknown[] }[];
  readyAt: number;
  windows: { options: Record<string, unknown>; loaded: string[] }[];
  privilegedSchemes: { scheme: string; privileges?: Record<string, unknown> }[];
  protocolSchemes: string[];
  ipcRegistered: string[];
  ipc: { channel: string; sender: string; payload: string; answer: Answer }[];
  controls: { channel: string; answer: Answer }[];
  protocol: { url: string; status: number; headers: Record<string, string>; body: string }[];
  contents: ContentsProbe[];
  session: {
    permissionRequest: Record<string, unknown>;
    permissionCheck: Record<string, unknown>;
    devicePermission: unknown;
    displayMedia: unknown;
    beforeRequest: Record<string, unknown>;
    headersReceived: Record<string, unknown> | null;
    downloadPrevented: boolean | null;
    spellChecker: boolean | null;
  } | null;
  menu: unknown;
  preload: { error: string | null; requires: string[]; exposed: { key: string; methods: Record<string, PreloadMethod> }[] };
  workers: { path: string; outcome: string }[];
  review: { open: Answer; progressEvents: number; report: Answer | null } | null;
}

// ---------------------------------------------------------------- the plan from the contract

/** A payload each guard accepts: the sender check, not the guard, must refuse these. */
const VALID: { [C in Channel]: IpcRequest<C> } = {
  'bundle:open': { runId: 'run-1', kind: 'folder' },
  'review:cancel': { runId: 'run-1' },
  'report:build': { reviewId: 'r-1' },
  'incidents:timelines': { reviewId: 'r-1' },
  'incidents:around': { reviewId: 'r-1', incidentId: 'INC-1', window: { startMinutes: -60, endMinutes: 60 } },
  'report:sign': { artifactId: 'a-1', role: '编制' },
  'report:verify': { artifactId: 'a-1' },
  'file:save': { artifactId: 'a-1' },
  'key:import': { password: 'not-a-key' },
  'key:get': {},
  'settings:get': {},
  'settings:set': { patch: { evidencePerRule: 5 } },
  'trust:list': {},
  'trust:add': { label: 'CA' },
  'trust:remove': { fingerprintSha256: 'AB:'.repeat(31) + 'AB' },
  'trust:register-operator': { reviewId: 'r-1', label: '运营机构' },
  'import:suggest': { kind: 'folder' },
  'import:check': { importId: 'i-1', mapping: '{}' },
  'import:run': { importId: 'i-1', mapping: '{}' },
  'import:save-mapping': { mapping: '{}' },
};

/** Payloads no guard accepts: not an object, and the valid one with a key too many. */
function malformed(channel: Channel): unknown[] {
  return [null, 42, 'bundle:open', [], { ...VALID[channel], unexpected: true }];
}

const HOSTILE_URLS = ['https://example.org/', 'file:///etc/passwd', 'app://evil/index.html', 'app://desk@evil/index.html', 'javascript:alert(1)'];

function planFor(appDir: string, mainPath: string, workers: string[], o: CheckOptions): DrivePlan {
  const rendererDir = join(appDir, '.vite', 'renderer', vitePlugin().config.renderer[0].name);
  // The first script the page loads, to see an asset served as well as the page.
  const index = existsSync(join(rendererDir, 'index.html')) ? readFileSync(join(rendererDir, 'index.html'), 'utf8') : '';
  const script = /<script[^>]*\bsrc="\.?\/?([^"]+)"/.exec(index)?.[1];
  // The worker answers `ready` once it has opened the bundle: imported, running, its packages found.
  const init = { type: 'init', bundlePath: sampleBundle('full') } satisfies Partial<ToWorker>;
  const readyType = 'ready' satisfies FromWorker['type'];
  return {
    mainPath,
    userData: join(dirname(appDir), 'user-data'),
    channels: CHANNELS,
    malformed: Object.fromEntries(CHANNELS.map((c) => [c, malformed(c)])),
    valid: VALID,
    controls: [{ channel: 'settings:get', payload: {} }, { channel: 'key:get', payload: {} }],
    appEntry: APP_ENTRY,
    hostileUrls: HOSTILE_URLS,
    protocol: [
      { url: APP_ENTRY, expect: 'page' },
      ...(script ? [{ url: `${APP_ORIGIN}/${script}`, expect: 'asset' as const }] : []),
      { url: `${APP_ORIGIN}/%2e%2e/%2e%2e/%2e%2e/package.json`, expect: 'refused' },
      { url: `${APP_ORIGIN}/..%2f..%2f..%2fpackage.json`, expect: 'refused' },
      { url: 'app://evil/index.html', expect: 'refused' },
    ],
    workers: workers.map((path) => ({ path, init, readyType })),
    review: o.review === false ? null : { bundle: sampleBundle('full'), runId: 'boot-review' },
  };
}

// ---------------------------------------------------------------- the static part

type Node = { type: string; [key: string]: unknown };

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as Node).type === 'string';
}

function walk(v: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(v)) {
    for (const x of v) walk(x, visit);
    return;
  }
  if (!isNode(v)) return;
  visit(v);
  for (const [k, x] of Object.entries(v)) if (k !== 'parent' && typeof x === 'object' && x !== null) walk(x, visit);
}

const stringOf = (n: unknown): string | null => (isNode(n) && n.type === 'Literal' && typeof n.value === 'string' ? n.value : null);
const isId = (n: unknown, name?: string): boolean => isNode(n) && n.type === 'Identifier' && (name === undefined || n.name === name);
/** import.meta.url, or "" + import.meta.url as Vite's asset handling writes it. */
const isImportMetaUrl = (n: unknown): boolean =>
  (isNode(n) && n.type === 'MemberExpression' && isNode(n.object) && n.object.type === 'MetaProperty' && isId(n.property, 'url'))
  || (isNode(n) && n.type === 'BinaryExpression' && n.operator === '+' && stringOf(n.left) === '' && isImportMetaUrl(n.right));
const isCreateRequire = (n: unknown): boolean => isNode(n) && n.type === 'CallExpression' && isId(n.callee, 'createRequire');
const argsOf = (n: unknown): unknown[] => (isNode(n) && Array.isArray(n.arguments) ? n.arguments : []);

/** The value of a URL's first argument when it is text the bundler left readable. */
function staticText(n: unknown): string | null {
  const s = stringOf(n);
  if (s !== null) return s;
  if (isNode(n) && n.type === 'TemplateLiteral' && Array.isArray(n.expressions) && n.expressions.length === 0) {
    const quasis = n.quasis as { value: { cooked: string } }[];
    return quasis.map((q) => q.value.cooked).join('');
  }
  // ['.', 'x.js'].join('/'): how vite.main.config.ts keeps the worker's URL away from the asset plugin.
  if (isNode(n) && n.type === 'CallExpression' && isNode(n.callee) && n.callee.type === 'MemberExpression' && isId(n.callee.property, 'join')) {
    const arr = n.callee.object;
    const sepArg = (n.arguments as unknown[])[0];
    if (isNode(arr) && arr.type === 'ArrayExpression') {
      const parts = (arr.elements as unknown[]).map(stringOf);
      const glue = sepArg === undefined ? ',' : stringOf(sepArg);
      if (glue !== null && parts.every((p) => p !== null)) return parts.join(glue);
    }
  }
  return null;
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/** Provided by the Electron runtime itself, never by the package. */
const RUNTIME = /^electron(\/(main|common|renderer))?$/;
/** What a sandboxed preload's require() can load (Electron's docs, "Process Sandboxing"). */
const SANDBOX_REQUIRE = /^(electron|electron\/renderer|(node:)?(events|timers|url))$/;

function tryFile(p: string): string | null {
  for (const c of [p, `${p}.js`, `${p}.json`, join(p, 'index.js')]) if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

/** Every string a package.json `exports` target can lead to. */
function targetsOf(t: unknown): string[] {
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.flatMap(targetsOf);
  if (t && typeof t === 'object') return Object.values(t).flatMap(targetsOf);
  return [];
}

function resolveInPackage(pkgDir: string, sub: string): string | null {
  const pj = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { main?: string; exports?: unknown };
  if (pj.exports !== undefined) {
    const map = typeof pj.exports === 'object' && pj.exports !== null && !Array.isArray(pj.exports) && Object.keys(pj.exports).some((k) => k.startsWith('.'))
      ? (pj.exports as Record<string, unknown>)
      : { '.': pj.exports };
    const key = sub ? `./${sub}` : '.';
    for (const [k, target] of Object.entries(map)) {
      const star = k.indexOf('*');
      const hit = star < 0 ? k === key : key.startsWith(k.slice(0, star)) && key.endsWith(k.slice(star + 1));
      if (!hit) continue;
      const middle = star < 0 ? '' : key.slice(star, key.length - (k.length - star - 1));
      for (const t of targetsOf(target)) {
        const file = tryFile(join(pkgDir, t.replace('*', middle)));
        if (file) return file;
      }
    }
    return null;
  }
  return tryFile(join(pkgDir, sub || pj.main || 'index.js'));
}

/** Node's lookup of a bare specifier from `fromDir`, but never above the app folder: nothing outside it ships. */
function resolveInApp(spec: string, fromDir: string, appDir: string): string | null {
  const parts = spec.split('/');
  const nameLength = spec.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const sub = parts.slice(nameLength).join('/');
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const pkgDir = join(dir, 'node_modules', name);
    if (existsSync(join(pkgDir, 'package.json'))) return resolveInPackage(pkgDir, sub);
    if (dir === appDir || dirname(dir) === dir || !dir.startsWith(appDir)) return null;
  }
}

/** A module a built file loads, and how. */
export interface Load {
  file: string;
  spec: string;
  how: 'import' | 'import()' | 'require' | 'require.resolve';
}

interface StaticResult {
  problems: string[];
  loads: Load[];
  /** Files that a new URL(…, import.meta.url) of the bundle names and that are scripts: workers. */
  workers: string[];
}

/** Every module the built files load, by import, import(), require, require.resolve or new URL. */
function checkStatically(appDir: string, buildDir: string, files: string[]): StaticResult {
  const problems: string[] = [];
  const all: Load[] = [];
  const workers = new Set<string>();
  const rel = (p: string) => relative(appDir, p).split(sep).join('/');
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    // Forge emits the preload as <entry>.cjs; main and its chunks are ES modules (.js) here.
    const isPreload = file.endsWith('.cjs');
    let ast: unknown;
    try {
      ast = parseAst(code);
    } catch (e) {
      problems.push(`files: ${rel(file)} does not parse: ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    // Names bound to createRequire(base): require$1 = createRequire(import.meta.url), and `require` in CommonJS.
    const requireBase = new Map<string, string | null>();
    if (isPreload) requireBase.set('require', file);
    const baseOf = (arg: unknown): string | null => {
      if (isImportMetaUrl(arg) || isId(arg, '__filename')) return file;
      // createRequire(require.resolve('pkg')): requires resolved from that package's file.
      if (isNode(arg) && arg.type === 'CallExpression' && isNode(arg.callee) && arg.callee.type === 'MemberExpression'
        && isId(arg.callee.property, 'resolve') && isNode(arg.callee.object) && requireBase.has(String(arg.callee.object.name))) {
        const spec = stringOf((arg.arguments as unknown[])[0]);
        const from = requireBase.get(String(arg.callee.object.name));
        return spec && from ? resolveInApp(spec, dirname(from), appDir) : null;
      }
      return null;
    };
    walk(ast, (n) => {
      if (n.type === 'VariableDeclarator' && isId(n.id) && isCreateRequire(n.init)) requireBase.set(String((n.id as Node).name), baseOf(argsOf(n.init)[0]));
    });
    const loads: { spec: string; from: string; how: Load['how'] }[] = [];
    walk(ast, (n) => {
      if ((n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') && n.source) {
        loads.push({ spec: stringOf(n.source)!, from: file, how: 'import' });
      } else if (n.type === 'ImportExpression') {
        const spec = stringOf(n.source);
        if (spec === null) problems.push(`externals: ${rel(file)} has an import() of a computed name, which no check can follow`);
        else loads.push({ spec, from: file, how: 'import()' });
      } else if (n.type === 'CallExpression') {
        const spec = stringOf(argsOf(n)[0]);
        if (spec === null) return;
        // The base a require-like function resolves from: createRequire(base) itself, or a name bound to one.
        const baseOfRequire = (f: unknown): string | null | undefined =>
          isCreateRequire(f) ? baseOf(argsOf(f)[0]) : isNode(f) && f.type === 'Identifier' ? requireBase.get(String(f.name)) : undefined;
        const callee = n.callee;
        const viaResolve = isNode(callee) && callee.type === 'MemberExpression' && isId(callee.property, 'resolve');
        const base = viaResolve ? baseOfRequire((callee as Node).object) : baseOfRequire(callee);
        if (base) loads.push({ spec, from: base, how: viaResolve ? 'require.resolve' : 'require' });
      } else if (n.type === 'NewExpression' && isId(n.callee, 'URL') && (n.arguments as unknown[]).length === 2 && isImportMetaUrl((n.arguments as unknown[])[1])) {
        const target = staticText((n.arguments as unknown[])[0]);
        if (target === null) problems.push(`worker: ${rel(file)} makes a new URL(…, import.meta.url) from an expression no check can follow`);
        else if (target.startsWith('data:')) problems.push(`worker: ${rel(file)} inlines a module as a data: URL in new URL(…, import.meta.url); no worker file beside main.js is loaded`);
        else {
          const path = fileURLToPath(new URL(target, pathToFileURL(file)));
          if (!existsSync(path)) problems.push(`worker: ${rel(file)} points new URL('${target}', import.meta.url) at ${rel(path)}, which the build does not contain`);
          else if (/\.[cm]?js$/.test(path)) workers.add(path);
        }
      } else if (n.type === 'Identifier' && /^[A-Z0-9_]+_VITE_(DEV_SERVER_URL|NAME)$/.test(String(n.name))) {
        problems.push(`files: ${rel(file)} still names ${String(n.name)}: Forge's build-time defines were not applied`);
      }
    });
    for (const { spec, from, how } of loads) {
      all.push({ file: rel(file), spec, how });
      if (isPreload && !SANDBOX_REQUIRE.test(spec)) {
        problems.push(`preload: ${rel(file)} loads '${spec}', which a sandboxed preload cannot require (only electron, events, timers, url)`);
        continue;
      }
      if (BUILTINS.has(spec) || RUNTIME.test(spec)) continue;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = resolve(dirname(from), spec);
        if (!tryFile(target)) problems.push(`files: ${rel(file)} loads ${spec} (${how}), which the build does not contain`);
        continue;
      }
      if (spec.startsWith('node:')) {
        problems.push(`externals: ${rel(file)} loads ${spec}, which is not a Node built-in`);
        continue;
      }
      if (!resolveInApp(spec, dirname(from), appDir)) {
        problems.push(`externals: ${rel(file)} loads '${spec}' (${how}), which the package does not ship (neither bundled nor in its node_modules)`);
      }
    }
  }
  if (!files.some((f) => f.endsWith('.cjs'))) problems.push(`files: ${rel(buildDir)} has no preload.cjs`);
  return { problems, loads: all, workers: [...workers].sort() };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.[cm]?js$/.test(e.name)).map((e) => join(e.parentPath, e.name)).sort();
}

// ---------------------------------------------------------------- running it

/**
 * The stand-in as the app's `electron`: a package in the folder above the app, outside what
 * ships, as the Electron runtime supplies that module from outside the app too.
 */
async function installStandIn(appDir: string): Promise<string | null> {
  if (existsSync(join(appDir, 'node_modules', 'electron'))) {
    return 'externals: the package ships an electron package in node_modules, which would shadow the module Electron supplies';
  }
  const dir = join(dirname(appDir), 'node_modules', 'electron');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '0.0.0-stand-in', main: 'index.cjs' }));
  await copyFile(STAND_IN, join(dir, 'index.cjs'));
  return null;
}

function drive(plan: DrivePlan, cwd: string, timeoutMs: number): Promise<DriveReport> {
  return new Promise((resolvePromise, reject) => {
    // A clean environment: nothing of vitest's, no NODE_OPTIONS or NODE_PATH to find modules by.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', TZ: process.env.TZ };
    const child = fork(DRIVER, [], { cwd, env, execArgv: [], serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    let report: DriveReport | null = null;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('message', (m) => {
      report = m as DriveReport;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (report) resolvePromise(report);
      else reject(new Error(`the driver ${signal ? `was killed (${signal}, after ${timeoutMs} ms)` : `exited with ${code}`} without a report:\n${output.slice(-4000)}`));
    });
    child.send(plan);
  });
}

export interface CheckOptions {
  /** Run a review of the full sample and build its report through the bundle (default true). */
  review?: boolean;
  timeoutMs?: number;
}

export interface BundleCheck {
  /** Each problem starts with its area: files, externals, worker, boot, window, scheme, protocol, hardening, session, ipc, preload, review. */
  problems: string[];
  /** What the built files load (checked against the package). */
  loads: Load[];
  report: DriveReport | null;
}

/**
 * Checks a packaged app folder (package.json, .vite/, node_modules): what the built files
 * load is there, the worker is a file beside main.js, and main boots against the electron
 * stand-in into the hardened window, session, app:// scheme and IPC of the contract.
 * The stand-in and the app's user data go in the folder above appDir.
 */
export async function checkDesktopBundle(appDir: string, o: CheckOptions = {}): Promise<BundleCheck> {
  const problems: string[] = [];
  const pjPath = join(appDir, 'package.json');
  if (!existsSync(pjPath)) return { problems: ['files: the package has no package.json'], loads: [], report: null };
  const pj = JSON.parse(await readFile(pjPath, 'utf8')) as { main?: string };
  const mainPath = join(appDir, pj.main ?? 'index.js');
  if (!pj.main?.startsWith('.vite/') || !existsSync(mainPath)) return { problems: [`files: package.json's main (${pj.main}) is not a built file under .vite/`], loads: [], report: null };
  const buildDir = dirname(mainPath);
  const statics = checkStatically(appDir, buildDir, await filesUnder(buildDir));
  problems.push(...statics.problems);
  const shadowed = await installStandIn(appDir);
  if (shadowed) return { problems: [...problems, shadowed], loads: statics.loads, report: null };
  const plan = planFor(appDir, mainPath, statics.workers, o);
  const report = await drive(plan, dirname(appDir), o.timeoutMs ?? 45_000);
  problems.push(...judge(report, plan, appDir));
  return { problems, loads: statics.loads, report };
}

// ---------------------------------------------------------------- judging the report

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function judge(r: DriveReport, plan: DrivePlan, appDir: string): string[] {
  const problems: string[] = [];
  const p = (area: string, text: string) => problems.push(`${area}: ${text}`);
  for (const w of r.workers) if (w.outcome !== 'ready') p('worker', `${relative(appDir, w.path)} did not start in a worker thread: ${w.outcome}`);
  if (r.bootError) {
    p('boot', `main.js failed to load: ${r.bootError.split('\n').slice(0, 3).join(' | ')}`);
    return problems;
  }
  for (const e of r.errors) p('boot', `uncaught in main: ${e.split('\n')[0]}`);
  const before = r.calls.slice(0, r.readyAt).map((c) => c.api);
  for (const api of ['app.requestSingleInstanceLock', 'protocol.registerSchemesAsPrivileged', 'app.enableSandbox']) {
    if (!before.includes(api)) p('boot', `${api} was not called before ready`);
  }
  if (r.calls.some((c) => c.api === 'app.quit' || c.api === 'app.exit')) p('boot', `main quit during start: ${r.log.join(' ').slice(0, 300)}`);
  for (const c of r.calls.filter((x) => x.api === 'net.fetch' || x.api === 'shell.openExternal')) p('boot', `main called ${c.api}(${JSON.stringify(c.args[0])}); the packaged app reaches no one`);

  // The window.
  if (r.windows.length !== 1) p('window', `expected one BrowserWindow, got ${r.windows.length}`);
  const win = r.windows[0];
  if (win) {
    const prefs = (win.options.webPreferences ?? {}) as Record<string, unknown>;
    const expected = { sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webviewTag: false, webSecurity: true, allowRunningInsecureContent: false, devTools: false };
    for (const [k, v] of Object.entries(expected)) if (prefs[k] !== v) p('window', `webPreferences.${k} is ${JSON.stringify(prefs[k])}, expected ${v}`);
    const preload = typeof prefs.preload === 'string' ? prefs.preload : '';
    if (!preload || !existsSync(preload)) p('window', `webPreferences.preload (${preload || 'none'}) is not a file of the build`);
    else if (!resolve(preload).startsWith(join(appDir, '.vite', 'build') + sep) || !preload.endsWith('.cjs')) p('window', `webPreferences.preload (${preload}) is not the built preload.cjs`);
    if (!sameJson(win.loaded, [plan.appEntry])) p('window', `the window loaded ${JSON.stringify(win.loaded)}, expected ${plan.appEntry}`);
  }

  // Packaged: no DevTools or reload in the menu.
  const roles: string[] = JSON.stringify(r.menu ?? null).match(/"role":"[^"]+"/g) ?? [];
  if (!r.menu) p('window', 'no application menu was set');
  for (const role of ['toggleDevTools', 'reload', 'forceReload']) if (roles.includes(`"role":"${role}"`)) p('window', `the packaged menu offers ${role}`);

  // The scheme and its handler.
  const scheme = r.privilegedSchemes.find((s) => s.scheme === APP_SCHEME);
  if (!scheme) p('scheme', `${APP_SCHEME}: was not registered as privileged`);
  else {
    const priv = scheme.privileges ?? {};
    if (priv.standard !== true || priv.secure !== true) p('scheme', `${APP_SCHEME}: is not standard and secure: ${JSON.stringify(priv)}`);
    if (priv.bypassCSP) p('scheme', `${APP_SCHEME}: bypasses the CSP`);
  }
  if (!r.protocolSchemes.includes(APP_SCHEME)) p('protocol', `no handler for ${APP_SCHEME}: on the session`);
  if (!plan.protocol.some((x) => x.expect === 'asset')) p('protocol', 'the built page names no script to request');
  for (const want of plan.protocol) {
    const res = r.protocol.find((x) => x.url === want.url);
    if (!res) {
      p('protocol', `${want.url} was not requested`);
      continue;
    }
    if (res.headers['content-security-policy'] !== CONTENT_SECURITY_POLICY) p('protocol', `${want.url} answered without the app's CSP header`);
    if (want.expect === 'refused' && res.status === 200) p('protocol', `${want.url} was served; it must be refused`);
    if (want.expect !== 'refused' && res.status !== 200) p('protocol', `${want.url} was not served (status ${res.status}: ${res.body.slice(0, 200)})`);
    if (want.expect === 'page' && !/<div id="root">/.test(res.body)) p('protocol', `${want.url} is not the built page`);
  }

  // Navigation, windows, webviews: on the window's contents and on any other.
  for (const which of ['window', 'other'] as const) {
    const c = r.contents.find((x) => x.which === which);
    if (!c) {
      p('hardening', `no ${which} web contents to probe`);
      continue;
    }
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      if (!c.listeners[event]) p('hardening', `${which} contents: no ${event} handler`);
    }
    for (const [event, byUrl] of Object.entries(c.prevented)) {
      for (const [url, prevented] of Object.entries(byUrl)) {
        const mustPrevent = url !== plan.appEntry || event === 'will-attach-webview';
        if (prevented !== mustPrevent) p('hardening', `${which} contents: ${event} to ${url} was ${prevented ? 'prevented' : 'allowed'}`);
      }
    }
    if (!c.hasWindowOpenHandler) p('hardening', `${which} contents: no window open handler`);
    for (const [url, answer] of Object.entries(c.windowOpen)) {
      if (!sameJson(answer, { action: 'deny' })) p('hardening', `${which} contents: window.open(${url}) answered ${JSON.stringify(answer)}`);
    }
  }

  // The session.
  const s = r.session;
  if (!s) p('session', 'the default session was never touched');
  else {
    for (const [perm, v] of Object.entries(s.permissionRequest)) if (v !== false) p('session', `permission request ${perm} answered ${JSON.stringify(v)}`);
    for (const [perm, v] of Object.entries(s.permissionCheck)) if (v !== false) p('session', `permission check ${perm} answered ${JSON.stringify(v)}`);
    if (s.devicePermission !== false) p('session', `device permission answered ${JSON.stringify(s.devicePermission)}`);
    if (s.displayMedia !== null) p('session', `display media request answered ${JSON.stringify(s.displayMedia)}`);
    for (const [url, v] of Object.entries(s.beforeRequest)) {
      const cancel = (v as { cancel?: boolean } | null)?.cancel;
      if (cancel !== (url !== plan.appEntry)) p('session', `request to ${url}: cancel ${JSON.stringify(cancel)}`);
    }
    const headers = (s.headersReceived as { responseHeaders?: Record<string, string[]> } | null)?.responseHeaders;
    if (!sameJson(headers?.['Content-Security-Policy'], [CONTENT_SECURITY_POLICY])) p('session', 'responses of the session do not get the CSP header');
    if (s.downloadPrevented !== true) p('session', 'a download was not prevented');
    if (s.spellChecker !== false) p('session', 'the spellchecker (which downloads dictionaries) is not off');
  }

  // IPC: every channel once, each refusing what it must.
  for (const channel of plan.channels) {
    const n = r.ipcRegistered.filter((c) => c === channel).length;
    if (n !== 1) p('ipc', `${channel} registered ${n} times with ipcMain.handle`);
  }
  for (const extra of new Set(r.ipcRegistered.filter((c) => !plan.channels.includes(c)))) p('ipc', `${extra} is handled but not in the contract`);
  for (const x of r.ipc) {
    const want = x.sender === 'main frame' ? 'bad-request' : 'forbidden';
    if (x.answer.ok !== false || x.answer.code !== want) p('ipc', `${x.channel} from ${x.sender} with ${x.payload} payload answered ${JSON.stringify(x.answer)}, expected ${want}`);
  }
  for (const channel of plan.channels) {
    if (r.ipcRegistered.includes(channel) && !r.ipc.some((x) => x.channel === channel)) p('ipc', `${channel} was not probed`);
  }
  for (const c of r.controls) if (c.answer.ok !== true) p('ipc', `${c.channel} from the app's own frame failed: ${JSON.stringify(c.answer)}`);

  // The preload: exactly the contract.
  problems.push(...judgePreload(r.preload));

  // A review and its report through the bundle: the engine, its worker and the runtime packages at work.
  if (plan.review) {
    if (!r.review) p('review', 'no review was run');
    else {
      if (r.review.open.ok !== true || (r.review.open.value as { outcome?: string } | undefined)?.outcome !== 'reviewed') p('review', `bundle:open did not review the sample: ${JSON.stringify(r.review.open)}`);
      if (r.review.progressEvents === 0) p('review', 'no review:progress event reached the window');
      const rep = r.review.report;
      if (!rep || rep.ok !== true || !(rep.value as { pdfHead?: string } | undefined)?.pdfHead?.startsWith('%PDF-')) p('review', `report:build did not make a PDF: ${JSON.stringify(rep)}`);
    }
  }
  return problems;
}

function judgePreload(pre: DriveReport['preload']): string[] {
  const problems: string[] = [];
  const p = (text: string) => problems.push(`preload: ${text}`);
  if (pre.error) p(`preload.cjs failed in a sandboxed context: ${pre.error.split('\n')[0]}`);
  for (const name of pre.requires) if (!SANDBOX_REQUIRE.test(name)) p(`requires '${name}', which a sandboxed preload cannot`);
  if (pre.exposed.length !== 1 || pre.exposed[0].key !== API_KEY) {
    p(`exposes ${JSON.stringify(pre.exposed.map((e) => e.key))}, expected exactly one object, ${API_KEY}`);
    if (!pre.exposed.length) return problems;
  }
  const methods = pre.exposed[0].methods;
  const channelOf = new Map<string, string>(Object.entries(METHOD_OF).map(([c, m]) => [m, c]));
  const events = new Set(Object.keys(EVENT_GUARDS));
  const subscribed = new Map<string, string>();
  for (const [name, m] of Object.entries(methods)) {
    if (m.type !== 'function') {
      p(`${API_KEY}.${name} is a ${m.type}, not a method`);
      continue;
    }
    const [call, ...more] = m.ipc;
    if (!call || more.length) {
      p(`${API_KEY}.${name} made ${m.ipc.length} ipcRenderer calls, expected one`);
      continue;
    }
    const channel = channelOf.get(name);
    if (channel) {
      if (call.api !== 'ipcRenderer.invoke' || call.channel !== channel || !call.passedArgumentOnly) p(`${API_KEY}.${name} made ${call.api}('${call.channel}'), expected invoke('${channel}') with its argument only`);
    } else if (call.api === 'ipcRenderer.on' && events.has(call.channel)) {
      if (subscribed.has(call.channel)) p(`${call.channel} has two subscriptions, ${subscribed.get(call.channel)} and ${name}`);
      subscribed.set(call.channel, name);
      if (!sameJson(m.listenerGot, [['payload']])) p(`${API_KEY}.${name} handed the page's listener ${JSON.stringify(m.listenerGot)}, not the payload alone`);
      if (!m.unsubscribed) p(`${API_KEY}.${name}'s unsubscribe does not remove its listener`);
    } else {
      p(`${API_KEY}.${name} is not in the contract (it made ${call.api}('${call.channel}'))`);
    }
  }
  for (const [channel, name] of Object.entries(METHOD_OF)) if (!methods[name]) p(`${API_KEY}.${name} (${channel}) is missing`);
  for (const event of events) if (!subscribed.has(event)) p(`no subscription to ${event}`);
  return problems;
}

/** The valid payloads really are valid (else the sender refusals would prove nothing). */
export function invalidValidPayloads(): string[] {
  return CHANNELS.flatMap((c) => {
    const r = checkRequest(c, VALID[c]);
    return r.ok ? [] : [`${c}: ${r.reason}`];
  });
}
