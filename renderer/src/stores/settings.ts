/**
 * The Settings screen's store: the settings view from the engine (values, managed keys, whether
 * credentials are stored: never the credentials themselves), saving one key at a time, and the
 * connection test. Also gives every screen the locale for numbers and dates.
 */
import { create } from 'zustand';
import type { SettingKey, Settings, SettingsView } from '../../../shared/contract';
import { api } from '../api';
import { fieldKey, toUiError, type UiError } from '../components/errors';

export interface SettingsState {
  view: SettingsView | null;
  loading: boolean;
  error: UiError | null;
  /** per key: the engine's refusal of the last save */
  fieldErrors: Partial<Record<string, string>>;
  saving: boolean;
  savedAt: number | null;
  test: { running: boolean; ok: boolean | null; message: string } | null;
  load(): Promise<void>;
  save(changes: Partial<Settings>): Promise<boolean>;
  setCredentials(accessKeyId: string, secretAccessKey: string): Promise<boolean>;
  clearCredentials(): Promise<void>;
  testConnection(): Promise<void>;
}

export const useSettings = create<SettingsState>()((set, get) => ({
  view: null,
  loading: false,
  error: null,
  fieldErrors: {},
  saving: false,
  savedAt: null,
  test: null,
  async load() {
    set({ loading: true });
    try {
      set({ view: await api.settings.get(), error: null });
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ loading: false });
    }
  },
  async save(changes) {
    const view = get().view;
    const keys = (Object.keys(changes) as SettingKey[]).filter(
      (k) => !view?.managed.includes(k) && JSON.stringify(changes[k]) !== JSON.stringify(view?.values[k]),
    );
    set({ saving: true, fieldErrors: {}, error: null });
    const fieldErrors: Record<string, string> = {};
    try {
      for (const key of keys) {
        try {
          const next = await api.settings.set({ key, value: changes[key] });
          set({ view: next });
        } catch (e) {
          const err = toUiError(e);
          fieldErrors[key] = err.message;
          const f = fieldKey(err.field);
          if (f && f !== key) fieldErrors[f] = err.message;
        }
      }
      set({ fieldErrors, savedAt: Object.keys(fieldErrors).length ? null : Date.now() });
      return Object.keys(fieldErrors).length === 0;
    } finally {
      set({ saving: false });
    }
  },
  async setCredentials(accessKeyId, secretAccessKey) {
    try {
      set({ view: await api.settings.setCredentials({ accessKeyId, secretAccessKey }), error: null });
      return true;
    } catch (e) {
      set({ error: toUiError(e) });
      return false;
    }
  },
  async clearCredentials() {
    try {
      set({ view: await api.settings.clearCredentials(), error: null });
    } catch (e) {
      set({ error: toUiError(e) });
    }
  },
  async testConnection() {
    set({ test: { running: true, ok: null, message: 'Testing the connection…' } });
    try {
      const r = await api.settings.testConnection();
      set({ test: { running: false, ok: r.ok, message: r.message } });
    } catch (e) {
      set({ test: { running: false, ok: false, message: toUiError(e).message } });
    }
  },
}));

function systemLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';
}

/** The locale numbers and dates are written in: the setting, else the OS's. */
export function useLocale(): string {
  return useSettings((s) => s.view?.values.locale) ?? systemLocale();
}

export function initSettings(): void {
  if (!useSettings.getState().view) void useSettings.getState().load();
}
