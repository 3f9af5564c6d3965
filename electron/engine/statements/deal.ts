import type { FiltersOf, StatementModel } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import type { ComputeContext } from './common';

export function computeDeal(_f: FiltersOf<'deal'>, _ctx: ComputeContext): StatementModel {
  throw new FolioError('internal', 'NOT_IMPLEMENTED', 'The deal statement is not available in this build yet');
}
