import { defineHandlers } from '../engine';
import { notImplemented } from './not-implemented';

// Placeholder: the issue that owns this domain replaces every entry with the real handler.
export const templateHandlers = defineHandlers({
  'templates:list': () => notImplemented('templates:list'),
  'templates:versions': () => notImplemented('templates:versions'),
  'templates:save': () => notImplemented('templates:save'),
  'templates:rollback': () => notImplemented('templates:rollback'),
  'templates:sample': () => notImplemented('templates:sample'),
});
