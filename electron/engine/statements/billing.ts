import type { FiltersOf, StatementModel } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import type { ComputeContext } from './common';

export function computeBilling(_f: FiltersOf<'billing'>, _ctx: ComputeContext): StatementModel {
  throw new FolioError('internal', 'NOT_IMPLEMENTED', 'The billing statement is not available in this build yet');
}
