/**
 * Errors from the engine arrive as `FolioError` (type, code, message, field). These helpers turn
 * anything caught into what a screen shows: a sentence, and the field at fault when there is one.
 */
import type { z } from 'zod';
import { FolioError, isFolioErrorData, type FolioErrorData } from '../../../shared/errors';

export type UiError = FolioErrorData;

export function toUiError(err: unknown): UiError {
  if (err instanceof FolioError) return err.toData();
  if (isFolioErrorData(err)) return err;
  if (err instanceof Error) return { type: 'internal', code: 'INTERNAL', message: err.message };
  return { type: 'internal', code: 'INTERNAL', message: String(err) };
}

/** The sentence a person reads: calm, and specific about what to do. */
export function describeError(err: UiError): string {
  if (err.type === 'offline') return `You are offline: ${err.message}`;
  if (err.type === 'integrity') return `Integrity check failed: ${err.message}`;
  if (err.type === 'forbidden') return `Your role does not allow this: ${err.message}`;
  return err.message;
}

/** The last segment of a field path: "filters.clientId" → "clientId". */
export function fieldKey(field: string | undefined | null): string | null {
  if (!field) return null;
  const parts = field.split(/[.[\]/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? null;
}

/** zod issues → { field: message } (the first message per field), keyed by the last path segment. */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = [...issue.path].reverse().find((p) => typeof p === 'string') as string | undefined;
    const k = key ?? '_form';
    out[k] ??= issue.message;
  }
  return out;
}
