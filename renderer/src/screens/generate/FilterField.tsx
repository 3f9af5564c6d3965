/**
 * One filter field of the Generate form, drawn by its kind in the statement-type registry
 * (shared/statement-types): entity autocompletes search their source, choices list their options.
 */
import type { FormField, FormSource, FormValue, Picked } from '../../../../shared/statement-types';
import { Autocomplete, type Option } from '../../components/form/Autocomplete';
import { CheckboxField, SelectField, TextField } from '../../components/form/Field';
import { useGenerate } from '../../stores/generate';
import { CURRENCIES, searchAnyParty, searchClients, searchContracts, searchDeals } from '../shared/search';
import { BillingItemPicker } from './BillingItemPicker';

/** Where each entity source searches. */
const SEARCH: Record<FormSource, (query: string) => Promise<Option[]>> = {
  clients: searchClients,
  'any-party': searchAnyParty,
  deals: searchDeals,
  contracts: searchContracts,
};

export function FilterField({ field }: { field: FormField }) {
  const value = useGenerate((s) => (s.form as unknown as Record<string, FormValue>)[field.field]);
  const error = useGenerate((s) => s.errors[field.field]);
  const set = (v: FormValue) => useGenerate.getState().setForm({ [field.field]: v });
  const common = { label: field.label, name: field.field, required: field.required, error };
  switch (field.kind) {
    case 'entity':
      return (
        <Autocomplete
          key={`${field.field}-${field.label}`}
          {...common}
          value={value as Picked | null}
          onChange={(o) => set(o)}
          search={SEARCH[field.source ?? 'any-party']}
          placeholder={field.placeholder ?? ''}
        />
      );
    case 'choice':
      return <SelectField {...common} value={String(value)} onChange={set} options={[...(field.options ?? [])]} />;
    case 'currency':
      return (
        <SelectField
          {...common}
          value={String(value)}
          onChange={set}
          options={[{ value: '', label: 'All currencies (grouped)' }, ...CURRENCIES.map((c) => ({ value: c, label: c }))]}
        />
      );
    case 'checkbox':
      return <CheckboxField label={field.label} checked={value === true} onChange={set} />;
    case 'billing-items':
      return <BillingItemPicker error={error} />;
    case 'date':
    case 'month':
    case 'decimal':
      return (
        <TextField
          {...common}
          type={field.kind === 'decimal' ? 'text' : field.kind}
          value={String(value ?? '')}
          onChange={set}
          {...(field.hint ? { hint: field.hint } : {})}
          {...(field.placeholder ? { placeholder: field.placeholder } : {})}
        />
      );
    case 'excluded-lines':
      // picked by clicking lines in the preview grid; the form shows a note (GenerateForm)
      return null;
  }
}
