/**
 * The shape of a statement-type definition (see `./index.ts` for the six definitions) and the
 * pure derivations every part uses: the filters' zod schema, the CLI options, the Generate form's
 * fields and initial values. Shared code: no engine, no React, no Node APIs (the renderer imports it).
 */
import { z } from 'zod';

/** How `folio preview|generate` turns an option into the filter value. */
export type CliValue =
  /** the option's text as given */
  | 'text'
  /** comma-separated ids; an empty list is bad usage */
  | 'list'
  /** the text in upper case (CLIENT, BUYER) */
  | 'upper'
  /** a flag without a value: present → true */
  | 'set-true'
  /** a flag without a value: present → false (`--all-items` → openItemsOnly false) */
  | 'set-false';

export interface CliSpec {
  /** the long option, e.g. `--client`; one flag always names the same filter key */
  readonly flag: `--${string}`;
  /** the value placeholder, e.g. `<id>`; absent for flags (set-true, set-false) */
  readonly arg?: `<${string}>`;
  /** help text for this type; `--help` lists each text once, followed by the types using it */
  readonly help: string;
  readonly value: CliValue;
}

/** The Generate form's widget for a filter. */
export type FormKind =
  /** an autocomplete over `source` (value: the picked entity, its id is the filter) */
  | 'entity'
  | 'date'
  | 'month'
  /** a select of fixed `options` */
  | 'choice'
  /** a select of ISO currencies with "all currencies (grouped)" as the empty choice */
  | 'currency'
  /** a decimal number typed as text */
  | 'decimal'
  | 'checkbox'
  /** the billing item picker of the chosen party and target */
  | 'billing-items'
  /** not a field: lines left out by clicking them in the preview grid */
  | 'excluded-lines';

/** Where an entity field searches. */
export type FormSource = 'clients' | 'any-party' | 'deals' | 'contracts';

/** An initial value computed from today's local date when the form opens. */
export type CalendarDefault = 'today' | 'previous-month' | 'previous-month-start' | 'previous-month-end';

export interface FormSpec {
  /** the form state's field; types that share a field (client) keep its value when switching */
  readonly field: string;
  readonly kind: FormKind;
  readonly label: string;
  readonly source?: FormSource;
  readonly options?: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly placeholder?: string;
  readonly hint?: string;
  /** adjacent fields with the same row are laid out side by side */
  readonly row?: string;
  /** initial value (default: none picked, '', false or no ids, by kind) */
  readonly initial?: string | boolean | { readonly calendar: CalendarDefault };
}

export interface FilterSpec {
  /** the value's schema; made optional when `required` is false */
  readonly schema: z.ZodType;
  readonly required: boolean;
  /** the option of `folio preview|generate`, or null when the CLI does not take it */
  readonly cli: CliSpec | null;
  /** the Generate form's field, or null when the form does not show it */
  readonly form: FormSpec | null;
}

export type BatchRunField = 'period' | 'dateFrom' | 'dateTo' | 'asOf';

/** How a batch run (`batch:start`) makes one request per subject of this type. */
export interface BatchSpec {
  /** the kind's name in the Batch screen's menu */
  readonly label: string;
  /** the Batch screen's label of the party list that narrows the run */
  readonly partiesLabel: string;
  /** `folio batch KIND`: its description, and the option (and help) of the party list */
  readonly cli: { readonly description: string; readonly partiesFlag: `--${string}`; readonly partiesHelp: string };
  /** the filter each planned subject id fills (contractId, clientId) */
  readonly subject: string;
  /** the run's fields copied into every request: filter ← batch input field */
  readonly run: ReadonlyArray<{ readonly filter: string; readonly input: BatchRunField; readonly default?: 'today' }>;
  /** the run may be narrowed to contract types (billing) */
  readonly contractTypes?: boolean;
}

export interface StatementTypeDef {
  /** reference prefix: `{PREFIX}-{epoch ms}-{8 hex}` (statements.md) */
  readonly prefix: string;
  /** seed 003 statement_type_cd */
  readonly code: string;
  /** the statement's name in sentences and file metadata */
  readonly label: string;
  /** the name in the Generate form's type menu */
  readonly menuLabel: string;
  /** the totals keys per currency (cli.md), in order */
  readonly totalKeys: readonly string[];
  /** the totals key the ledger line items' amounts add up to per currency (model QA: lines = totals) */
  readonly itemTotalKey: string;
  /** the filters, in the order the form shows them and `--help` lists them */
  readonly filters: Readonly<Record<string, FilterSpec>>;
  /** a date range that must not run backwards: [from filter, to filter] */
  readonly range?: readonly [string, string];
  readonly batch?: BatchSpec;
}

/** The zod object of a type's filters, strict, with the optional ones made optional. */
export type FiltersShape<F extends Readonly<Record<string, FilterSpec>>> = {
  -readonly [K in keyof F]: F[K]['required'] extends true ? F[K]['schema'] : z.ZodOptional<F[K]['schema']>;
};
export type FiltersSchema<F extends Readonly<Record<string, FilterSpec>>> = z.ZodObject<FiltersShape<F>, z.core.$strict>;

