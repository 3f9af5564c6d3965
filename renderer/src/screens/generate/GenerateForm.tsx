/**
 * The statement request form (seed 003 "Statement Generation Screen"): type, then only the
 * fields that type uses (its filters' form fields in the statement-type registry, laid out in
 * their rows), then template and format. Errors show at the field.
 */
import { useEffect } from 'react';
import { OUTPUT_FORMATS, STATEMENT_META, STATEMENT_TYPES, type StatementType } from '../../../../shared/contract';
import { formRows, STATEMENT_TYPE_DEFS } from '../../../../shared/statement-types';
import { SelectField } from '../../components/form/Field';
import { useGenerate } from '../../stores/generate';
import { FIELDS_BY_TYPE } from '../../stores/generateRequest';
import { FilterField } from './FilterField';

const FORMAT_LABEL: Record<string, string> = { pdf: 'PDF', html: 'HTML', text: 'Plain text' };

export function GenerateForm() {
  const form = useGenerate((s) => s.form);
  const errors = useGenerate((s) => s.errors);
  const setForm = useGenerate((s) => s.setForm);
  const templates = useGenerate((s) => s.templates);
  const loadTemplates = useGenerate((s) => s.loadTemplates);
  const fields = FIELDS_BY_TYPE[form.type];
  const excludes = fields.some((f) => f.kind === 'excluded-lines');

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
        options={STATEMENT_TYPES.map((t) => ({ value: t, label: STATEMENT_TYPE_DEFS[t].menuLabel }))}
        hint={`${STATEMENT_META[form.type].code} · reference ${STATEMENT_META[form.type].prefix}-…`}
      />

      {formRows(fields.filter((f) => f.kind !== 'excluded-lines')).map((row) =>
        row.length === 1 ? (
          <FilterField key={row[0]!.field} field={row[0]!} />
        ) : (
          <div key={row[0]!.row} className={row.every((f) => f.kind === 'checkbox') ? 'check-row' : 'field-row'}>
            {row.map((f) => (
              <FilterField key={f.field} field={f} />
            ))}
          </div>
        ),
      )}

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
      {excludes && form.excludedIds.length ? (
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
