/**
 * Deterministic sharding: `--shard K/N` keeps the subjects whose stable hash falls in bucket K
 * (1-based) of N. The hash is of the subject key (`billing|<contract>|2026-01`), not of a row
 * position, so every machine splits the same way whatever order its cache returns rows in,
 * and N machines together make each statement exactly once.
 */
import { createHash } from 'node:crypto';
import { FolioError } from '../../../shared/errors';

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

/** The 0-based bucket of a subject key among `count` buckets (SHA-256, first 48 bits, mod count). */
export function bucketOf(subjectKey: string, count: number): number {
  if (count <= 1) return 0;
  const h = createHash('sha256').update(subjectKey, 'utf8').digest();
  return h.readUIntBE(0, 6) % count;
}

export function inShard(subjectKey: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count <= 1) return true;
  return bucketOf(subjectKey, shard.count) === shard.index - 1;
}

/** Parses `K/N` (the CLI's --shard); the error names the option. */
export function parseShard(text: string, field = '--shard'): Shard {
  const m = /^\s*(\d{1,5})\s*\/\s*(\d{1,5})\s*$/.exec(text);
  if (!m) throw new FolioError('validation', 'BAD_SHARD', `${field}: must be K/N, e.g. 2/3 (got "${text}")`, field);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 10000 || index < 1 || index > count) {
    throw new FolioError('validation', 'BAD_SHARD', `${field}: needs 1 ≤ K ≤ N ≤ 10000 (got ${index}/${count})`, field);
  }
  return { index, count };
}
