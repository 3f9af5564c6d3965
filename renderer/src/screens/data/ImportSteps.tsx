/**
 * The import wizard's first four steps: the file, what it holds (entity and sheet, with its first
 * rows), the column mapping (a select per field, required fields marked) and the number and date
 * formats. Each step is a form: Enter (or its primary button) moves on.
 */
import type { FormEvent, ReactNode } from 'react';
import { ENTITIES, type Entity } from '../../../../shared/contract';
import { SelectField, TextField } from '../../components/form/Field';
import { useTabularImport } from '../../stores/tabularImport';
import { DATE_FORMAT_OPTIONS, NUMBER_FORMAT_OPTIONS, type DateFormat, type NumberFormat } from '../../stores/tabularTypes';
import { ENTITY_LABEL } from './entities';

const FIRST_ROWS = 8;

function StepForm({ label, onNext, children, back, next, nextDisabled }: { label: string; onNext: () => void; children: ReactNode; back?: () => void; next: string; nextDisabled?: boolean }) {
  const busy = useTabularImport((s) => s.busy);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!nextDisabled && !busy) onNext();
  };
  return (
    <form className="wizard-body" aria-label={label} onSubmit={submit}>
      {children}
      <div className="wizard-nav">
        {back ? (
          <button type="button" className="btn" onClick={back} disabled={!!busy}>
            Back
          </button>
        ) : (
          <span />
        )}
        <button type="submit" className="btn btn-primary" disabled={nextDisabled || !!busy}>
          {next}
        </button>
      </div>
    </form>
  );
}

function fileName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

export function FileStep() {
  const path = useTabularImport((s) => s.path);
  const busy = useTabularImport((s) => s.busy);
  const error = useTabularImport((s) => s.error);
  const st = useTabularImport.getState();
  return (
    <StepForm label="Choose the file" onNext={() => void st.openFile()} next="Open the file" nextDisabled={!path.trim()}>
      <p className="form-note">A CSV (any separator, with or without a BOM) or an Excel workbook (.xlsx). Nothing is stored until you apply it in the last step.</p>
      <div className="import-row">
        <TextField label="File to import" name="tabularPath" value={path} onChange={st.setPath} placeholder="/path/to/export.csv or .xlsx" error={error?.field === 'path' ? error.message : null} />
        <button type="button" className="btn" onClick={() => void st.chooseFile()} disabled={!!busy}>
          Choose…
        </button>
      </div>
    </StepForm>
  );
}

