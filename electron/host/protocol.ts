/**
 * Messages between Electron main and the engine host (a utilityProcess), over a MessagePort.
 * Plain data only (structured clone). Main asks the engine to run commands; the host pushes
 * engine events and asks main for what only main has (safeStorage secrets, notifications).
 */
import type { EventName, Reply } from '../../shared/contract';
import type { FolioErrorData } from '../../shared/errors';

/** Sent once on the parent port, with the MessagePort transferred alongside. */
export interface HostInit {
  t: 'init';
  dataDir: string;
  appVersion: string;
  online: boolean;
  secretsKind: 'safeStorage' | 'memory';
  env?: Record<string, string | undefined>;
}

export type SecretOp = 'secrets.get' | 'secrets.set' | 'secrets.delete';

export type ToHost =
  | { t: 'invoke'; id: number; name: string; input: unknown }
  | { t: 'answer'; id: number; ok: true; value: unknown }
  | { t: 'answer'; id: number; ok: false; error: FolioErrorData }
  | { t: 'online'; online: boolean }
  | { t: 'close' };

export type FromHost =
  | { t: 'ready' }
  | { t: 'result'; id: number; reply: Reply }
  | { t: 'event'; name: EventName; payload: unknown }
  | { t: 'ask'; id: number; op: SecretOp; name: string; value?: string }
  | { t: 'notify'; title: string; body: string }
  | { t: 'closed' };

/** The part of a MessagePort both sides use (Electron's MessagePortMain, Node's MessagePort). */
export interface PortLike {
  postMessage(message: unknown): void;
  onMessage(cb: (message: unknown) => void): void;
}
