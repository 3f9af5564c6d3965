/**
 * Errors cross process boundaries as plain data, never as Error objects.
 * `FolioError` is thrown inside a process; `toErrorData` turns anything thrown
 * into `FolioErrorData` for the wire, and `FolioError.from` revives it on the other side.
 */
export const ERROR_TYPES = [
  'validation', // bad input: a filter, a setting, a bundle line (names the field)
  'not_found', // an id or reference that does not exist
  'conflict', // the operation clashes with stored state (duplicate, immutable, already invoiced)
  'integrity', // a checksum, signature or audit chain does not match
  'offline', // the network or a remote service is unreachable
  'forbidden', // the user's role does not allow the command
  'io', // the file system failed
  'internal', // a bug: anything not classified above
] as const;
export type ErrorType = (typeof ERROR_TYPES)[number];

export interface FolioErrorData {
  type: ErrorType;
  code: string;
  message: string;
  field?: string;
}

export class FolioError extends Error {
  readonly type: ErrorType;
  readonly code: string;
  readonly field?: string;

  constructor(type: ErrorType, code: string, message: string, field?: string) {
    super(message);
    this.name = 'FolioError';
    this.type = type;
    this.code = code;
    if (field !== undefined) this.field = field;
  }

  static validation(code: string, message: string, field?: string): FolioError {
    return new FolioError('validation', code, message, field);
  }

  static notFound(code: string, message: string, field?: string): FolioError {
    return new FolioError('not_found', code, message, field);
  }

  static from(data: FolioErrorData): FolioError {
    return new FolioError(data.type, data.code, data.message, data.field);
  }

  toData(): FolioErrorData {
    const data: FolioErrorData = { type: this.type, code: this.code, message: this.message };
    if (this.field !== undefined) data.field = this.field;
    return data;
  }
}

export function isFolioErrorData(value: unknown): value is FolioErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.type === 'string' &&
    (ERROR_TYPES as readonly string[]).includes(v.type) &&
    typeof v.code === 'string' &&
    typeof v.message === 'string'
  );
}

/** Anything thrown → wire data. Unknown errors become `internal` without leaking stacks. */
export function toErrorData(err: unknown): FolioErrorData {
  if (err instanceof FolioError) return err.toData();
  if (isFolioErrorData(err)) return { ...err };
  if (err instanceof Error) {
    const code = (err as NodeJSLikeError).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      return { type: 'io', code, message: err.message };
    }
    return { type: 'internal', code: 'INTERNAL', message: err.message };
  }
  return { type: 'internal', code: 'INTERNAL', message: String(err) };
}

interface NodeJSLikeError extends Error {
  code?: unknown;
}
