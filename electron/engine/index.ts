/** The engine's entry: build one for a platform. Used by the utilityProcess host, the CLI, the bridge and tests. */
import { appendAudit } from './audit/log';
import { Engine } from './engine';
import { handlers } from './handlers';
import type { Platform } from './platform';
import { resolveCaller } from './settings/service';

export function createEngine(platform: Platform): Engine {
  return new Engine(platform, handlers, resolveCaller, (engine, caller, command) => {
    // a refused command is recorded too (who tried what); the refusal never waits for or fails on it
    appendAudit(engine, caller, 'denied', { command }).catch(() => {});
  });
}

export { Engine } from './engine';
export type { Platform } from './platform';
export { nodePlatform } from './platform';
