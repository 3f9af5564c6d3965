import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  APP_ORIGIN,
  appOrigins,
  contentSecurityPolicy,
  isAllowedExternal,
  isAppUrl,
  isNavigationAllowed,
  isTrustedSender,
  permissionDecision,
  securityHeaders,
  webPreferences,
  windowOpenDecision,
} from './security';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
}

describe('webPreferences', () => {
  const p = webPreferences('/app/out/preload/index.js');
  test('isolates and sandboxes the renderer', () => {
    assert.equal(p.contextIsolation, true);
    assert.equal(p.sandbox, true);
    assert.equal(p.nodeIntegration, false);
    assert.equal(p.nodeIntegrationInWorker, false);
    assert.equal(p.nodeIntegrationInSubFrames, false);
    assert.equal(p.webSecurity, true);
    assert.equal(p.allowRunningInsecureContent, false);
    assert.equal(p.webviewTag, false);
    assert.equal(p.preload, '/app/out/preload/index.js');
  });
});

describe('contentSecurityPolicy', () => {
  test('production: scripts only from the app, nothing inline or eval, no plugins', () => {
    const d = directives(contentSecurityPolicy());
    assert.deepEqual(d.get('script-src'), ["'self'"]);
    assert.deepEqual(d.get('default-src'), ["'self'"]);
    assert.deepEqual(d.get('object-src'), ["'none'"]);
    assert.deepEqual(d.get('base-uri'), ["'none'"]);
    assert.deepEqual(d.get('frame-ancestors'), ["'none'"]);
    assert.deepEqual(d.get('connect-src'), ["'self'"]);
    for (const [k, v] of d) {
      assert.ok(!v.includes("'unsafe-eval'"), `${k} allows eval`);
      assert.ok(!v.includes('*') && !v.includes('http:') && !v.includes('https:'), `${k} allows remote content`);
    }
  });
  test('dev adds only what Vite needs; meta leaves out frame-ancestors', () => {
    const dev = directives(contentSecurityPolicy({ dev: true }));
    assert.ok(dev.get('script-src')!.includes("'unsafe-inline'"));
    assert.ok(dev.get('connect-src')!.includes('ws://localhost:*'));
    assert.equal(directives(contentSecurityPolicy({ meta: true })).has('frame-ancestors'), false);
  });
  test('security headers carry the production CSP and nosniff', () => {
    const h = securityHeaders();
    assert.equal(h['Content-Security-Policy'], contentSecurityPolicy());
    assert.equal(h['X-Content-Type-Options'], 'nosniff');
  });
});

describe('navigation, new windows, permissions', () => {
  const origins = appOrigins('http://localhost:5173');
  test('only the app itself may be navigated to', () => {
    assert.equal(isNavigationAllowed(`${APP_ORIGIN}/index.html#/history`, origins), true);
    assert.equal(isNavigationAllowed('http://localhost:5173/', origins), true);
    assert.equal(isNavigationAllowed('https://evil.example/', origins), false);
    assert.equal(isNavigationAllowed('app://folio.evil/', origins), false);
    assert.equal(isNavigationAllowed('http://localhost:5174/', origins), false);
    assert.equal(isNavigationAllowed('file:///etc/passwd', origins), false);
    assert.equal(isNavigationAllowed('not a url', origins), false);
  });
  test('without a dev server, the dev origin is not trusted', () => {
    assert.equal(isAppUrl('http://localhost:5173/', appOrigins(null)), false);
  });
  test('window.open is always denied and permissions are refused', () => {
    assert.deepEqual(windowOpenDecision(), { action: 'deny' });
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) assert.equal(permissionDecision(p), false);
  });
  test('openExternal only for https on the allowlist', () => {
    assert.equal(isAllowedExternal('https://www.electronjs.org/docs'), true);
    assert.equal(isAllowedExternal('http://www.electronjs.org/docs'), false);
    assert.equal(isAllowedExternal('https://www.electronjs.org.evil.example/'), false);
    assert.equal(isAllowedExternal('https://user:pw@www.electronjs.org/'), false);
    assert.equal(isAllowedExternal('file:///C:/Windows/system32/calc.exe'), false);
    assert.equal(isAllowedExternal('javascript:alert(1)'), false);
  });
});

describe('isTrustedSender', () => {
  const origins = appOrigins(null);
  test('accepts the main frame of our window on our URL', () => {
    assert.equal(isTrustedSender({ frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true, windowIsOurs: true }, origins), true);
  });
  test('refuses subframes, foreign URLs and windows that are not ours', () => {
    assert.equal(isTrustedSender({ frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: false, windowIsOurs: true }, origins), false);
    assert.equal(isTrustedSender({ frameUrl: 'https://evil.example/', isMainFrame: true, windowIsOurs: true }, origins), false);
    assert.equal(isTrustedSender({ frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true, windowIsOurs: false }, origins), false);
    assert.equal(isTrustedSender({ frameUrl: null, isMainFrame: true, windowIsOurs: true }, origins), false);
  });
});
