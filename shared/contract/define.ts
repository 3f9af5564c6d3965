import { z } from 'zod';

/** Who may run a command (issue: roles). Viewer < Accountant < Admin. */
export type Role = 'viewer' | 'accountant' | 'admin';
export const ROLE_RANK: Record<Role, number> = { viewer: 0, accountant: 1, admin: 2 };

/**
 * Where a command runs. `engine` commands are handled by the engine (utilityProcess, CLI, tests);
 * `shell` commands need the desktop shell (native dialogs, opening files) and are handled by the
 * Electron main process, or by the browser bridge's stand-in.
 */
export type CommandHost = 'engine' | 'shell';

export interface CommandSpec<I extends z.ZodType, O, H extends CommandHost = CommandHost> {
  readonly input: I;
  readonly role: Role;
  readonly host: H;
  /** phantom: the output type, never read at runtime */
  readonly output?: O;
}

export function command<O>() {
  return <I extends z.ZodType, H extends CommandHost = 'engine'>(input: I, role: Role, host?: H): CommandSpec<I, O, H> => ({
    input,
    role,
    host: (host ?? 'engine') as H,
  });
}

/** An event pushed from the engine to every UI: the payload type is phantom. */
export interface EventSpec<P> {
  readonly payload?: P;
}
export function event<P>(): EventSpec<P> {
  return {};
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'is not a real calendar date');
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');
export const id = z.string().min(1, 'is required').max(200);
export const empty = z.object({}).strict();
