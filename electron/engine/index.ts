/** The engine's entry: build one for a platform. Used by the utilityProcess host, the CLI, the bridge and tests. */
import { appendAudit } from './audit/log';
import { Engine } from './engine';
import { handlers } from './handlers';
import type { Platform } from './platform';
import { resolveCaller } from './settings/service';
// the owners of the ledger store's start hooks, each registering its own when loaded (see
// engine.ts onServiceStart): crash reconciliation and the invoiced-items answer (ledger), the audit
// inbox merge (audit/log.ts, imported above), interrupted batch runs (batch)
import './ledger/service';
import './batch/runner';

export function createEngine(platform: Platform): Engine {
  return new Engine(platform, handlers, resolveCaller, (engine, caller, command) => {
    // a refused command is recorded too (who tried what); the refusal never waits for or fails on it
    appendAudit(engine, caller, 'denied', { command }).catch(() => {});
  });
}

export { Engine } from './engine';
export type { Platform } from './platform';
export { nodePlatform } from './platform';
