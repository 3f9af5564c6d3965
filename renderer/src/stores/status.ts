/**
 * What the engine pushes that every screen may show: online/offline, the upload queue's counts,
 * progress of long work (by task), the sync state and a data version tick that screens watch to
 * reload after an import. Subscriptions start in init(), never at import.
 */
import { create } from 'zustand';
import type { ProgressEvent } from '../../../shared/contract';
import { api } from '../api';
import { throttle } from '../components/throttle';

export interface StatusState {
  online: boolean | null;
  uploads: { pending: number; failed: number; uploaded: number } | null;
  /** whether S3 is set up at all (statements stay local, nothing "waits", when it is not) */
  uploadsConfigured: boolean | null;
  progress: Record<string, ProgressEvent>;
  sync: { state: 'idle' | 'syncing' | 'ok' | 'offline' | 'error'; at: string; message: string } | null;
  /** bumped on data:changed so screens reload what depends on the cache */
  dataTick: number;
  /** bumped on ledger:changed so history and uploads reload */
  ledgerTick: number;
  /** newest progress event of a kind that is still running */
  latest(kind: ProgressEvent['kind']): ProgressEvent | null;
}

export const useStatus = create<StatusState>()((_set, get) => ({
  online: null,
  uploads: null,
  uploadsConfigured: null,
  progress: {},
  sync: null,
  dataTick: 0,
  ledgerTick: 0,
  latest(kind) {
    const all = Object.values(get().progress).filter((p) => p.kind === kind && !p.finished);
    return all[all.length - 1] ?? null;
  },
}));

let started = false;
let uploadsTimer: ReturnType<typeof setTimeout> | null = null;

/** The queue's counts from the engine (after a statement is recorded, and at start), at most 4× a second. */
function refreshUploads(): void {
  if (uploadsTimer) return;
  uploadsTimer = setTimeout(() => {
    uploadsTimer = null;
    api.uploads
      .list()
      .then((u) =>
        useStatus.setState((s) => ({
          uploads: { pending: u.pending, failed: u.failed, uploaded: u.uploaded },
          uploadsConfigured: u.configured,
          online: s.online ?? u.online,
        })),
      )
      .catch(() => undefined);
  }, 250);
}
const finishedTimers = new Map<string, ReturnType<typeof setTimeout>>();

export function initStatus(): () => void {
  if (started) return () => undefined;
  started = true;
  const set = useStatus.setState;
  // a batch records thousands of statements: screens reload at once, then at most once a second
  const bumpLedger = throttle(() => set((s) => ({ ledgerTick: s.ledgerTick + 1 })), 1000);
  const offs = [
    api.on('online:changed', (p) => set({ online: p.online })),
    api.on('uploads:changed', (p) => set({ uploads: p })),
    api.on('sync:state', (p) => set({ sync: p })),
    api.on('data:changed', () => set((s) => ({ dataTick: s.dataTick + 1 }))),
    api.on('ledger:changed', () => {
      bumpLedger();
      refreshUploads();
    }),
    api.on('progress', (p) => {
      set((s) => ({ progress: { ...s.progress, [p.taskId]: p } }));
      if (p.finished) {
        clearTimeout(finishedTimers.get(p.taskId));
        finishedTimers.set(
          p.taskId,
          setTimeout(() => {
            finishedTimers.delete(p.taskId);
            set((s) => {
              const next = { ...s.progress };
              delete next[p.taskId];
              return { progress: next };
            });
          }, 1500),
        );
      }
    }),
  ];
  // first values, without waiting for an event
  api.app
    .info()
    .then((info) => set((s) => ({ online: s.online ?? info.online })))
    .catch(() => undefined);
  refreshUploads();
  return () => {
    offs.forEach((off) => off());
    started = false;
  };
}
