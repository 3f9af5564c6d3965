import { existsSync, statSync } from 'node:fs';
import type { AppInfo } from '../../../shared/contract';
import { encryption } from '../crypto';
import type { Database } from '../db/database';
import { cacheDb, cacheFile, ledgerDb, ledgerFile } from '../db/stores';
import { defineHandlers } from '../engine';
import { ENGINE_VERSION } from '../version';

function dbState(db: Database, file: string, encrypted: boolean) {
  const exists = existsSync(file);
  return { file, exists, schemaVersion: db.schemaVersion, sizeBytes: exists ? statSync(file).size : 0, encrypted };
}

export const appHandlers = defineHandlers({
  'app:info': async (_input, { engine, platform, caller }): Promise<AppInfo> => {
    const cache = await engine.use(cacheDb);
    const ledger = await engine.use(ledgerDb);
    const enc = await engine.use(encryption);
    const hasStatements = ledger.value<number>(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'generated_statement'",
    );
    const statements = hasStatements ? (ledger.value<number>('SELECT count(*) FROM generated_statement') ?? 0) : 0;
    const parties = cache.value<number>('SELECT count(*) FROM parties') ?? 0;
    const contracts = cache.value<number>('SELECT count(*) FROM contracts') ?? 0;
    const lastImportAt = cache.value<string>('SELECT max(applied_at) FROM applied_bundles') ?? null;
    return {
      name: 'Folio',
      version: platform.appVersion,
      engineVersion: ENGINE_VERSION,
      dataDir: platform.dataDir,
      user: caller.user,
      role: caller.role,
      online: platform.isOnline(),
      platform: `${process.platform}-${process.arch}`,
      cache: { ...dbState(cache, cacheFile(engine), enc.dbCodec('cache') !== undefined), empty: parties + contracts === 0, lastImportAt },
      ledger: { ...dbState(ledger, ledgerFile(engine), enc.dbCodec('ledger') !== undefined), statements },
    };
  },
});
