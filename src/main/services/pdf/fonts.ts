// Noto Sans SC (SIL OFL 1.1) from the @expo-google-fonts/noto-sans-sc package: it covers
// the Chinese of the report, and pdfkit embeds only the glyphs used (subset).
// assets/fonts/NOTICE.md names the font and its licence file.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export interface FontFiles {
  regular: string;
  bold: string;
  /** The OFL text shipped with the package. */
  licence: string;
}

let cached: FontFiles | null = null;

export function reportFonts(): FontFiles {
  if (cached) return cached;
  const root = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  const files: FontFiles = {
    regular: join(root, '400Regular', 'NotoSansSC_400Regular.ttf'),
    bold: join(root, '700Bold', 'NotoSansSC_700Bold.ttf'),
    licence: join(root, 'LICENSE_FONT'),
  };
  for (const f of [files.regular, files.bold]) {
    if (!existsSync(f)) throw new Error(`report font missing: ${f} (is @expo-google-fonts/noto-sans-sc installed?)`);
  }
  cached = files;
  return files;
}
