/**
 * What a long-lived engine (the desktop app's engine host, the browser bridge) opens as soon as it
 * starts, before its first command:
 * - the cache and the settings;
 * - the ledger, with its crash reconciliation and the audit inbox, creating it in a new folder;
 * - where uploads drain on their own, the upload queue, so statements queued in an earlier session
 *   upload without waiting for a screen to ask.
 * The first preview or generate then pays for no database creation. The CLI opens only what each
 * command needs.
 *
 * Best effort: a step that fails (another Folio process holds the ledger, the folder's key is not
 * available) is reported here and left to the first command that needs it, which gets the error
 * as data. The steps run one after the other; a command arriving meanwhile waits for the same
 * service (services are created once).
 */
import { toErrorData, type FolioErrorData } from '../../shared/errors';
import { cacheDb } from './db/stores';
import type { Engine } from './engine';
import { ledgerService } from './ledger/service';
import { settingsService } from './settings/service';
import { drainsOnItsOwn, uploadQueue } from './uploads/service';

export interface StartStep {
  step: 'settings' | 'cache' | 'ledger' | 'uploads';
  ms: number;
  error?: FolioErrorData;
}

const EXPECTED = new Set(['LEDGER_IN_USE', 'ENGINE_CLOSED']);

export async function startEngine(engine: Engine, warn: (message: string) => void = (m) => process.emitWarning(m)): Promise<StartStep[]> {
  const steps: Array<[StartStep['step'], () => Promise<unknown>]> = [
    ['settings', () => engine.use(settingsService)],
    ['cache', () => engine.use(cacheDb)],
    ['ledger', () => engine.use(ledgerService)],
  ];
  if (drainsOnItsOwn(engine.platform)) steps.push(['uploads', () => engine.use(uploadQueue)]);
  const report: StartStep[] = [];
  for (const [step, open] of steps) {
    const t0 = performance.now();
    try {
      await open();
      report.push({ step, ms: performance.now() - t0 });
    } catch (err) {
      const error = toErrorData(err);
      report.push({ step, ms: performance.now() - t0, error });
      // another process holding the ledger, or a close during the start, is expected
      if (!EXPECTED.has(error.code)) warn(`Folio: opening the ${step} at start failed (the first command needing it will say why): ${error.message}`);
    }
  }
  return report;
}
