import { defineHandlers } from '../engine';
import { notImplemented } from './not-implemented';

// Placeholder: the issue that owns this domain replaces every entry with the real handler.
export const dataHandlers = defineHandlers({
  'data:status': () => notImplemented('data:status'),
  'data:import': () => notImplemented('data:import'),
  'data:sync': () => notImplemented('data:sync'),
  'data:loadDemo': () => notImplemented('data:loadDemo'),
  'data:quarantine': () => notImplemented('data:quarantine'),
  'data:parties': () => notImplemented('data:parties'),
  'data:deals': () => notImplemented('data:deals'),
  'data:billingItems': () => notImplemented('data:billingItems'),
  'data:contracts': () => notImplemented('data:contracts'),
});
