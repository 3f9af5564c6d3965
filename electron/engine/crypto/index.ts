/**
 * Encryption at rest (owner: the packaging/security issue). The ledger's file store and the
 * database files ask this service for their codec; `undefined` means stored as plain bytes.
 * This first version encrypts nothing; the real one (AES-256-GCM, key protected by the
 * platform's secret store) keeps the same shape.
 */
import type { Codec } from '../db/database';
import { defineService } from '../engine';

export interface Encryption {
  /** the codec for a database file, or undefined when databases are stored plain */
  dbCodec(label: 'cache' | 'ledger'): Codec | undefined;
  /** the codec for statement files in the local store, or undefined when stored plain */
  fileCodec(): Codec | undefined;
  readonly enabled: boolean;
}

export const encryption = defineService<Encryption>('encryption', () => ({
  dbCodec: () => undefined,
  fileCodec: () => undefined,
  enabled: false,
}));
