/**
 * The statement filters of cli.md, shared by `folio preview` and `folio generate`, derived from
 * the statement-type registry (shared/statement-types): `addFilterOptions(cmd)` declares every
 * type's options, `requestFromOptions(type, opts)` turns them into a `StatementRequest` (bad usage
 * → a validation error naming the option, exit 2), and `optionError(err)` rewrites an engine
 * error's field (clientId …) into the option (--client …).
 */
import { Option, type Command } from 'commander';
import { STATEMENT_TYPES, statementRequest, type StatementRequest, type StatementType } from '../../shared/contract';
import { FolioError, toErrorData } from '../../shared/errors';
import { cliOptions, STATEMENT_TYPE_DEFS, type CliOption, type StatementTypeDef } from '../../shared/statement-types';
import { usageError } from './context';

/** The parsed options, by commander's attribute name (`--as-of` → asOf). */
export type FilterOptions = Record<string, string | boolean | undefined>;

type Defs = Readonly<Record<string, StatementTypeDef>>;

interface DerivedOption extends CliOption {
  /** commander's attribute name of the option */
  key: string;
}

function derive(defs: Defs): DerivedOption[] {
  return cliOptions(defs).map((o) => ({ ...o, key: new Option(o.flags).attributeName() }));
}

const OPTIONS = derive(STATEMENT_TYPE_DEFS);

/** Request field → CLI option (from the registry), plus the type argument. */
export const FIELD_OPTIONS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(OPTIONS.map((o) => [o.filter, o.flag])),
  type: 'TYPE',
};

/** Declares the filter options of every type of `defs` (default: the registry) on a command. */
export function addFilterOptions(cmd: Command, defs: Defs = STATEMENT_TYPE_DEFS): Command {
  for (const o of defs === STATEMENT_TYPE_DEFS ? OPTIONS : derive(defs)) cmd.option(o.flags, o.help);
  return cmd;
}

function list(value: string, option: string): string[] {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0) throw usageError(option, 'must list at least one id');
  return ids;
}

function given(v: string | boolean | undefined): boolean {
  return v !== undefined && v !== false;
}

function filterValue(o: DerivedOption, v: string | boolean): unknown {
  switch (o.value) {
    case 'list':
      return list(String(v), o.flag);
    case 'upper':
      return String(v).toUpperCase();
    case 'set-true':
      return true;
    case 'set-false':
      return false;
    case 'text':
      return v;
  }
}

export function parseStatementType(type: string, defs: Defs = STATEMENT_TYPE_DEFS): StatementType {
  if (!Object.hasOwn(defs, type)) {
    throw usageError('TYPE', `"${type}" is not a statement type (${Object.keys(defs).join(', ')})`);
  }
  return type as StatementType;
}

/**
 * Options → the type's filters, by the registry: an option the type does not take, or a missing
 * required one, is bad usage naming the option. Not yet validated by the schema.
 */
export function filtersFromOptions(type: string, o: FilterOptions, defs: Defs = STATEMENT_TYPE_DEFS): Record<string, unknown> {
  const def = defs[type]!;
  const options = defs === STATEMENT_TYPE_DEFS ? OPTIONS : derive(defs);
  for (const opt of options) {
    if (given(o[opt.key]) && !opt.types.includes(type)) throw usageError(opt.flag, `does not apply to a ${type} statement`);
  }
  const filters: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(def.filters)) {
    const opt = spec.cli && options.find((x) => x.flag === spec.cli!.flag);
    if (!opt) continue;
    const v = o[opt.key];
    if (spec.required && v === undefined) throw usageError(opt.flag, `is required for a ${type} statement`);
    if (v !== undefined && v !== false) filters[field] = filterValue(opt, v);
  }
  return filters;
}

/** Options → a validated StatementRequest; errors name the option. */
export function requestFromOptions(typeArg: string, o: FilterOptions): StatementRequest {
  const type = parseStatementType(typeArg);
  const filters = filtersFromOptions(type, o);
  const parsed = statementRequest.safeParse({ type, filters });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.filter((p) => typeof p === 'string' && p !== 'filters').pop() as string | undefined;
    const option = (field && FIELD_OPTIONS[field]) ?? field ?? 'TYPE';
    throw usageError(option, issue.message);
  }
  return parsed.data;
}

/** An engine error about a filter field, re-labelled with the CLI option (still exit 2). */
export function optionError(err: unknown): unknown {
  const data = toErrorData(err);
  if (!data.field) return err;
  const last = data.field.split('.').pop()!;
  const option = FIELD_OPTIONS[last];
  if (!option) return err;
  const message = data.message.startsWith(`${data.field}: `)
    ? data.message.slice(data.field.length + 2)
    : data.message.startsWith(`${last}: `)
      ? data.message.slice(last.length + 2)
      : data.message;
  return new FolioError(data.type, data.code, `${option}: ${message}`, option);
}

/** The TYPE argument's help, from the registry. */
export const TYPE_HELP = `${STATEMENT_TYPES.slice(0, -1).join(', ')} or ${STATEMENT_TYPES[STATEMENT_TYPES.length - 1]}`;
