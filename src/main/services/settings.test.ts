import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPatch, DEFAULT_SETTINGS, fileSettingsStore, memorySettingsStore } from './settings.js';

describe('settings', () => {
  it('a patch changes only what it names', () => {
    const s = applyPatch(DEFAULT_SETTINGS, { workers: 2 });
    expect(s).toEqual({ ...DEFAULT_SETTINGS, workers: 2 });
    expect(applyPatch(s, { reviewer: { name: '张三' } }).reviewer).toEqual({ name: '张三' });
    expect(applyPatch(s, { reviewer: null }).reviewer).toBeNull();
  });

  it('the memory store hands out copies', async () => {
    const st = memorySettingsStore();
    const s = await st.load();
    s.evidencePerRule = 999;
    expect((await st.load()).evidencePerRule).toBe(DEFAULT_SETTINGS.evidencePerRule);
  });

  it('the file store round-trips and ignores a file that fails the guard', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-settings-'));
    const file = join(dir, 'settings.json');
    const st = fileSettingsStore(file);
    expect(await st.load()).toEqual(DEFAULT_SETTINGS);
    const next = applyPatch(DEFAULT_SETTINGS, { reviewer: { name: '李四', organisation: '数据局' }, workers: 0 });
    await st.save(next);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(next);
    expect(await fileSettingsStore(file).load()).toEqual(next);

    for (const bad of ['{not json', '{"workers": 99}', '{"__proto__": {"workers": 1}}', '{"evidencePerRule": "all"}', '[]']) {
      writeFileSync(file, bad);
      expect(await fileSettingsStore(file).load(), bad).toEqual(DEFAULT_SETTINGS);
    }
  });
});
