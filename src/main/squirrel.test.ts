import { describe, expect, it, vi } from 'vitest';
import { handleSquirrelEvent } from './squirrel.js';

function env(platform: NodeJS.Platform, arg?: string) {
  const spawned: [string, string[]][] = [];
  const quit = vi.fn();
  const spawn = (c: string, a: string[]) => {
    spawned.push([c, a]);
    return { on: (event: string, cb: () => void) => (event === 'close' ? cb() : undefined) };
  };
  const execPath = 'C:\\Users\\u\\AppData\\Local\\compliance_desk\\app-0.1.0\\compliance-desk.exe';
  return { e: { platform, argv: ['compliance-desk.exe', ...(arg ? [arg] : [])], execPath, quit, spawn }, spawned, quit };
}

describe('Squirrel.Windows start-up events', () => {
  it('ignores ordinary starts and other platforms', () => {
    for (const [p, a] of [['win32', undefined], ['win32', '--squirrel-firstrun'], ['linux', '--squirrel-install'], ['win32', 'bundle.zip']] as const) {
      const t = env(p, a);
      expect(handleSquirrelEvent(t.e)).toBe(false);
      expect(t.spawned).toEqual([]);
    }
  });

  it('creates shortcuts on install and update, removes them on uninstall, then quits', () => {
    for (const [arg, verb] of [['--squirrel-install', '--createShortcut'], ['--squirrel-updated', '--createShortcut'], ['--squirrel-uninstall', '--removeShortcut']]) {
      const t = env('win32', arg);
      expect(handleSquirrelEvent(t.e)).toBe(true);
      expect(t.spawned).toHaveLength(1);
      expect(t.spawned[0][0]).toBe('C:\\Users\\u\\AppData\\Local\\compliance_desk\\Update.exe');
      expect(t.spawned[0][1]).toEqual([verb, 'compliance-desk.exe']);
      expect(t.quit).toHaveBeenCalled();
    }
  });

  it('quits at once when obsolete', () => {
    const t = env('win32', '--squirrel-obsolete');
    expect(handleSquirrelEvent(t.e)).toBe(true);
    expect(t.spawned).toEqual([]);
    expect(t.quit).toHaveBeenCalled();
  });
});
