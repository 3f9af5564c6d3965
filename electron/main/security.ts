/**
 * The window's security rules as pure functions, so that they are tested in plain Node (no
 * Electron needed): webPreferences, the Content Security Policy, the navigation guard, the
 * permission handler, the external-link allowlist and the IPC sender check.
 * Nothing here imports 'electron' at runtime (types only).
 */
import type { WebPreferences } from 'electron';

/** The app's own origin in production: a privileged custom scheme serving out/renderer. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'folio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function webPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

export interface CspOptions {
  /** dev server: Vite's HMR needs an inline preamble and a websocket */
  dev?: boolean;
  /** for a <meta> tag: without frame-ancestors (only honoured as a header) */
  meta?: boolean;
}

/**
 * The strict policy. Scripts only from the app itself; styles also inline (ag-grid's theming
 * injects <style> elements); images and fonts from the app or data:/blob: URLs (rendered previews);
 * frames only blob: (PDF preview); no plugins, no base-URI changes, no forms posting anywhere, not
 * embeddable. `connect-src 'self'` lets the browser bridge's page call its own server.
 */
export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const dev = opts.dev === true;
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', dev ? ["'self'", 'ws://localhost:*', 'ws://127.0.0.1:*'] : ["'self'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['frame-src', ['blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ...(opts.meta ? [] : ([['frame-ancestors', ["'none'"]]] as Array<[string, string[]]>)),
  ];
  return directives.map(([k, v]) => `${k} ${v.join(' ')}`).join('; ');
}

/** Where the app's own pages come from: the custom scheme, or the dev server when set. */
export function appOrigins(devServerUrl?: string | null): string[] {
  const origins = [APP_ORIGIN];
  if (devServerUrl) {
    try {
      origins.push(new URL(devServerUrl).origin);
    } catch {
      /* a malformed dev URL adds nothing */
    }
  }
  return origins;
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    // credentials in a URL are only ever a disguise here (app://folio@evil.com): refuse them all
    if (u.username !== '' || u.password !== '') return null;
    // custom schemes report origin "null" in WHATWG URL: rebuild it from protocol and host
    if (u.origin === 'null') return u.host ? `${u.protocol}//${u.host}` : null;
    return u.origin;
  } catch {
    return null;
  }
}

/** True when the URL belongs to the app itself (exact origin match, no prefix tricks). */
export function isAppUrl(url: string | null | undefined, origins: readonly string[]): boolean {
  if (!url) return false;
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}

/**
 * Navigation guard for `will-navigate` / `will-redirect`: the window never leaves the app. A
 * reload of the app's own page is allowed; anything else is denied (and may be opened externally
 * if on the allowlist: see `isAllowedExternal`).
 */
export function isNavigationAllowed(url: string, origins: readonly string[]): boolean {
  return isAppUrl(url, origins);
}

/** `setWindowOpenHandler`: new windows are always denied. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Permission requests (camera, notifications from the page, geolocation, …) are all denied. */
export function permissionDecision(_permission: string): boolean {
  return false;
}

/** Hosts the app may open in the user's browser (documentation and support only). */
export const EXTERNAL_ALLOWLIST: readonly string[] = ['electronjs.org', 'www.electronjs.org'];

/** `shell.openExternal` is only called for https URLs on the allowlist (exact host). */
export function isAllowedExternal(url: string, allowlist: readonly string[] = EXTERNAL_ALLOWLIST): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && allowlist.includes(u.hostname);
  } catch {
    return false;
  }
}

/** The IPC sender check: the sending frame must be the main frame of one of our windows, on our own URL. */
export function isTrustedSender(
  sender: { frameUrl: string | null | undefined; isMainFrame: boolean; windowIsOurs: boolean },
  origins: readonly string[],
): boolean {
  return sender.windowIsOurs && sender.isMainFrame && isAppUrl(sender.frameUrl, origins);
}

/** Response headers the app's pages get (Electron session.webRequest and the browser bridge). */
export function securityHeaders(opts: CspOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(opts),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
  };
}
