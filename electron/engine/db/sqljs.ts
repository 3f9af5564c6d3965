import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';

let sqlPromise: Promise<SqlJsStatic> | null = null;

/** Loads the sql.js WASM build once per process. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlPromise) {
    const req = createRequire(__filename);
    const entry = req.resolve('sql.js/dist/sql-wasm.js');
    const init = req(entry) as (cfg: { locateFile: (f: string) => string }) => Promise<SqlJsStatic>;
    sqlPromise = init({ locateFile: (f) => join(dirname(entry), f) });
  }
  return sqlPromise;
}
