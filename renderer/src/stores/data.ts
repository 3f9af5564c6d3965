/**
 * The Data screen's store: what is in the local cache (counts per entity, sources, last import
 * and sync), the quarantined lines with their reasons, and the three ways data comes in (a bundle
 * folder, an S3 sync, the demo generator).
 */
import { create } from 'zustand';
import type { DataStatus, ImportResult, QuarantineRow, SyncResult } from '../../../shared/contract';
import { api } from '../api';
import { toUiError, type UiError } from '../components/errors';

export type DemoSize = 'small' | 'medium' | 'large';

export interface DataState {
  status: DataStatus | null;
  loading: boolean;
  error: UiError | null;
  quarantine: QuarantineRow[] | null;
  quarantineTotal: number;
  busy: 'import' | 'sync' | 'demo' | null;
  lastImport: ImportResult | null;
  lastSync: SyncResult | null;
  /** a folder path typed in when no native folder dialog is available */
  folder: string;
  setFolder(path: string): void;
  load(): Promise<void>;
  loadQuarantine(): Promise<void>;
  chooseFolder(): Promise<string | null>;
  importFolder(path?: string): Promise<ImportResult | null>;
  sync(): Promise<void>;
  loadDemo(size: DemoSize): Promise<void>;
}

export const useData = create<DataState>()((set, get) => ({
  status: null,
  loading: false,
  error: null,
  quarantine: null,
  quarantineTotal: 0,
  busy: null,
  lastImport: null,
  lastSync: null,
  folder: '',

  setFolder(path) {
    set({ folder: path });
  },

  async load() {
    set({ loading: true });
    try {
      set({ status: await api.data.status(), error: null });
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ loading: false });
    }
  },

  async loadQuarantine() {
    try {
      const r = await api.data.quarantine({ offset: 0, limit: 5000 });
      set({ quarantine: r.rows, quarantineTotal: r.total });
    } catch (e) {
      set({ quarantine: [], error: get().error ?? toUiError(e) });
    }
  },

  async chooseFolder() {
    try {
      const r = await api.shell.chooseFolder({ title: 'Choose a billing data bundle folder' });
      if (r.path) set({ folder: r.path });
      return r.path;
    } catch (e) {
      set({ error: toUiError(e) });
      return null;
    }
  },

  async importFolder(path) {
    const folder = (path ?? get().folder).trim();
    if (!folder) {
      set({ error: { type: 'validation', code: 'REQUIRED', message: 'Choose a folder to import first.', field: 'path' } });
      return null;
    }
    set({ busy: 'import', error: null });
    try {
      const r = await api.data.import({ path: folder });
      set({ lastImport: r });
      await Promise.all([get().load(), get().loadQuarantine()]);
      return r;
    } catch (e) {
      set({ error: toUiError(e) });
      return null;
    } finally {
      set({ busy: null });
    }
  },

  async sync() {
    set({ busy: 'sync', error: null });
    try {
      set({ lastSync: await api.data.sync() });
      await Promise.all([get().load(), get().loadQuarantine()]);
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ busy: null });
    }
  },

  async loadDemo(size) {
    set({ busy: 'demo', error: null });
    try {
      set({ lastImport: await api.data.loadDemo({ size }) });
      await Promise.all([get().load(), get().loadQuarantine()]);
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ busy: null });
    }
  },
}));
