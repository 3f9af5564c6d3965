import type { FiltersOf, StatementModel } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import type { ComputeContext } from './common';

export function computeInvoice(_f: FiltersOf<'invoice'>, _ctx: ComputeContext): StatementModel {
  throw new FolioError('internal', 'NOT_IMPLEMENTED', 'The invoice statement is not available in this build yet');
}
