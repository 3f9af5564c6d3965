import { defineHandlers } from '../engine';
import { notImplemented } from './not-implemented';

// Placeholder: the issue that owns this domain replaces every entry with the real handler.
export const ledgerHandlers = defineHandlers({
  'history:list': () => notImplemented('history:list'),
  'history:get': () => notImplemented('history:get'),
  'history:file': () => notImplemented('history:file'),
  'history:export': () => notImplemented('history:export'),
  'uploads:list': () => notImplemented('uploads:list'),
  'uploads:drain': () => notImplemented('uploads:drain'),
  'uploads:retry': () => notImplemented('uploads:retry'),
  'audit:list': () => notImplemented('audit:list'),
  'audit:verify': () => notImplemented('audit:verify'),
});
