import type { FiltersOf, StatementModel } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import type { ComputeContext } from './common';

export function computeArAging(_f: FiltersOf<'ar-aging'>, _ctx: ComputeContext): StatementModel {
  throw new FolioError('internal', 'NOT_IMPLEMENTED', 'The ar-aging statement is not available in this build yet');
}
