import { FolioError } from '../../../shared/errors';

export function notImplemented(name: string): never {
  throw new FolioError('internal', 'NOT_IMPLEMENTED', `${name} is not available in this build yet`);
}
