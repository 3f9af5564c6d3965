import { event } from './define';
import type { BatchRun } from './batch';

export interface ProgressEvent {
  taskId: string;
  kind: 'import' | 'sync' | 'demo' | 'batch';
  label: string;
  done: number;
  total: number;
  /** items per minute, when known */
  ratePerMin: number | null;
  etaMs: number | null;
  finished: boolean;
}

/** Engine → UI pushes. */
export const events = {
  progress: event<ProgressEvent>(),
  'uploads:changed': event<{ pending: number; failed: number; uploaded: number }>(),
  'sync:state': event<{ state: 'idle' | 'syncing' | 'ok' | 'offline' | 'error'; at: string; message: string }>(),
  'online:changed': event<{ online: boolean }>(),
  'data:changed': event<{ reason: 'import' | 'sync' | 'demo' }>(),
  'batch:changed': event<BatchRun>(),
  'ledger:changed': event<{ ref: string; status: string }>(),
  /** the engine host's life (Electron: the utilityProcess crashed and was restarted) */
  'engine:state': event<{ state: 'ready' | 'restarting' | 'failed'; message: string }>(),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = NonNullable<Events[E]['payload']>;