function FirstRows() {
  const inspect = useTabularImport((s) => s.inspect);
  if (!inspect) return null;
  const rows = inspect.rows.slice(0, FIRST_ROWS);
  return (
    <div className="wizard-table-wrap">
      <table className="totals wizard-table" aria-label="First rows of the file">
        <caption className="muted">
          The first {rows.length.toLocaleString()} of {inspect.rowCount.toLocaleString()} rows
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Row
            </th>
            {inspect.headers.map((h, i) => (
              <th scope="col" key={`${i}-${h}`}>
                {h || <span className="muted">(column {i + 1})</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td className="num muted">{i + 2}</td>
              {inspect.headers.map((_, c) => (
                <td key={c} className="wizard-cell">
                  {r[c] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SourceStep() {
  const inspect = useTabularImport((s) => s.inspect);
  const entity = useTabularImport((s) => s.entity);
  const sheet = useTabularImport((s) => s.sheet);
  const path = useTabularImport((s) => s.path);
  const st = useTabularImport.getState();
  const entityOptions = [{ value: '', label: 'Choose…' }, ...ENTITIES.map((e) => ({ value: e, label: ENTITY_LABEL[e] }))];
  return (
    <StepForm label="What the file holds" onNext={() => st.goTo('columns')} back={() => st.goTo('file')} next="Next: columns" nextDisabled={!entity}>
      <dl className="facts facts-inline">
        <div className="fact">
          <dt>File</dt>
          <dd title={path}>{fileName(path)}</dd>
        </div>
        <div className="fact">
          <dt>Format</dt>
          <dd>{inspect?.format === 'xlsx' ? 'Excel workbook' : 'CSV'}</dd>
        </div>
        <div className="fact">
          <dt>Rows</dt>
          <dd>{inspect ? inspect.rowCount.toLocaleString() : '–'}</dd>
        </div>
      </dl>
      <div className="field-row">
        <SelectField label="The rows are" name="entity" required value={entity} options={entityOptions} onChange={(v) => void st.setEntity(v as Entity | '')} />
        {inspect?.sheets.length ? (
          <SelectField label="Sheet" name="sheet" value={sheet} options={inspect.sheets.map((x) => ({ value: x, label: x }))} onChange={(v) => void st.setSheet(v)} />
        ) : (
          <div className="field" />
        )}
      </div>
      <FirstRows />
    </StepForm>
  );
}

export function ColumnsStep() {
  const inspect = useTabularImport((s) => s.inspect);
  const entity = useTabularImport((s) => s.entity);
  const mapping = useTabularImport((s) => s.mapping);
  const mappingSource = useTabularImport((s) => s.mappingSource);
  const st = useTabularImport.getState();
  const fields = st.fields();
  const headers = inspect?.headers ?? [];
  const first = inspect?.rows[0] ?? [];
  const missing = fields.filter((f) => f.required && !mapping[f.name]);
  const options = [{ value: '', label: '— not imported —' }, ...headers.map((h, i) => ({ value: h, label: h || `(column ${i + 1})` }))];
  return (
    <StepForm label="Map the columns" onNext={() => st.goTo('formats')} back={() => st.goTo('source')} next="Next: formats" nextDisabled={missing.length > 0}>
      <p className="form-note" role="status">
        {mappingSource === 'saved'
          ? 'The mapping saved for this file was filled in; change any column if the export changed.'
          : 'Columns were matched to fields by their header names. Choose a column for every field marked required.'}{' '}
        The mapping is saved for this file when you apply it.
      </p>
      <table className="totals wizard-table wizard-mapping" aria-label="Column mapping">
        <thead>
          <tr>
            <th scope="col">Field of {entity ? ENTITY_LABEL[entity] : ''}</th>
            <th scope="col">Column in the file</th>
            <th scope="col">First value</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const col = mapping[f.name] ?? '';
            const idx = col ? headers.indexOf(col) : -1;
            const label = `Column for ${f.name}${f.required ? ' (required)' : ''}`;
            return (
              <tr key={f.name} className={f.required && !col ? 'wizard-missing' : undefined}>
                <th scope="row">
                  <span className="mono">{f.name}</span>
                  {f.required ? (
                    <span className="field-required" title="required">
                      {' '}
                      *<span className="sr-only"> required</span>
                    </span>
                  ) : null}
                  <div className="muted wizard-kind">{f.kind}</div>
                </th>
                <td>
                  <select aria-label={label} value={col} onChange={(e) => st.setColumn(f.name, e.target.value)} aria-invalid={f.required && !col}>
                    {options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="wizard-cell mono">{idx >= 0 ? (first[idx] ?? '') : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {missing.length ? (
        <p className="field-error" role="alert">
          Still to map: {missing.map((f) => f.name).join(', ')}
        </p>
      ) : null}
    </StepForm>
  );
}

export function FormatsStep() {
  const numberFormat = useTabularImport((s) => s.numberFormat);
  const dateFormat = useTabularImport((s) => s.dateFormat);
  const st = useTabularImport.getState();
  const samples = formatSamples();
  return (
    <StepForm label="Number and date formats" onNext={() => void st.runCheck()} back={() => st.goTo('columns')} next="Check every row">
      <p className="form-note">How the file writes amounts and dates. Amounts are read exactly (no rounding); "(120.00)" and a leading or trailing currency symbol are understood.</p>
      <div className="field-row">
        <SelectField label="Numbers" name="numberFormat" value={numberFormat} options={NUMBER_FORMAT_OPTIONS} onChange={(v) => st.setNumberFormat(v as NumberFormat)} hint={samples.number ? `In this file: ${samples.number}` : undefined} />
        <SelectField label="Dates" name="dateFormat" value={dateFormat} options={DATE_FORMAT_OPTIONS} onChange={(v) => st.setDateFormat(v as DateFormat)} hint={samples.date ? `In this file: ${samples.date}` : undefined} />
      </div>
    </StepForm>
  );
}

/** The first amount and date of the file as written, next to the format choices. */
function formatSamples(): { number: string | null; date: string | null } {
  const s = useTabularImport.getState();
  const headers = s.inspect?.headers ?? [];
  const rows = s.inspect?.rows ?? [];
  const sample = (kinds: string[]) => {
    for (const f of s.fields().filter((x) => kinds.includes(x.kind))) {
      const i = headers.indexOf(s.mapping[f.name] ?? '');
      const v = i >= 0 ? rows.find((r) => (r[i] ?? '').trim())?.[i] : undefined;
      if (v) return `${v} (${f.name})`;
    }
    return null;
  };
  return { number: sample(['money', 'decimal', 'pct']), date: sample(['date']) };
}
