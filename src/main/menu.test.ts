import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from './menu.js';

function flat(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);
}

describe('the application menu', () => {
  const actions = { command: vi.fn(), about: vi.fn() };

  it('is in Chinese', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const labels = flat(menuTemplate({ platform, devTools: false, actions })).filter((i) => i.type !== 'separator').map((i) => i.label ?? '');
      expect(labels.length).toBeGreaterThan(10);
      for (const l of labels) expect(l, l).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('has no DevTools or reload in a packaged build', () => {
    const roles = flat(menuTemplate({ platform: 'linux', devTools: false, actions })).map((i) => i.role);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
    expect(flat(menuTemplate({ platform: 'linux', devTools: true, actions })).map((i) => i.role)).toContain('toggleDevTools');
  });

  it('sends its commands to the page', () => {
    const open = flat(menuTemplate({ platform: 'linux', devTools: false, actions })).find((i) => i.label === '打开证据包 ZIP…')!;
    (open.click as () => void)();
    expect(actions.command).toHaveBeenCalledWith('open-zip');
  });
});
