/**
 * Security gate: Electron's security checklist (electronjs.org/docs/latest/tutorial/security) as
 * tests. The rules live as pure functions in electron/main/security.ts; this gate checks both the
 * rules (with tricky inputs) and that the code actually uses them everywhere (by parsing the
 * sources with the TypeScript compiler). Fuses: fuses.test.ts. IPC input fuzzing: fuzz.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  APP_ORIGIN,
  appOrigins,
  contentSecurityPolicy,
  EXTERNAL_ALLOWLIST,
  isAllowedExternal,
  isNavigationAllowed,
  isTrustedSender,
  permissionDecision,
  securityHeaders,
  webPreferences,
  windowOpenDecision,
} from '../../electron/main/security';
import { at, calls, constInitializer, enclosingFunction, isCallTo, newExpressions, nodes, parse, rel, ROOT, sourceFiles, ts } from './scan';

const APP_DIRS = ['electron', 'renderer/src', 'shared'];
const mainFiles = sourceFiles(['electron/main']);

/** What is wrong with the windows a file creates (an empty list: nothing). */
function windowViolations(sf: ts.SourceFile): { windows: number; problems: string[] } {
  const problems: string[] = [];
  let windows = 0;
  for (const ctor of ['BrowserWindow', 'BrowserView', 'WebContentsView']) {
    for (const n of newExpressions(sf, ctor)) {
      windows++;
      const where = at(n);
      const arg = n.arguments?.[0];
      if (!arg || !ts.isObjectLiteralExpression(arg)) {
        problems.push(`${where}: new ${ctor} needs an options object with webPreferences`);
        continue;
      }
      const props = arg.properties.filter((p) => p.name && p.name.getText() === 'webPreferences');
      const prop = props[0];
      if (props.length !== 1 || !prop || !(ts.isPropertyAssignment(prop) || ts.isShorthandPropertyAssignment(prop))) {
        problems.push(`${where}: exactly one plain webPreferences property`);
        continue;
      }
      const init = ts.isPropertyAssignment(prop) ? prop.initializer : prop.name;
      const source = ts.isIdentifier(init) ? constInitializer(sf, init.text) : init;
      if (!isCallTo(source, 'webPreferences')) problems.push(`${where}: webPreferences must come from security.ts webPreferences(), got ${init.getText()}`);
      if (!/import\s*{[^}]*\bwebPreferences\b[^}]*}\s*from\s*'\.\/security'/.test(sf.getFullText())) problems.push(`${where}: webPreferences is not imported from ./security`);
      for (const spread of arg.properties.filter(ts.isSpreadAssignment)) {
        const s = ts.isIdentifier(spread.expression) ? (constInitializer(sf, spread.expression.text) ?? spread.expression) : spread.expression;
        if (/webPreferences|nodeIntegration|sandbox|contextIsolation/.test(s.getText())) problems.push(`${at(spread)}: a spread must not carry web preferences`);
      }
      // 12 and 13 for this window: navigation guarded, new windows denied
      const fn = enclosingFunction(n).getText();
      if (!/\.setWindowOpenHandler\([^]*?windowOpenDecision\(\)/.test(fn)) problems.push(`${where}: setWindowOpenHandler must return windowOpenDecision()`);
      if (!/\.on\(\s*'will-navigate'\s*,/.test(fn)) problems.push(`${where}: will-navigate not guarded`);
      if (!/\.on\(\s*'will-redirect'\s*,/.test(fn)) problems.push(`${where}: will-redirect not guarded`);
      if (!/isNavigationAllowed\([^]*?preventDefault\(\)/.test(fn)) problems.push(`${where}: the guard must prevent what isNavigationAllowed refuses`);
    }
  }
  return { windows, problems };
}

describe('1-4, 6, 8-10: every window is isolated, sandboxed and without Node', () => {
  test('webPreferences() from security.ts', () => {
    const p = webPreferences('/x/preload.js');
    assert.equal(p.contextIsolation, true);
    assert.equal(p.sandbox, true);
    assert.equal(p.nodeIntegration, false);
    assert.equal(p.nodeIntegrationInWorker, false);
    assert.equal(p.nodeIntegrationInSubFrames, false);
    assert.equal(p.webSecurity, true);
    assert.equal(p.allowRunningInsecureContent, false);
    assert.equal(p.experimentalFeatures, false);
    assert.ok(!p.enableBlinkFeatures, 'no Blink features enabled');
    assert.equal(p.webviewTag, false);
    assert.equal(p.navigateOnDragDrop, false);
    assert.equal((p as Record<string, unknown>).enableRemoteModule, undefined);
  });

  test('every new BrowserWindow / BrowserView / WebContentsView in the sources uses them', () => {
    let found = 0;
    for (const file of sourceFiles(APP_DIRS)) {
      const r = windowViolations(parse(file));
      found += r.windows;
      assert.deepEqual(r.problems, [], rel(file));
    }
    assert.ok(found >= 1, 'the scan found the app window (else it checks nothing)');
  });

  test('the window scan catches insecure windows (fixtures)', () => {
    const bad = [
      `new BrowserWindow({ width: 800 })`,
      `new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } })`,
      `import { webPreferences } from './security';\nconst prefs = { ...webPreferences('p'), sandbox: false };\nfunction f() { new BrowserWindow({ webPreferences: prefs }); }`,
      `import { webPreferences } from './security';\nconst unsafe = { webPreferences: { sandbox: false } };\nfunction f() { new electron.BrowserWindow({ webPreferences: webPreferences('p'), ...unsafe }); }`,
      `import { webPreferences } from './security';\nfunction f() { new BrowserView({ webPreferences: webPreferences('p') }); }`,
    ];
    for (const src of bad) {
      const r = windowViolations(ts.createSourceFile('fixture.ts', src, ts.ScriptTarget.Latest, true));
      assert.equal(r.windows, 1, src);
      assert.ok(r.problems.length > 0, `caught: ${src}`);
    }
  });

  test('11: <webview> is off and any attach is prevented', () => {
    const index = readFileSync(join(ROOT, 'electron/main/index.ts'), 'utf8');
    assert.match(index, /'will-attach-webview'\s*,\s*\(e\)\s*=>\s*e\.preventDefault\(\)/);
  });
});

/** The CSP as a map directive → sources. */
function parseCsp(csp: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    assert.ok(!m.has(name.toLowerCase()), `directive ${name} appears once`);
    m.set(name.toLowerCase(), sources);
  }
  return m;
}

/** A source that would let script come from somewhere other than the app itself. */
function isRemote(src: string): boolean {
  return /^(https?:|wss?:|\*|data:|blob:|filesystem:|[a-z0-9.-]+\.[a-z]{2,})/i.test(src) || src === "'unsafe-eval'" || src === "'wasm-unsafe-eval'";
}

describe('7: a strict Content Security Policy', () => {
  for (const variant of [{}, { meta: true }, { dev: true }] as const) {
    test(`no unsafe-eval, no remote scripts (${JSON.stringify(variant)})`, () => {
      const csp = parseCsp(contentSecurityPolicy(variant));
      for (const [name, sources] of csp) {
        assert.ok(!sources.includes("'unsafe-eval'"), `${name} has no 'unsafe-eval'`);
      }
      const script = csp.get('script-src') ?? csp.get('default-src')!;
      assert.ok(script, 'script-src or default-src present');
      for (const s of script) assert.ok(!isRemote(s), `script-src allows ${s}`);
      assert.deepEqual(csp.get('default-src'), ["'self'"]);
      assert.deepEqual(csp.get('object-src'), ["'none'"]);
      assert.deepEqual(csp.get('base-uri'), ["'none'"]);
      assert.deepEqual(csp.get('form-action'), ["'none'"]);
      for (const s of csp.get('connect-src') ?? []) {
        assert.ok(s === "'self'" || /^ws:\/\/(localhost|127\.0\.0\.1):\*$/.test(s), `connect-src ${s} is the app or the local dev server`);
      }
      if (!('dev' in variant)) assert.deepEqual(script, ["'self'"], 'production scripts: the app only, no inline');
      if (!('meta' in variant) && !('dev' in variant)) assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
    });
  }

  test('the CSP goes out as a header and into the page', () => {
    assert.equal(securityHeaders()['Content-Security-Policy'], contentSecurityPolicy());
    assert.equal(securityHeaders()['X-Content-Type-Options'], 'nosniff');
    assert.match(readFileSync(join(ROOT, 'renderer/index.html'), 'utf8'), /<!--folio:csp-->/);
    assert.match(readFileSync(join(ROOT, 'electron.vite.config.ts'), 'utf8'), /Content-Security-Policy" content="\$\{contentSecurityPolicy\(/);
  });

  test('no eval or new Function in the app sources (the CSP would refuse them anyway)', () => {
    for (const file of sourceFiles(APP_DIRS)) {
      for (const n of nodes(parse(file))) {
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'eval') assert.fail(`${at(n)}: eval()`);
        if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Function') assert.fail(`${at(n)}: new Function()`);
      }
    }
  });
});

describe('12: navigation is blocked, with a real URL parser', () => {
  const prod = appOrigins(null);
  const dev = appOrigins('http://localhost:5173');
  test('the app itself is allowed', () => {
    assert.ok(isNavigationAllowed(`${APP_ORIGIN}/index.html`, prod));
    assert.ok(isNavigationAllowed(`${APP_ORIGIN}/index.html#/history?ref=CS-1`, prod));
    assert.ok(isNavigationAllowed('http://localhost:5173/', dev));
  });
  const tricky = [
    'file:///etc/passwd',
    'file://C:/Windows/System32/calc.exe',
    'http://127.0.0.1.evil.com/',
    'http://127.0.0.1/',
    'https://evil.com/',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://folio/0d1c2f35-0000-4000-8000-000000000000',
    'app://folio@evil.com/',
    'app://evil.com/',
    'app://folio.evil.com/',
    'app://folio:8080/',
    'app://FOLIO.evil/',
    'app:folio/index.html',
    'app:///folio/index.html',
    'http://localhost:5173@evil.com/',
    'http://localhost:5173.evil.com/',
    'http://localhost:51730/',
    'https://localhost:5173/',
    'http://user:pass@localhost:5173/',
    'app://user:pass@folio/index.html',
    '\\\\evil.com\\share\\x.html',
    '//evil.com/x',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'view-source:app://folio/index.html',
    '',
    'not a url',
  ];
  for (const url of tricky) {
    test(`refused: ${JSON.stringify(url)}`, () => {
      assert.equal(isNavigationAllowed(url, dev), false);
      assert.equal(isNavigationAllowed(url, prod), false);
    });
  }
  test('userinfo: the parser sees the real host, and URLs with credentials are refused outright', () => {
    assert.equal(new URL('http://localhost:5173@evil.com/').hostname, 'evil.com');
    assert.equal(new URL('app://folio@evil.com/').host, 'evil.com');
    assert.equal(isNavigationAllowed('app://folio@folio/index.html', prod), false);
  });
  test('property: a random web URL is allowed only when its origin is exactly the app', () => {
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), (url) => {
        assert.equal(isNavigationAllowed(url, prod), false);
        assert.equal(isNavigationAllowed(url, dev), new URL(url).origin === 'http://localhost:5173');
      }),
      { numRuns: 500 },
    );
  });
});

