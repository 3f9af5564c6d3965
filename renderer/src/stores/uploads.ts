/**
 * The Uploads screen's store: the S3 upload queue (pending, failed with reason, uploaded), retry
 * of one row or every failed row, and "upload now".
 */
import { create } from 'zustand';
import type { UploadsSummary } from '../../../shared/contract';
import { api } from '../api';
import { toUiError, type UiError } from '../components/errors';

export interface UploadsState {
  summary: UploadsSummary | null;
  error: UiError | null;
  busy: boolean;
  load(): Promise<void>;
  retry(id?: number): Promise<void>;
  drain(): Promise<void>;
}

export const useUploads = create<UploadsState>()((set) => ({
  summary: null,
  error: null,
  busy: false,
  async load() {
    try {
      set({ summary: await api.uploads.list(), error: null });
    } catch (e) {
      set({ error: toUiError(e) });
    }
  },
  async retry(id) {
    set({ busy: true });
    try {
      set({ summary: await api.uploads.retry(id === undefined ? {} : { id }), error: null });
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ busy: false });
    }
  },
  async drain() {
    set({ busy: true });
    try {
      set({ summary: await api.uploads.drain(), error: null });
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ busy: false });
    }
  },
}));
