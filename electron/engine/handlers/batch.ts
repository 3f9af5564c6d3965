import { defineHandlers } from '../engine';
import { notImplemented } from './not-implemented';

// Placeholder: the issue that owns this domain replaces every entry with the real handler.
export const batchHandlers = defineHandlers({
  'batch:start': () => notImplemented('batch:start'),
  'batch:list': () => notImplemented('batch:list'),
  'batch:get': () => notImplemented('batch:get'),
  'batch:pause': () => notImplemented('batch:pause'),
  'batch:resume': () => notImplemented('batch:resume'),
  'batch:cancel': () => notImplemented('batch:cancel'),
  'batch:report': () => notImplemented('batch:report'),
});
