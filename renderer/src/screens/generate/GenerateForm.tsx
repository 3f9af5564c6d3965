/**
 * The statement request form (seed 003 "Statement Generation Screen"): type, then only the
 * fields that type uses, then template and format. Errors show at the field.
 */
import { useEffect } from 'react';
import { OUTPUT_FORMATS, STATEMENT_META, STATEMENT_TYPES, type StatementType } from '../../../../shared/contract';
import { Autocomplete } from '../../components/form/Autocomplete';
import { CheckboxField, SelectField, TextField } from '../../components/form/Field';
import { useGenerate } from '../../stores/generate';
import { FIELDS_BY_TYPE } from '../../stores/generateRequest';
import { CURRENCIES, searchAnyParty, searchClients, searchContracts, searchDeals } from '../shared/search';
import { BillingItemPicker } from './BillingItemPicker';

const TYPE_LABEL: Record<StatementType, string> = {
  client: 'Client Statement',
  settlement: 'Settlement Statement',
  deal: 'Deal Statement',
  'ar-aging': 'AR Aging',
  invoice: 'Invoice',
  billing: 'Contract Billing Statement',
};

const FORMAT_LABEL: Record<string, string> = { pdf: 'PDF', html: 'HTML', text: 'Plain text' };

export function GenerateForm() {
  const form = useGenerate((s) => s.form);
  const errors = useGenerate((s) => s.errors);
  const setForm = useGenerate((s) => s.setForm);
  const templates = useGenerate((s) => s.templates);
  const loadTemplates = useGenerate((s) => s.loadTemplates);
  const uses = FIELDS_BY_TYPE[form.type];
  const has = (k: (typeof uses)[number]) => uses.includes(k);

  useEffect(() => {
    if (!templates) void loadTemplates();
  }, [templates, loadTemplates]);

  const templateOptions = [
    { value: '', label: 'Default' },
    ...(templates ?? [])
      .filter((t) => t.statementType === form.type)
      .map((t) => ({ value: t.id, label: `${t.name} (v${t.currentVersion})` })),
  ];

  return (
    <form
      className="gen-form"
      aria-label="Statement request"
      onSubmit={(e) => {
        e.preventDefault();
        void useGenerate.getState().runPreview();
      }}
    >
      <SelectField
        label="Statement type"
        name="type"
        value={form.type}
        onChange={(v) => setForm({ type: v as StatementType })}
        options={STATEMENT_TYPES.map((t) => ({ value: t, label: TYPE_LABEL[t] }))}
        hint={`${STATEMENT_META[form.type].code} · reference ${STATEMENT_META[form.type].prefix}-…`}
      />

      {has('client') ? (
        <Autocomplete
          key={`client-${form.type === 'ar-aging' ? 'ar' : 'cs'}`}
          label={form.type === 'ar-aging' ? 'Client (leave empty for all clients)' : 'Client'}
          name="client"
          required={form.type !== 'ar-aging'}
          value={form.client}
          onChange={(o) => setForm({ client: o })}
          search={searchClients}
          placeholder="Search clients by name or id"
          error={errors.client}
        />
      ) : null}

      {has('deal') ? (
        <Autocomplete label="Deal" name="deal" required value={form.deal} onChange={(o) => setForm({ deal: o })} search={searchDeals} placeholder="Search deals by reference or name" error={errors.deal} />
      ) : null}

      {has('party') ? (
        <>
          <Autocomplete label="Party" name="party" required value={form.party} onChange={(o) => setForm({ party: o })} search={searchAnyParty} placeholder="Search clients and buyers" error={errors.party} />
          <SelectField
            label="Target"
            name="targetType"
            value={form.targetType}
            onChange={(v) => setForm({ targetType: v as 'CLIENT' | 'BUYER' })}
            options={[
              { value: 'CLIENT', label: 'Client' },
              { value: 'BUYER', label: 'Buyer' },
            ]}
            error={errors.targetType}
          />
          <BillingItemPicker error={errors.billingItemIds} />
          <div className="check-row">
            <CheckboxField label="UK entity format (VAT invoice)" checked={form.ukEntity} onChange={(v) => setForm({ ukEntity: v })} />
            <CheckboxField label="Re-issue items already invoiced" checked={form.reissue} onChange={(v) => setForm({ reissue: v })} />
          </div>
        </>
      ) : null}

      {has('contract') ? (
        <>
          <Autocomplete label="Contract" name="contract" required value={form.contract} onChange={(o) => setForm({ contract: o })} search={searchContracts} placeholder="Search by customer or contract id" error={errors.contract} />
          <TextField label="Billing period" name="period" type="month" required value={form.period} onChange={(v) => setForm({ period: v })} error={errors.period} />
        </>
      ) : null}

      {has('dateFrom') ? (
        <div className="field-row">
          <TextField label="Date from" name="dateFrom" type="date" required value={form.dateFrom} onChange={(v) => setForm({ dateFrom: v })} error={errors.dateFrom} />
          <TextField label="Date to" name="dateTo" type="date" required value={form.dateTo} onChange={(v) => setForm({ dateTo: v })} error={errors.dateTo} />
        </div>
      ) : null}

      {has('asOf') ? (
        <div className="field-row">
          <TextField label="As-of date" name="asOf" type="date" value={form.asOf} onChange={(v) => setForm({ asOf: v })} error={errors.asOf} hint="Ages are counted to this date" />
          <CheckboxField label="Open items only" checked={form.openItemsOnly} onChange={(v) => setForm({ openItemsOnly: v })} />
        </div>
      ) : null}

      {has('currency') ? (
        <SelectField
          label="Currency"
          name="currency"
          value={form.currency}
          onChange={(v) => setForm({ currency: v })}
          options={[{ value: '', label: 'All currencies (grouped)' }, ...CURRENCIES.map((c) => ({ value: c, label: c }))]}
          error={errors.currency}
        />
      ) : null}

      <div className="field-row">
        <SelectField label="Template" name="template" value={form.template} onChange={(v) => setForm({ template: v })} options={templateOptions} error={errors.template} />
        <SelectField
          label="Format"
          name="format"
          value={form.format}
          onChange={(v) => setForm({ format: v as (typeof OUTPUT_FORMATS)[number] })}
          options={OUTPUT_FORMATS.map((f) => ({ value: f, label: FORMAT_LABEL[f] ?? f }))}
        />
      </div>
      {form.excludedIds.length ? (
        <p className="form-note">
          {form.excludedIds.length} transaction{form.excludedIds.length === 1 ? '' : 's'} excluded in the preview.{' '}
          <button
            type="button"
            className="btn-link"
            onClick={() => {
              setForm({ excludedIds: [] });
              void useGenerate.getState().runPreview();
            }}
          >
            Include all again
          </button>
        </p>
      ) : null}
    </form>
  );
}
