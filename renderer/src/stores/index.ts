/**
 * The screens' stores (one per domain) and the one call that starts their engine subscriptions.
 * The shell calls `initStores()` once at start-up; nothing subscribes at import time.
 * (stores/app.ts is the shell's own store and is not started from here.)
 */
import { initBatch } from './batch';
import { initSettings } from './settings';
import { initStatus } from './status';

export { useBatch } from './batch';
export { useData } from './data';
export { useGenerate } from './generate';
export { useHistory } from './history';
export { useLocale, useSettings } from './settings';
export { useStatus } from './status';
export { useTemplates } from './templates';
export { useUploads } from './uploads';

let stop: (() => void) | null = null;

export function initStores(): () => void {
  if (stop) return stop;
  const offs = [initStatus(), initBatch()];
  initSettings();
  stop = () => {
    offs.forEach((off) => off());
    stop = null;
  };
  return stop;
}
