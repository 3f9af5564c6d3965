/**
 * Templates: the list, the selected template's versions (roll back to any), an editor for the
 * branding, labels and sections, and a live sample render of the unsaved draft.
 */
import { useEffect, useState } from 'react';
import type { TemplateBody } from '../../../../shared/contract';
import { Busy, ErrorNotice, Notice, Pill, ScreenHeader } from '../../components/Feedback';
import { CheckboxField, SelectField, TextField } from '../../components/form/Field';
import { formatInstant } from '../../../../shared/format';
import { PdfViewer } from '../../components/PdfViewer';
import { useLocale } from '../../stores/settings';
import { useTemplates } from '../../stores/templates';

/** Label keys the renderer reads: the title, column headings (col.<key>) and totals (total.<key>). */
const LABEL_KEYS = [
  'title',
  'col.date',
  'col.description',
  'col.reference',
  'col.amount',
  'col.gross',
  'col.commission',
  'col.net',
  'col.dueDate',
  'total.gross',
  'total.commission',
  'total.net',
  'total.vat',
  'total.total',
];

function labelName(key: string): string {
  if (key === 'title') return 'Title';
  const [kind, name] = key.split('.') as [string, string | undefined];
  const words = (name ?? '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return kind === 'col' ? `Column “${words}”` : kind === 'total' ? `Total “${words}”` : key;
}

function Editor({ draft }: { draft: TemplateBody }) {
  const { edit } = useTemplates.getState();
  const errors = useTemplates((s) => s.errors);
  const b = draft.branding;
  const setBranding = (patch: Partial<TemplateBody['branding']>) => edit((d) => ({ ...d, branding: { ...d.branding, ...patch } }));
  const [labelKey, setLabelKey] = useState('');
  return (
    <form className="tpl-editor" aria-label="Template editor" onSubmit={(e) => e.preventDefault()}>
      <TextField label="Template name" name="name" value={draft.name} onChange={(v) => edit({ name: v })} error={errors.name} />
      <fieldset className="field-group">
        <legend>Branding</legend>
        <TextField label="Company name" name="companyName" value={b.companyName} onChange={(v) => setBranding({ companyName: v })} error={errors.companyName} />
        <Field2 label="Address (one line each)" value={b.addressLines.join('\n')} onChange={(v) => setBranding({ addressLines: v.split('\n').slice(0, 8) })} error={errors.addressLines} />
        <div className="field-row">
          <TextField label="VAT number" name="vatNumber" value={b.vatNumber} onChange={(v) => setBranding({ vatNumber: v })} error={errors.vatNumber} />
          <TextField label="Company number" name="companyNumber" value={b.companyNumber} onChange={(v) => setBranding({ companyNumber: v })} error={errors.companyNumber} />
        </div>
        <div className="field-row">
          <TextField label="Accent colour" name="accentColor" type="color" value={/^#[0-9a-fA-F]{6}$/.test(b.accentColor) ? b.accentColor : '#1f5fbf'} onChange={(v) => setBranding({ accentColor: v })} error={errors.accentColor} />
          <SelectField
            label="Page size"
            name="pageSize"
            value={draft.pageSize}
            onChange={(v) => edit({ pageSize: v as TemplateBody['pageSize'] })}
            options={[
              { value: 'A4', label: 'A4' },
              { value: 'Letter', label: 'US Letter' },
            ]}
          />
          <TextField label="Locale" name="locale" value={draft.locale} onChange={(v) => edit({ locale: v })} error={errors.locale} hint="e.g. en-GB, de-DE" />
        </div>
      </fieldset>
      <fieldset className="field-group">
        <legend>Sections</legend>
        <CheckboxField label="Detailed breakdown" checked={draft.sections.detailedBreakdown} onChange={(v) => edit((d) => ({ ...d, sections: { ...d.sections, detailedBreakdown: v } }))} />
        <CheckboxField label="Findings (warnings) on the statement" checked={draft.sections.findings} onChange={(v) => edit((d) => ({ ...d, sections: { ...d.sections, findings: v } }))} />
      </fieldset>
      <fieldset className="field-group">
        <legend>Labels</legend>
        {Object.entries(draft.labels).map(([k, v]) => (
          <div className="field-row label-row" key={k}>
            <TextField label={labelName(k)} name={`label-${k}`} value={v} onChange={(nv) => edit((d) => ({ ...d, labels: { ...d.labels, [k]: nv } }))} />
            <button
              type="button"
              className="btn-link"
              aria-label={`Remove label ${k}`}
              onClick={() =>
                edit((d) => {
                  const labels = { ...d.labels };
                  delete labels[k];
                  return { ...d, labels };
                })
              }
            >
              Remove
            </button>
          </div>
        ))}
        <div className="field-row">
          <SelectField
            label="Add a label"
            name="newLabel"
            value={labelKey}
            onChange={setLabelKey}
            options={[{ value: '', label: 'Choose…' }, ...LABEL_KEYS.filter((k) => !(k in draft.labels)).map((k) => ({ value: k, label: labelName(k) }))]}
          />
          <button
            type="button"
            className="btn"
            disabled={!labelKey}
            onClick={() => {
              edit((d) => ({ ...d, labels: { ...d.labels, [labelKey]: labelName(labelKey).replace(/^(Column|Total) “(.*)”$/, '$2').replace(/^./, (c) => c.toUpperCase()) } }));
              setLabelKey('');
            }}
          >
            Add
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function Field2({ label, value, onChange, error }: { label: string; value: string; onChange: (v: string) => void; error?: string | undefined }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label">
        {label}
        <textarea rows={3} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!error} />
      </label>
      {error ? <div className="field-error">{error}</div> : null}
    </div>
  );
}

export function TemplatesScreen() {
  const locale = useLocale();
  const s = useTemplates();
  useEffect(() => {
    void useTemplates.getState().load();
  }, []);
  // live preview: re-render the sample shortly after the last edit
  useEffect(() => {
    if (!s.dirty || Object.keys(s.errors).length) return;
    const t = setTimeout(() => void useTemplates.getState().renderSample(), 600);
    return () => clearTimeout(t);
  }, [s.draft, s.dirty, s.errors]);

  const current = s.list?.find((t) => t.id === s.selectedId);
  return (
    <div className="screen screen-templates">
      <ScreenHeader
        title="Templates"
        subtitle="Branding and labels for each statement type. Saving makes a new version; statements already made keep theirs."
        actions={
          <>
            <button type="button" className="btn" disabled={!s.dirty} onClick={s.discard}>
              Discard changes
            </button>
            <button type="button" className="btn btn-primary" disabled={!s.dirty || s.saving || Object.keys(s.errors).length > 0} onClick={() => void s.save()}>
              {s.saving ? 'Saving…' : 'Save new version'}
            </button>
          </>
        }
      />
      <ErrorNotice error={s.error} />
      {s.message ? <Notice tone="success">{s.message}</Notice> : null}
      <div className="tpl-layout">
        <nav className="panel tpl-list" aria-label="Templates">
          {(s.list ?? []).map((t) => (
            <button key={t.id} type="button" className={`tpl-item${t.id === s.selectedId ? ' active' : ''}`} onClick={() => void s.select(t.id)} aria-current={t.id === s.selectedId}>
              <span className="tpl-name">{t.name}</span>
              <span className="muted">
                {t.statementType}
                {t.contractType ? ` · ${t.contractType}` : ''} · v{t.currentVersion}
                {t.builtIn ? ' · built in' : ''}
              </span>
            </button>
          ))}
          {s.list && s.list.length === 0 ? <p className="muted">No templates.</p> : null}
        </nav>
        <section className="panel tpl-edit" aria-label="Edit template">
          {s.draft ? <Editor draft={s.draft} /> : <p className="muted">Choose a template.</p>}
          {s.versions?.length ? (
            <div className="versions">
              <h2>Versions</h2>
              <ul>
                {s.versions.map((v) => (
                  <li key={v.version}>
                    <span>
                      v{v.version} {v.current ? <Pill tone="good">current</Pill> : null}
                    </span>
                    <span className="muted">
                      {v.createdBy} · {formatInstant(v.createdAt, locale)}
                    </span>
                    {!v.current ? (
                      <button type="button" className="btn btn-small" onClick={() => void s.rollback(v.version)}>
                        Roll back to v{v.version}
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
        <section className="panel tpl-preview" aria-label="Sample preview" data-sample={s.sampleSeq}>
          <div className="panel-head">
            <h2>Sample {current ? `· ${current.statementType}` : ''}</h2>
            <Busy active={s.sampling} label="Rendering…" />
          </div>
          {s.sample?.error ? <Notice tone="warning" title="The sample did not render">{s.sample.error}</Notice> : null}
          {s.sample?.fallback ? <Notice tone="warning">This template failed to render; statements would use the built-in default.</Notice> : null}
          {s.sample?.base64 ? <PdfViewer doc={{ base64: s.sample.base64, mime: 'application/pdf', title: 'Sample statement' }} height="calc(100vh - 300px)" /> : <div className="viewer viewer-empty">{s.sampling ? 'Rendering…' : 'No sample yet'}</div>}
        </section>
      </div>
    </div>
  );
}
