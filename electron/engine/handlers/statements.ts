import { defineHandlers } from '../engine';
import { previewStatement } from '../statements/preview';
import { notImplemented } from './not-implemented';

// Placeholder: the issue that owns this domain replaces every entry with the real handler.
export const statementHandlers = defineHandlers({
  'statement:preview': (input, { engine, caller }) => previewStatement(engine, input, caller),
  'statement:generate': () => notImplemented('statement:generate'),
});