export function filtersSchema<F extends Readonly<Record<string, FilterSpec>>>(filters: F): FiltersSchema<F> {
  const shape = Object.fromEntries(Object.entries(filters).map(([key, f]) => [key, f.required ? f.schema : f.schema.optional()]));
  return z.object(shape).strict() as unknown as FiltersSchema<F>;
}

/** One CLI option as `--help` shows it: declared once, whatever number of types take it. */
export interface CliOption {
  flag: string;
  /** `--client <id>` */
  flags: string;
  help: string;
  value: CliValue;
  /** the filter key it sets */
  filter: string;
  /** the types taking it */
  types: string[];
}

/**
 * The options of `folio preview|generate` for a set of definitions, in the order of first use.
 * Each option's help lists every distinct help text once, each followed by the types using it.
 */
export function cliOptions(defs: Readonly<Record<string, StatementTypeDef>>): CliOption[] {
  const byFlag = new Map<string, CliOption & { texts: Map<string, string[]> }>();
  for (const [type, def] of Object.entries(defs)) {
    for (const [filter, spec] of Object.entries(def.filters)) {
      const cli = spec.cli;
      if (!cli) continue;
      let o = byFlag.get(cli.flag);
      if (!o) {
        o = { flag: cli.flag, flags: cli.arg ? `${cli.flag} ${cli.arg}` : cli.flag, help: '', value: cli.value, filter, types: [], texts: new Map() };
        byFlag.set(cli.flag, o);
      } else if (o.filter !== filter || o.value !== cli.value || o.flags !== (cli.arg ? `${cli.flag} ${cli.arg}` : cli.flag)) {
        throw new Error(`statement types: ${cli.flag} is declared differently by ${type} (${filter}) and ${o.types.join(', ')} (${o.filter})`);
      }
      o.types.push(type);
      o.texts.set(cli.help, [...(o.texts.get(cli.help) ?? []), type]);
    }
  }
  return [...byFlag.values()].map(({ texts, ...o }) => ({
    ...o,
    help: [...texts].map(([text, types]) => `${text} (${types.join(', ')})`).join('; '),
  }));
}

/** The Generate form's fields of one type, in order, each with its filter key and requiredness. */
export interface FormField extends FormSpec {
  filter: string;
  required: boolean;
}

export function formFields(def: StatementTypeDef): FormField[] {
  return Object.entries(def.filters).flatMap(([filter, spec]) => (spec.form ? [{ ...spec.form, filter, required: spec.required }] : []));
}

/** Fields laid out together: consecutive fields sharing a `row`, else one field alone. */
/**
 * The Batch screen's fields of a batch kind: each run field drawn as its filter's form field,
 * named by the batch input field, required unless it has a default.
 */
export function batchFormFields(def: StatementTypeDef): FormField[] {
  return (def.batch?.run ?? []).flatMap((r) => {
    const spec = def.filters[r.filter]?.form;
    return spec ? [{ ...spec, field: r.input, filter: r.input, required: r.default === undefined }] : [];
  });
}

export function formRows(fields: readonly FormField[]): FormField[][] {
  const rows: FormField[][] = [];
  for (const f of fields) {
    const last = rows[rows.length - 1];
    if (f.row && last && last[0]!.row === f.row) last.push(f);
    else rows.push([f]);
  }
  return rows;
}

/** An entity picked in the form: its id is the filter value. */
export interface Picked {
  id: string;
  label: string;
  detail?: string;
}

export type FormValue = Picked | null | string | boolean | string[];

/** The value a form field starts with, given today's local date and the previous month's bounds. */
export function initialValue(spec: FormSpec, cal: { today: string; previousMonth: { from: string; to: string; period: string } }): FormValue {
  const init = spec.initial;
  if (init !== undefined && typeof init === 'object') {
    switch (init.calendar) {
      case 'today':
        return cal.today;
      case 'previous-month':
        return cal.previousMonth.period;
      case 'previous-month-start':
        return cal.previousMonth.from;
      case 'previous-month-end':
        return cal.previousMonth.to;
    }
  }
  if (init !== undefined) return init;
  if (spec.kind === 'entity') return null;
  if (spec.kind === 'checkbox') return false;
  if (spec.kind === 'billing-items' || spec.kind === 'excluded-lines') return [];
  return '';
}

/**
 * A form value → the filter value sent (undefined: left out, as on the wire). An entity sends its
 * id; an empty text or list of an optional filter is left out (a required one is sent as it is so
 * that the schema names it); a checkbox sends true, and false only when it starts ticked (its
 * filter then means something when false: openItemsOnly).
 */
export function filterValue(field: FormField, value: FormValue | undefined): unknown {
  if (field.kind === 'entity') {
    const id = (value as Picked | null | undefined)?.id;
    return id ?? (field.required ? '' : undefined);
  }
  if (field.kind === 'checkbox') return value === true || field.initial === true ? value === true : undefined;
  if (Array.isArray(value)) return value.length || field.required ? value : undefined;
  if (value === '' || value === undefined || value === null) return field.required ? '' : undefined;
  return value;
}
