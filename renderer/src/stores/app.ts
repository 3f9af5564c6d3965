/**
 * The app store (shell state): which screen is showing, what the engine says about itself
 * (`app:info`), online state, the engine host's life, and the last engine error to show.
 * Subscriptions start in `init()` (called once by main.tsx), never at import.
 */
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract';
import { FolioError, isFolioErrorData, toErrorData, type FolioErrorData } from '../../../shared/errors';
import { api } from '../api';
import { throttle } from '../components/throttle';
import { SCREENS, type ScreenDef } from '../screens';

export type ScreenId = ScreenDef['id'];
export type EngineState = 'starting' | 'ready' | 'restarting' | 'failed';

export interface AppState {
  screen: ScreenId;
  info: AppInfo | null;
  online: boolean;
  engine: EngineState;
  engineMessage: string;
  /** the last error from the engine, shown by the shell's error view until dismissed */
  error: FolioErrorData | null;
  navigate(screen: ScreenId): void;
  refreshInfo(): Promise<void>;
  reportError(err: unknown): void;
  dismissError(): void;
  /** starts the subscriptions; returns a function that stops them */
  init(): () => void;
}

function screenFromHash(): ScreenId | null {
  const id = window.location.hash.replace(/^#\/?/, '');
  return SCREENS.some((s) => s.id === id) ? (id as ScreenId) : null;
}

export const useAppStore = create<AppState>()((set, get) => ({
  screen: SCREENS[0]?.id ?? 'generate',
  info: null,
  online: true,
  engine: 'starting',
  engineMessage: 'Starting the engine…',
  error: null,

  navigate(screen) {
    if (get().screen !== screen) set({ screen });
    const hash = `#/${screen}`;
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
  },

  async refreshInfo() {
    try {
      const info = await api.app.info();
      set({ info, online: info.online, engine: 'ready', engineMessage: '' });
    } catch (err) {
      set({ engine: 'failed', engineMessage: (err as Error).message });
      get().reportError(err);
    }
  },

  reportError(err) {
    const data = err instanceof FolioError ? err.toData() : toErrorData(err);
    set({ error: data });
  },

  dismissError() {
    set({ error: null });
  },

  init() {
    // the header's statement count follows the ledger: at once, then at most once a second (a
    // batch emits one event per statement)
    const refreshForLedger = throttle(() => void get().refreshInfo(), 1000);
    const fromHash = screenFromHash();
    if (fromHash) set({ screen: fromHash });
    const offs = [
      api.on('online:changed', ({ online }) => set({ online })),
      api.on('engine:state', ({ state, message }) => {
        set({ engine: state, engineMessage: message });
        if (state === 'ready') void get().refreshInfo();
      }),
      api.on('data:changed', () => void get().refreshInfo()),
      api.on('ledger:changed', refreshForLedger),
    ];
    const onHash = () => {
      const id = screenFromHash();
      if (id) set({ screen: id });
    };
    window.addEventListener('hashchange', onHash);
    // an engine error nobody handled (a screen forgot a catch) is still shown, never swallowed
    const onRejection = (e: PromiseRejectionEvent) => {
      if (e.reason instanceof FolioError || isFolioErrorData(e.reason)) {
        e.preventDefault();
        get().reportError(e.reason);
      }
    };
    window.addEventListener('unhandledrejection', onRejection);
    void get().refreshInfo();
    return () => {
      offs.forEach((off) => off());
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('unhandledrejection', onRejection);
    };
  },
}));
