import { defineHandlers } from '../engine';
import { notImplemented } from './not-implemented';

// Placeholder: the issue that owns this domain replaces every entry with the real handler.
export const statementHandlers = defineHandlers({
  'statement:preview': () => notImplemented('statement:preview'),
  'statement:generate': () => notImplemented('statement:generate'),
});
