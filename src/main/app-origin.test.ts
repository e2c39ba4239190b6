import { describe, expect, it } from 'vitest';
import { APP_ENTRY, isAppUrl, loopbackDevOrigin, mayNavigate, mayRedirect, mayRequest } from './app-origin.js';

// Every one of these must be refused as a navigation, a redirect and a request.
const HOSTILE = [
  'https://example.com/',
  'http://desk/',
  'https://desk/index.html',
  'file:///etc/passwd',
  'file:///C:/Windows/System32/',
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'blob:app://desk/0b2f',
  'about:blank',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'ws://127.0.0.1:9229/',
  'app://evil/',
  'app://evil/index.html',
  'app://desk.evil/',
  'app://deskevil/',
  'app://app@evil/',
  'app://desk@evil/',
  'app://desk:x@evil/',
  'app://evil\\@desk/',
  'app://evil@desk/',
  'app://desk:8080/',
  'app://desk',
  'app:desk/index.html',
  'app:///desk/index.html',
  'app://%64esk/',
  ' app://desk/',
  'app://desk\t/',
  '',
  'app://desk/' + 'a'.repeat(9000),
];

describe('the app origin', () => {
  it.each(HOSTILE)('refuses %j', (url) => {
    expect(isAppUrl(url)).toBe(false);
    expect(mayNavigate(url)).toBe(false);
    expect(mayRedirect(url)).toBe(false);
    expect(mayRequest(url, null)).toBe(false);
  });

  it.each([undefined, null, 42, {}, ['app://desk/']])('refuses the non-string %j', (v) => {
    expect(isAppUrl(v)).toBe(false);
  });

  it.each([APP_ENTRY, 'app://desk/', 'app://desk/assets/index-abc.js', 'app://desk/index.html#/cases?x=1'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
    expect(mayNavigate(url)).toBe(true);
    expect(mayRequest(url, null)).toBe(true);
  });
});

describe('the dev server exception', () => {
  const dev = 'http://localhost:5173';
  it('lets only the exact dev origin through, and only when one is given', () => {
    expect(mayRequest('http://localhost:5173/src/renderer/main.tsx', dev)).toBe(true);
    expect(mayRequest('http://localhost:5173/src/renderer/main.tsx', null)).toBe(false);
    for (const url of ['http://localhost:5174/', 'https://localhost:5173/', 'http://evil.com/', 'http://user@localhost:5173/', 'http://localhost:5173.evil.com/', ...HOSTILE]) {
      expect(mayRequest(url, dev), url).toBe(false);
    }
  });

  it('takes a dev server URL only on loopback', () => {
    expect(loopbackDevOrigin('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(loopbackDevOrigin('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    for (const bad of ['http://192.168.1.2:5173', 'https://localhost:5173', 'http://a@localhost:5173', 'http://example.com', 'file:///x', undefined, 'nonsense']) {
      expect(loopbackDevOrigin(bad), String(bad)).toBeNull();
    }
  });
});
