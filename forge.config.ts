// Packaging: Electron Forge with the Vite plugin (main, preload, renderer), fuses that
// turn off every way to run the binary as something else, and makers for Linux (deb),
// Windows (Squirrel) and a zip for every platform. There is no rpm maker: the registry
// has no @electron-forge/maker-rpm for Forge 8 (see docs/desktop.md).

import { cp, mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { MAIN_RUNTIME_PACKAGES } from './vite.main.config.js';

const ROOT = import.meta.dirname;

/**
 * Parts of a runtime package that main needs; the rest (other font weights, pdf.js's
 * viewer and browser builds) would only make the package bigger.
 */
const KEEP: Record<string, (rel: string) => boolean> = {
  '@expo-google-fonts/noto-sans-sc': (rel) =>
    rel === '' || rel === 'package.json' || rel.startsWith('LICENSE') || /^(400Regular|700Bold)(\/|$)/.test(rel),
  'pdfjs-dist': (rel) =>
    rel === '' || rel === 'package.json' || rel === 'LICENSE' || /^(legacy\/build|cmaps|standard_fonts|wasm|iccs)(\/|$)/.test(rel) || rel === 'legacy',
};

/** The folder of package `name` as Node would find it from `fromDir`. */
function packageDir(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === ROOT || dirname(dir) === dir) return null;
  }
}

/**
 * Every package folder the runtime packages need: themselves and their `dependencies`,
 * transitively, resolved the way Node resolves them. Optional dependencies are left out
 * (pdf.js's canvas is native and unused: main extracts text only).
 */
export async function runtimeClosure(names: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  const queue: { name: string; from: string }[] = names.map((name) => ({ name, from: ROOT }));
  while (queue.length) {
    const { name, from } = queue.shift()!;
    const dir = packageDir(name, from);
    if (!dir) throw new Error(`runtime package ${name} (needed from ${relative(ROOT, from) || '.'}) is not installed`);
    if (found.has(dir)) continue;
    found.add(dir);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push({ name: dep, from: dir });
  }
  return [...found].sort();
}

export async function copyRuntimePackages(buildPath: string): Promise<void> {
  for (const dir of await runtimeClosure(MAIN_RUNTIME_PACKAGES)) {
    const rel = relative(ROOT, dir);
    const name = rel.split(sep).slice(-2)[0].startsWith('@') ? rel.split(sep).slice(-2).join('/') : rel.split(sep).at(-1)!;
    const keep = KEEP[name];
    await mkdir(join(buildPath, dirname(rel)), { recursive: true });
    await cp(dir, join(buildPath, rel), {
      recursive: true,
      dereference: true,
      // Nested node_modules are copied as packages of their own, when the closure has them.
      filter: (src) => {
        const inner = relative(dir, src).split(sep).join('/');
        if (inner.split('/').includes('node_modules')) return false;
        return keep ? keep(inner) : true;
      },
    });
  }
}

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Compliance Desk',
    executableName: 'compliance-desk',
    appBundleId: 'cn.compliance-desk.app',
    appCategoryType: 'public.app-category.business',
    // Required by the OnlyLoadAppFromAsar and asar-integrity fuses below.
    asar: true,
    win32metadata: { CompanyName: 'Compliance Desk', ProductName: '合规审查台', FileDescription: '合规审查台' },
  },
  rebuildConfig: {},
  hooks: {
    // The Vite plugin packages only .vite/; main's runtime packages come after it (after
    // pruning, so the pruner cannot drop what the bundle loads by name).
    packageAfterPrune: async (_config, buildPath) => {
      await copyRuntimePackages(buildPath);
    },
  },
  makers: [
    new MakerZIP({}, ['linux', 'win32', 'darwin']),
    new MakerDeb({
      options: {
        name: 'compliance-desk',
        productName: '合规审查台',
        genericName: 'Compliance review',
        description: '公共数据资源授权运营合规审查（锦政规〔2025〕4号），离线运行',
        categories: ['Office'],
        section: 'utils',
        bin: 'compliance-desk',
      },
    }),
    new MakerSquirrel({
      name: 'compliance_desk',
      authors: 'Compliance Desk',
      description: '合规审查台：公共数据资源授权运营合规审查',
      noMsi: true,
    }),
  ],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'src/main/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'src/main/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
    new FusesPlugin({
      version: FuseVersion.V1,
      // Not a Node runtime: ELECTRON_RUN_AS_NODE, NODE_OPTIONS and --inspect are ignored.
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      // The app code is the signed asar, checked against its embedded hash, and nothing else.
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      // The app uses app://, never file://: file: gets no extra privileges.
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    }),
  ],
};

export default config;
