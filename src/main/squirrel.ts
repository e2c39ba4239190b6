// Squirrel.Windows runs the app once with --squirrel-install / -updated / -uninstall /
// -obsolete while installing: the app must then only create or remove its shortcuts
// (through Squirrel's own Update.exe, beside the app folder) and quit, never open a window.

import { spawn as nodeSpawn } from 'node:child_process';
import { win32 } from 'node:path';

export interface SquirrelEnv {
  platform: NodeJS.Platform;
  argv: string[];
  execPath: string;
  quit(): void;
  spawn?: (command: string, args: string[]) => { on(event: 'close' | 'error', cb: () => void): unknown };
}

/** True when this start was a Squirrel event (handled: the caller must not start the app). */
export function handleSquirrelEvent(env: SquirrelEnv): boolean {
  const cmd = env.argv[1];
  if (env.platform !== 'win32' || typeof cmd !== 'string' || !cmd.startsWith('--squirrel-')) return false;
  if (cmd === '--squirrel-firstrun') return false;
  const spawn = env.spawn ?? ((c: string, a: string[]) => nodeSpawn(c, a, { detached: true, stdio: 'ignore' }));
  // Windows paths whatever runs this code (the tests run on Linux).
  const update = win32.resolve(win32.dirname(env.execPath), '..', 'Update.exe');
  const exe = win32.basename(env.execPath);
  const runThenQuit = (args: string[]) => {
    const child = spawn(update, args);
    child.on('close', env.quit);
    child.on('error', env.quit);
  };
  switch (cmd) {
    case '--squirrel-install':
    case '--squirrel-updated':
      runThenQuit(['--createShortcut', exe]);
      return true;
    case '--squirrel-uninstall':
      runThenQuit(['--removeShortcut', exe]);
      return true;
    default:
      env.quit();
      return true;
  }
}
