/**
 * The History screen's store: search filters, the ledger records, and fetching a statement's file
 * (local store first, else S3; the engine checks the SHA-256) for viewing or downloading.
 */
import { create } from 'zustand';
import type { FileResult, StatementRecord, StatementType } from '../../../shared/contract';
import { historyFilters } from '../../../shared/contract';
import { api } from '../api';
import { toUiError, zodFieldErrors, type UiError } from '../components/errors';
import { base64ToBlob, downloadBlob } from '../components/files';
import type { Picked } from './generateRequest';

export interface HistoryFilters {
  client: Picked | null;
  type: StatementType | '';
  generatedFrom: string;
  generatedTo: string;
}

export interface HistoryState {
  filters: HistoryFilters;
  errors: Record<string, string>;
  rows: StatementRecord[] | null;
  total: number;
  loading: boolean;
  error: UiError | null;
  /** the ref being fetched and why */
  fetching: { ref: string; purpose: 'view' | 'download' } | null;
  fileError: (UiError & { ref: string }) | null;
  lastFile: { ref: string; source: 'local' | 's3'; fileName: string; sha256: string } | null;
  viewer: FileResult | null;
  setFilters(patch: Partial<HistoryFilters>): void;
  search(): Promise<void>;
  open(ref: string, purpose: 'view' | 'download'): Promise<FileResult | null>;
  closeViewer(): void;
  clearFileError(): void;
}

export const useHistory = create<HistoryState>()((set, get) => ({
  filters: { client: null, type: '', generatedFrom: '', generatedTo: '' },
  errors: {},
  rows: null,
  total: 0,
  loading: false,
  error: null,
  fetching: null,
  fileError: null,
  lastFile: null,
  viewer: null,

  setFilters(patch) {
    set((s) => {
      const errors = { ...s.errors };
      for (const k of Object.keys(patch)) delete errors[k];
      return { filters: { ...s.filters, ...patch }, errors };
    });
  },

  async search() {
    const f = get().filters;
    const input = {
      clientId: f.client?.id,
      type: f.type || undefined,
      generatedFrom: f.generatedFrom || undefined,
      generatedTo: f.generatedTo || undefined,
      limit: 1000,
    };
    const parsed = historyFilters.safeParse(input);
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (parsed.success && input.generatedFrom && input.generatedTo && input.generatedFrom > input.generatedTo) {
      errors.generatedTo = 'Must be on or after the From date';
    }
    if (Object.keys(errors).length) {
      set({ errors });
      return;
    }
    set({ loading: true, errors: {} });
    try {
      const r = await api.history.list(input);
      set({ rows: r.rows, total: r.total, error: null });
    } catch (e) {
      set({ error: toUiError(e), rows: get().rows ?? [] });
    } finally {
      set({ loading: false });
    }
  },

  async open(ref, purpose) {
    set({ fetching: { ref, purpose }, fileError: null });
    try {
      const file = await api.history.file({ ref, purpose });
      set({ lastFile: { ref, source: file.source, fileName: file.fileName, sha256: file.sha256 } });
      if (purpose === 'download') downloadBlob(base64ToBlob(file.base64, file.mime), file.fileName);
      else set({ viewer: file });
      return file;
    } catch (e) {
      set({ fileError: { ...toUiError(e), ref } });
      return null;
    } finally {
      set({ fetching: null });
    }
  },

  closeViewer() {
    set({ viewer: null });
  },
  clearFileError() {
    set({ fileError: null });
  },
}));
