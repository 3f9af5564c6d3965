import { listAudit, verifyAudit } from '../audit/log';
import { defineHandlers } from '../engine';
import { ledgerService } from '../ledger/service';
import { notImplemented } from './not-implemented';

export const ledgerHandlers = defineHandlers({
  'history:list': () => notImplemented('history:list'),
  'history:get': () => notImplemented('history:get'),
  'history:file': () => notImplemented('history:file'),
  'history:export': () => notImplemented('history:export'),
  'uploads:list': () => notImplemented('uploads:list'),
  'uploads:drain': () => notImplemented('uploads:drain'),
  'uploads:retry': () => notImplemented('uploads:retry'),
  'audit:list': async ({ offset, limit }, { engine }) => listAudit((await engine.use(ledgerService)).db, offset, limit),
  'audit:verify': async (_input, { engine }) => verifyAudit((await engine.use(ledgerService)).db),
});
