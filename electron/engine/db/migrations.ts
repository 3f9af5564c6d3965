import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FolioError } from '../../../shared/errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads `NNN_name.sql` files from a folder, in number order. */
export function loadMigrations(dir: string): Migration[] {
  const out: Migration[] = [];
  for (const f of readdirSync(dir)) {
    const m = /^(\d{3,})_([\w-]+)\.sql$/.exec(f);
    if (!m) continue;
    out.push({ version: Number(m[1]), name: m[2]!, sql: readFileSync(join(dir, f), 'utf8') });
  }
  out.sort((a, b) => a.version - b.version);
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.version === out[i - 1]!.version) {
      throw new FolioError('internal', 'DUPLICATE_MIGRATION', `Two migrations share number ${out[i]!.version} in ${dir}`);
    }
  }
  return out;
}