describe('13: new windows denied; 5: permissions denied by default', () => {
  test('window.open is denied', () => {
    assert.deepEqual(windowOpenDecision(), { action: 'deny' });
  });
  const permissions = [
    'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection',
    'media', 'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal',
    'speaker-selection', 'storage-access', 'top-level-storage-access', 'window-management', 'unknown', 'fileSystem',
    'hid', 'serial', 'usb', 'bluetooth', 'background-sync', 'persistent-storage', '',
  ];
  test('every permission Electron can ask for is refused', () => {
    for (const p of permissions) assert.equal(permissionDecision(p), false, p);
    fc.assert(fc.property(fc.string(), (p) => permissionDecision(p) === false));
  });
  test('the session uses the handler for requests and checks', () => {
    const sf = parse(join(ROOT, 'electron/main/index.ts'));
    for (const method of ['setPermissionRequestHandler', 'setPermissionCheckHandler']) {
      const c = calls(sf, method);
      assert.equal(c.length, 1, `${method} called once`);
      assert.match(c[0]!.getText(), /permissionDecision\(/, `${at(c[0]!)}: ${method} answers with permissionDecision`);
    }
  });
});

/** openExternal calls not inside `if (isAllowedExternal(sameValue)) …` in the same function. */
function unguardedOpenExternal(sf: ts.SourceFile): { calls: number; problems: string[] } {
  const problems: string[] = [];
  const found = calls(sf, 'openExternal');
  for (const c of found) {
    const arg = c.arguments[0];
    let guarded = false;
    for (let n: ts.Node | undefined = c.parent; arg && n && !ts.isFunctionLike(n); n = n.parent) {
      if (ts.isIfStatement(n) && isCallTo(n.expression, 'isAllowedExternal') && n.expression.arguments[0]?.getText() === arg.getText()) {
        guarded = c.getStart() >= n.thenStatement.getStart() && c.getEnd() <= n.thenStatement.getEnd();
        break;
      }
    }
    if (!guarded) problems.push(`${at(c)}: shell.openExternal(${arg?.getText() ?? ''}) must sit inside if (isAllowedExternal(${arg?.getText() ?? '…'}))`);
  }
  return { calls: found.length, problems };
}

describe('14: shell.openExternal never gets untrusted input', () => {
  test('the allowlist: https, exact host, no userinfo', () => {
    assert.ok(isAllowedExternal('https://electronjs.org/docs'));
    for (const url of [
      'http://electronjs.org/',
      'https://electronjs.org.evil.com/',
      'https://evil.com/#electronjs.org',
      'https://evil.com/?u=https://electronjs.org',
      'https://user:pw@electronjs.org/',
      'https://electronjs.org@evil.com/',
      'javascript:alert(1)//electronjs.org',
      'file:///C:/Windows/System32/calc.exe',
      'smb://electronjs.org/share',
      'ms-msdt:/id PCWDiagnostic',
      'https://еlectronjs.org/', // Cyrillic е: a different (punycode) host
      'https://electronjs.org%2F@evil.com/',
      '',
    ]) {
      assert.equal(isAllowedExternal(url), false, url);
    }
    for (const host of EXTERNAL_ALLOWLIST) assert.equal(new URL(`https://${host}/`).hostname, host, 'allowlist entries are canonical hosts');
  });

  test('every openExternal call in the sources is guarded by isAllowedExternal on the same value', () => {
    let found = 0;
    for (const file of sourceFiles(APP_DIRS)) {
      const r = unguardedOpenExternal(parse(file));
      found += r.calls;
      assert.deepEqual(r.problems, [], rel(file));
    }
    assert.ok(found >= 1, 'the scan found the openExternal calls');
  });

  test('the openExternal scan catches unguarded calls (fixtures)', () => {
    for (const src of [
      `shell.openExternal(url);`,
      `if (isAllowedExternal(safe)) shell.openExternal(url);`,
      `if (isAllowedExternal(url)) {} else { shell.openExternal(url); }`,
      `if (!isAllowedExternal(url)) shell.openExternal(url);`,
      `if (isAllowedExternal(url)) { const f = () => shell.openExternal(url); }`,
    ]) {
      const r = unguardedOpenExternal(ts.createSourceFile('fixture.ts', src, ts.ScriptTarget.Latest, true));
      assert.equal(r.calls, 1, src);
      assert.equal(r.problems.length, 1, `caught: ${src}`);
    }
  });
});

describe('16: IPC only from our own main frame', () => {
  const origins = appOrigins(null);
  test('isTrustedSender refuses foreign frames, subframes and foreign windows', () => {
    const ok = { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true, windowIsOurs: true };
    assert.equal(isTrustedSender(ok, origins), true);
    assert.equal(isTrustedSender({ ...ok, isMainFrame: false }, origins), false, 'an iframe on our origin');
    assert.equal(isTrustedSender({ ...ok, windowIsOurs: false }, origins), false, 'another window');
    for (const frameUrl of ['https://evil.com/', 'app://evil/', 'app://folio.evil.com/', 'app://folio@evil/', 'file:///x.html', 'data:text/html,x', 'about:blank', '', null, undefined]) {
      assert.equal(isTrustedSender({ ...ok, frameUrl }, origins), false, String(frameUrl));
    }
  });
  test('ipcMain is used only in ipc.ts, and every handler checks the sender first', () => {
    for (const file of sourceFiles(['electron'])) {
      const text = readFileSync(file, 'utf8');
      if (/\bipcMain\.(handle|on|once|handleOnce)\(/.test(text)) assert.equal(rel(file), join('electron', 'main', 'ipc.ts'), `${rel(file)} registers IPC handlers`);
    }
    const ipc = readFileSync(join(ROOT, 'electron/main/ipc.ts'), 'utf8');
    const check = ipc.indexOf('if (!senderIsTrusted(');
    assert.ok(check > 0, 'the handler checks the sender');
    for (const route of ['routes.engine(', 'routes.shell(']) {
      assert.ok(ipc.indexOf(route) > check, `${route} is reached only after the sender check`);
    }
    assert.match(ipc, /for \(const name of COMMAND_NAMES\)\s*{\s*ipcMain\.handle\(name, \(e, input: unknown\) => handler\(name, e, input\)\)/);
  });
});

describe('19: no Electron API exposed to the page', () => {
  test('the preload exposes one object, window.folio, built from the contract', () => {
    const exposed = sourceFiles(['electron/preload']).flatMap((f) => calls(parse(f), 'exposeInMainWorld'));
    assert.equal(exposed.length, 1);
    const [name, api] = exposed[0]!.arguments;
    assert.equal(name?.getText(), "'folio'");
    assert.ok(isCallTo(api, 'createWireApi'), `${at(exposed[0]!)}: exposes createWireApi(...), not raw Electron objects`);
  });
  test('IPC events reach the page without the IpcRendererEvent (it carries the sender)', () => {
    for (const file of sourceFiles(['electron/preload'])) {
      const sf = parse(file);
      for (const c of calls(sf, 'on').filter((c) => c.expression.getText().startsWith('ipcRenderer.'))) {
        const h = c.arguments[1]!;
        const fn = ts.isIdentifier(h) ? constInitializer(sf, h.text) : h;
        assert.ok(fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)), `${at(c)}: a local handler`);
        const ev = fn.parameters[0]?.name.getText();
        assert.ok(ev, `${at(c)}: the handler takes the event`);
        assert.ok(!new RegExp(`\\b${ev}\\b`).test(fn.body.getText()), `${at(c)}: the event object ${ev} is not passed on`);
      }
    }
  });
});

describe('secrets: safeStorage through its async API, and basic_text is not a key store', () => {
  test('main never uses the synchronous encrypt/decrypt, and refuses basic_text on Linux', () => {
    for (const file of mainFiles) {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /safeStorage\.(encryptString|decryptString)\(/, `${rel(file)} uses the removed sync API`);
    }
    const secrets = readFileSync(join(ROOT, 'electron/main/secrets.ts'), 'utf8');
    assert.match(secrets, /getSelectedStorageBackend\(\)/);
    assert.match(secrets, /'basic_text'[^\n]*\)\) return 'memory'/);
  });
});

