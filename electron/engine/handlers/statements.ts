import { defineHandlers } from '../engine';
import { generateStatement } from '../usecases/generate';
import { previewStatement } from '../usecases/preview';

// Placeholder: the issue that owns this domain replaces every entry with the real handler.
export const statementHandlers = defineHandlers({
  'statement:preview': (input, { engine, caller }) => previewStatement(engine, input, caller),
  'statement:generate': (input, { engine, caller }) => generateStatement(engine, input, caller),
});
