import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, describeWindow, formatWindow, parseWindow } from './window.js';

describe('log window around an incident', () => {
  it('parses offsets with units and writes them back', () => {
    expect(parseWindow('-24h..+72h')).toEqual(DEFAULT_WINDOW);
    expect(parseWindow('-90m..2d')).toEqual({ startMinutes: -90, endMinutes: 2880 });
    expect(parseWindow(' -1.5h .. +30min ')).toEqual({ startMinutes: -90, endMinutes: 30 });
    expect(formatWindow(DEFAULT_WINDOW)).toBe('-24h..+72h');
    expect(formatWindow({ startMinutes: -90, endMinutes: 30 })).toBe('-90m..+30m');
    expect(describeWindow(DEFAULT_WINDOW)).toBe('发现前 24 小时至发现后 72 小时');
  });

  it('refuses empty, reversed, unitless and absurd windows', () => {
    for (const bad of ['', '-24h', '24..72', '+72h..-24h', '-1h..-1h', '-24x..+1h', '-1000d..+1h']) expect(parseWindow(bad), bad).toBeNull();
  });
});
