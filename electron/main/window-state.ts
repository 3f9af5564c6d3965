/** Remembers the window's size, position and maximized state (electron-store). */
import { screen, type BrowserWindow, type Rectangle } from 'electron';
import Store from 'electron-store';

interface WindowState {
  bounds: Rectangle | null;
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: null, maximized: false };

export function windowStateStore() {
  return new Store<{ window: WindowState }>({ name: 'window-state', defaults: { window: DEFAULT } });
}

/** The saved bounds, if they still fit on a connected display. */
export function savedBounds(store: ReturnType<typeof windowStateStore>): { bounds: Partial<Rectangle>; maximized: boolean } {
  const state = store.get('window', DEFAULT);
  const b = state.bounds;
  if (!b) return { bounds: { width: 1280, height: 820 }, maximized: state.maximized };
  const visible = screen.getAllDisplays().some((d) => {
    const a = d.workArea;
    return b.x < a.x + a.width && b.x + b.width > a.x && b.y < a.y + a.height && b.y + b.height > a.y;
  });
  return { bounds: visible ? b : { width: b.width, height: b.height }, maximized: state.maximized };
}

export function trackWindowState(win: BrowserWindow, store: ReturnType<typeof windowStateStore>): void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (win.isDestroyed()) return;
    const maximized = win.isMaximized();
    store.set('window', { bounds: maximized ? (store.get('window', DEFAULT).bounds ?? win.getBounds()) : win.getNormalBounds(), maximized });
  };
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  win.on('resize', soon);
  win.on('move', soon);
  win.on('maximize', save);
  win.on('unmaximize', save);
  win.on('close', save);
}
