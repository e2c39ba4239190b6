// Folders the end-to-end run shares between playwright.config.ts (the host it starts) and
// the flows (what they check), all under test-results/ (ignored by git).

import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const RESULTS = join(ROOT, 'test-results');
/** Playwright's own output: traces and screenshots of failed flows. */
export const ARTIFACTS = join(RESULTS, 'artifacts');
/** A photograph of every screen the flows visit, `<name>-<W>x<H>.png`. */
export const SCREENS = join(RESULTS, 'screens');
/** The renderer the host serves, built for this run by the host's command. */
export const RENDERER = join(RESULTS, 'e2e-renderer');
/** Where the host's file:save writes (there is no save dialog). */
export const SAVED = join(RESULTS, 'saved');

/** Debian's Chromium; Playwright never downloads a browser here. */
export const CHROMIUM = '/usr/bin/chromium';
/** The environment variable that carries the host's address, secret included, to the flows. */
export const URL_ENV = 'CD_E2E_URL';
