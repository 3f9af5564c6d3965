/**
 * The Generate form → a contract `StatementRequest`, derived from the statement-type registry
 * (shared/statement-types): which fields a type shows, their initial values, how each becomes its
 * filter, and the messages of their errors. Validated with the contract's own zod schema before
 * the engine is asked, plus the range check the schema cannot express (from ≤ to). Pure: no
 * React, no engine, so it is unit-tested directly.
 */
import { statementRequest, type OutputFormat, type StatementRequest, type StatementType } from '../../../shared/contract';
import {
  filterValue,
  formFields,
  initialValue,
  STATEMENT_TYPE_DEFS,
  STATEMENT_TYPES,
  type FormField,
  type FormValue,
  type StatementFormValues,
  type StatementTypeDef,
} from '../../../shared/statement-types';
import { zodFieldErrors } from '../components/errors';

export type { Picked } from '../../../shared/statement-types';

/** The form: the type, every type's filter fields (by form field name), template and format. */
export type GenerateForm = { type: StatementType; template: string; format: OutputFormat } & StatementFormValues;

type Defs = Readonly<Record<string, StatementTypeDef>>;

/** The form fields each statement type shows, in order (the registry's filters with a form field). */
export const FIELDS_BY_TYPE = Object.fromEntries(STATEMENT_TYPES.map((t) => [t, formFields(STATEMENT_TYPE_DEFS[t])])) as Record<StatementType, FormField[]>;

/** Every type's form fields' initial values (a field shared by types starts the same for all). */
export function initialFormValues(cal: Parameters<typeof initialValue>[1], defs: Defs = STATEMENT_TYPE_DEFS): Record<string, FormValue> {
  const values: Record<string, FormValue> = {};
  for (const def of Object.values(defs)) for (const f of formFields(def)) if (!(f.field in values)) values[f.field] = initialValue(f, cal);
  return values;
}

/** contract filter name → form field name, for errors that name the filter */
const FILTER_TO_FIELD: Record<string, string> = {
  ...Object.fromEntries(Object.values(FIELDS_BY_TYPE).flatMap((fields) => fields.map((f) => [f.filter, f.field]))),
  template: 'template',
  format: 'format',
};

export function formFieldFor(filterOrField: string | null | undefined): keyof GenerateForm | '_form' {
  if (!filterOrField) return '_form';
  return (FILTER_TO_FIELD[filterOrField] ?? filterOrField) as keyof GenerateForm;
}

/** The form's request: each of the type's fields as its filter, left out when unset. */
export function buildRequest(f: GenerateForm, defs: Defs = STATEMENT_TYPE_DEFS): { type: string; filters: Record<string, unknown> } {
  const values = f as unknown as Record<string, FormValue | undefined>;
  const filters: Record<string, unknown> = {};
  for (const field of formFields(defs[f.type]!)) {
    const v = filterValue(field, values[field.field]);
    if (v !== undefined) filters[field.filter] = v;
  }
  return { type: f.type, filters };
}

export type ValidationResult = { ok: true; request: StatementRequest } | { ok: false; errors: Record<string, string> };

/** A schema message as shown under the field. */
function fieldMessage(field: FormField | undefined, message: string): string {
  if (field?.kind === 'entity') return `Choose a ${field.label.toLowerCase()} from the list`;
  if (field && (field.kind === 'date' || field.kind === 'month')) return `${field.label} ${message}`;
  return capitalise(message);
}

/** Validates the form as the engine would (the contract schema), field by field. */
export function validateForm(f: GenerateForm): ValidationResult {
  const fields = FIELDS_BY_TYPE[f.type];
  const byName = new Map(fields.map((x) => [x.field, x]));
  const parsed = statementRequest.safeParse(buildRequest(f));
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const [k, message] of Object.entries(zodFieldErrors(parsed.error))) {
      const name = formFieldFor(k);
      errors[name] = fieldMessage(byName.get(name), message);
    }
  }
  const range = (STATEMENT_TYPE_DEFS[f.type] as StatementTypeDef).range;
  if (range) {
    const [from, to] = range.map((filter) => fields.find((x) => x.filter === filter)!) as [FormField, FormField];
    const values = f as unknown as Record<string, string>;
    if (!errors[from.field] && !errors[to.field] && values[from.field]! > values[to.field]!) errors[to.field] = `${to.label} must be on or after ${from.label}`;
  }
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  return { ok: true, request: parsed.data };
}

function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** A stable key for "the same request" (to know whether a preview matches what would be generated). */
export function requestKey(r: StatementRequest): string {
  return JSON.stringify(r, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
