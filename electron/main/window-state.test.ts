/**
 * Window state: saved bounds are reused only while they are on a connected display; an off-screen
 * position is dropped (size kept); the normal bounds are saved, not the maximized ones.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import Module, { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';

const displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];

describe('window state', () => {
  const load = (Module as unknown as { _load: (r: string, ...rest: unknown[]) => unknown })._load;
  let mod: typeof import('./window-state');
  before(() => {
    (Module as unknown as { _load: unknown })._load = function (req: string, ...rest: unknown[]) {
      if (req === 'electron') return { screen: { getAllDisplays: () => displays } };
      return load.call(this, req, ...rest);
    };
    mod = createRequire(__filename)('./window-state') as typeof import('./window-state');
  });
  after(() => {
    (Module as unknown as { _load: unknown })._load = load;
  });

  const store = (window: unknown) => {
    const data: Record<string, unknown> = { window };
    return { get: (k: string, d: unknown) => data[k] ?? d, set: (k: string, v: unknown) => (data[k] = v), data };
  };

  test('first run: a sensible default size', () => {
    const r = mod.savedBounds(store({ bounds: null, maximized: false }) as never);
    assert.deepEqual(r, { bounds: { width: 1280, height: 820 }, maximized: false });
  });

  test('bounds on a connected display are restored, with the maximized state', () => {
    const b = { x: 100, y: 80, width: 1200, height: 800 };
    assert.deepEqual(mod.savedBounds(store({ bounds: b, maximized: true }) as never), { bounds: b, maximized: true });
  });

  test('a position on a display that is gone is dropped, the size kept', () => {
    const b = { x: 3000, y: 200, width: 1000, height: 700 };
    assert.deepEqual(mod.savedBounds(store({ bounds: b, maximized: false }) as never), { bounds: { width: 1000, height: 700 }, maximized: false });
  });

  test('saves the normal bounds when the window is closed', () => {
    const s = store({ bounds: null, maximized: false });
    const win = Object.assign(new EventEmitter(), {
      isDestroyed: () => false,
      isMaximized: () => false,
      getNormalBounds: () => ({ x: 10, y: 20, width: 1111, height: 777 }),
      getBounds: () => ({ x: 0, y: 0, width: 1, height: 1 }),
    });
    mod.trackWindowState(win as never, s as never);
    win.emit('close');
    assert.deepEqual(s.data.window, { bounds: { x: 10, y: 20, width: 1111, height: 777 }, maximized: false });
  });
});
