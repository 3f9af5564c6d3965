/** The Data screen's commands: status, import, sync, demo data, quarantine, autocomplete lists. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAudit } from '../audit/log';
import { importPath } from '../cache/import';
import { billingItemsFor, dataStatus, findContracts, findDeals, findParties, quarantinePage } from '../cache/queries';
import { cacheDb, ledgerDb } from '../db/stores';
import { writeDemoBundle } from '../demo/generate';
import { invoicedItems } from '../ledger/records';
import { defineHandlers, type Caller, type Engine } from '../engine';
import { settingsService } from '../settings/service';
import { syncS3 } from '../sync/s3-sync';

async function audit(engine: Engine, caller: Caller, action: string, details: Record<string, unknown>): Promise<void> {
  try {
    await appendAudit(engine, caller, action, details);
  } catch (err) {
    process.emitWarning(`Folio: the audit entry for ${action} could not be written: ${(err as Error).message}`);
  }
}

export const dataHandlers = defineHandlers({
  'data:status': async (_i, { engine }) => {
    const s = (await engine.use(settingsService)).values();
    return dataStatus(await engine.use(cacheDb), { folder: s['source.folder'] || null, s3: s['source.s3'] || null });
  },
  'data:import': async ({ path }, { engine, caller }) => {
    const result = await importPath(engine, path);
    await audit(engine, caller, 'import', {
      path,
      bundles: result.bundles.map((b) => ({ sourceKey: b.sourceKey, status: b.status, exportedAt: b.exportedAt, ...(b.error ? { error: b.error } : {}) })),
      applied: result.applied,
      skipped: result.skipped,
      quarantined: result.quarantined,
    });
    return result;
  },
  'data:sync': async (_i, { engine, caller }) => {
    const result = await syncS3(engine);
    await audit(engine, caller, 'sync', {
      ok: result.ok,
      offline: result.offline,
      message: result.message,
      bundles: result.result?.bundles.map((b) => ({ sourceKey: b.sourceKey, status: b.status })) ?? [],
    });
    return result;
  },
  'data:loadDemo': async ({ size, seed, through }, { engine, caller, platform }) => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-demo-'));
    try {
      const taskId = `demo-write-${Date.now()}`;
      const progress = (done: number, total: number) =>
        engine.emit('progress', { taskId, kind: 'demo', label: 'Writing demo data', done, total, ratePerMin: null, etaMs: null, finished: done >= total });
      const demo = writeDemoBundle({ size, seed, ...(through ? { through } : {}), out: join(dir, 'demo'), now: platform.now(), progress });
      const result = await importPath(engine, demo.dir, {
        sourceKey: () => `demo:${String(size)}:${seed}:${demo.through}`,
        progressKind: 'demo',
        label: 'Loading demo data',
      });
      await audit(engine, caller, 'import', { demo: { size, seed, through: demo.through }, applied: result.applied, quarantined: result.quarantined });
      return result;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  'data:quarantine': async ({ offset, limit }, { engine }) => quarantinePage(await engine.use(cacheDb), offset, limit),
  'data:parties': async ({ query, type, limit }, { engine }) => findParties(await engine.use(cacheDb), query, type, limit),
  'data:deals': async ({ query, limit }, { engine }) => findDeals(await engine.use(cacheDb), query, limit),
  'data:contracts': async ({ query, limit }, { engine }) => findContracts(await engine.use(cacheDb), query, limit),
  'data:billingItems': async ({ partyId, targetType }, { engine }) => {
    const cache = await engine.use(cacheDb);
    // the ledger cannot be opened: no item shows as invoiced (the invoice's own check still runs)
    const ledger = await engine.use(ledgerDb).catch(() => null);
    return billingItemsFor(cache, partyId, targetType, (ids) => (ledger ? invoicedItems(ledger, ids) : new Map()));
  },
});
