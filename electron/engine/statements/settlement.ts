import type { FiltersOf, StatementModel } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import type { ComputeContext } from './common';

export function computeSettlement(_f: FiltersOf<'settlement'>, _ctx: ComputeContext): StatementModel {
  throw new FolioError('internal', 'NOT_IMPLEMENTED', 'The settlement statement is not available in this build yet');
}
