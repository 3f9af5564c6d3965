/**
 * The one cache version every memo of the engine keys on: `total_changes()` moves with every write
 * through this connection (its own imports, the aging index it stores), `data_version` with every
 * commit another connection makes to the same file (a second Folio process, the CLI, a sync in the
 * app's host). Together they change whenever what a query would read has changed, so a memo keyed
 * on them is never stale, and they cost one pragma read. (The bundle data version in cache_meta,
 * which statements record, moves only with applied bundles: it says which data a statement came
 * from, not whether a memo may be reused.)
 */
import type { Database } from '../db/database';

export function cacheVersion(db: Database): string {
  return db.value<string>("SELECT total_changes() || ':' || data_version FROM pragma_data_version")!;
}