describe('17, 20: no file:// pages, no @electron/remote, a current Electron', () => {
  test('windows load the app scheme, never files', () => {
    for (const file of mainFiles) {
      const sf = parse(file);
      assert.equal(calls(sf, 'loadFile').length, 0, `${rel(file)}: loadFile`);
      for (const c of calls(sf, 'loadURL')) {
        assert.doesNotMatch(c.arguments[0]!.getText(), /['"`](file|https?):/, `${at(c)}: loads a hard-coded file/http URL`);
      }
    }
  });
  test('@electron/remote is nowhere: not a dependency, not in the lock file, not in the sources', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const k of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
      assert.equal(pkg[k]?.['@electron/remote'], undefined, `package.json ${k}`);
      assert.equal(pkg[k]?.['electron-remote'], undefined);
    }
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    assert.deepEqual(Object.keys(lock.packages).filter((p) => /node_modules\/@electron\/remote$/.test(p)), []);
    const needle = ['@electron', 'remote'].join('/');
    // app code does not even mention it
    for (const file of sourceFiles([...APP_DIRS, 'build'])) {
      const text = readFileSync(file, 'utf8');
      assert.ok(!text.includes(needle), `${rel(file)} mentions ${needle}`);
      assert.ok(!/enableRemoteModule/.test(text), `${rel(file)} enables the remote module`);
    }
    // nothing anywhere imports or requires it (tests may name it in strings, e.g. lint fixtures)
    for (const file of sourceFiles([...APP_DIRS, 'build', 'bench', 'test'], { tests: true })) {
      for (const n of nodes(parse(file))) {
        let spec: ts.Node | undefined;
        if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) spec = n.moduleSpecifier;
        else if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || n.expression.getText() === 'require')) spec = n.arguments[0];
        if (spec && ts.isStringLiteral(spec)) assert.notEqual(spec.text, needle, `${at(n)} loads ${needle}`);
      }
    }
    // and the linter refuses it, so it cannot come back unnoticed
    assert.match(readFileSync(join(ROOT, 'eslint.config.mjs'), 'utf8'), new RegExp(`name: '${needle}'`));
  });
  test('Electron is a supported, recent major', () => {
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
    const major = Number(installed.version.split('.')[0]);
    // the newest three majors get security fixes; 45 was current when this gate was written
    assert.ok(major >= 45, `Electron ${installed.version} is too old for security fixes`);
  });
});
