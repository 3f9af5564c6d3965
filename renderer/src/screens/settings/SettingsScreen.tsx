/**
 * Settings: S3 storage, the user, numbers and dates, statements (default template, aging buckets,
 * variance threshold). Keys set by the IT policy are read-only, "managed by your organisation".
 * Credentials go to the protected store and are never shown back.
 */
import { useEffect, useState } from 'react';
import type { SettingKey, Settings } from '../../../../shared/contract';
import { ErrorNotice, Notice, Pill, ScreenHeader } from '../../components/Feedback';
import { CheckboxField, SelectField, TextField } from '../../components/form/Field';
import { useSettings } from '../../stores/settings';

type Draft = Record<string, string | boolean>;

function toDraft(v: Settings): Draft {
  const d: Draft = {};
  for (const [k, val] of Object.entries(v)) {
    if (Array.isArray(val)) d[k] = val.join(', ');
    else if (typeof val === 'boolean') d[k] = val;
    else if (val && typeof val === 'object') d[k] = Object.entries(val as Record<string, string>).map(([c, r]) => `${c}=${r}`).join(', ');
    else d[k] = String(val);
  }
  return d;
}

/** Draft strings → typed values; returns field errors for what cannot be read. */
function fromDraft(d: Draft, base: Settings): { values: Partial<Settings>; errors: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [k, orig] of Object.entries(base)) {
    const v = d[k];
    if (v === undefined) continue;
    if (Array.isArray(orig)) {
      const parts = String(v).split(/[,\s]+/).filter(Boolean);
      if (!parts.every((p) => /^\d+$/.test(p))) errors[k] = 'List whole numbers of days, e.g. 30, 60, 90, 120';
      else values[k] = parts.map(Number);
    } else if (orig && typeof orig === 'object') {
      const rec: Record<string, string> = {};
      const parts = String(v).split(/[,;\n]+/).map((p) => p.trim()).filter(Boolean);
      for (const p of parts) {
        const m = /^([A-Za-z]{3})\s*=\s*(\d{1,9}(?:\.\d{1,10})?)$/.exec(p);
        if (!m) {
          errors[k] = `“${p}” is not CODE=rate, e.g. EUR=0.8571`;
          break;
        }
        rec[m[1]!.toUpperCase()] = m[2]!;
      }
      values[k] = rec;
    } else if (typeof orig === 'number') {
      if (!/^\d+(\.\d+)?$/.test(String(v).trim())) errors[k] = 'Must be a number';
      else values[k] = Number(v);
    } else values[k] = v;
  }
  return { values: values as Partial<Settings>, errors };
}

export function SettingsScreen() {
  const s = useSettings();
  const view = s.view;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [keyId, setKeyId] = useState('');
  const [secret, setSecret] = useState('');

  useEffect(() => {
    void useSettings.getState().load();
  }, []);
  useEffect(() => {
    if (view && !draft) setDraft(toDraft(view.values));
  }, [view, draft]);

  if (!view || !draft) return <div className="screen">{s.error ? <ErrorNotice error={s.error} /> : <p className="muted">Loading settings…</p>}</div>;

  const managed = (k: SettingKey) => view.managed.includes(k);
  const err = (k: string) => localErrors[k] ?? s.fieldErrors[k];
  const text = (k: SettingKey, label: string, extra: { hint?: string; type?: 'text' | 'url' | 'number'; placeholder?: string } = {}) => (
    <TextField
      label={label}
      name={k}
      value={String(draft[k] ?? '')}
      readOnly={managed(k)}
      onChange={(v) => setDraft({ ...draft, [k]: v })}
      error={err(k)}
      hint={managed(k) ? 'Managed by your organisation' : extra.hint}
      type={extra.type}
      placeholder={extra.placeholder}
    />
  );
  const check = (k: SettingKey, label: string) => (
    <CheckboxField label={label} checked={draft[k] === true} disabled={managed(k)} onChange={(v) => setDraft({ ...draft, [k]: v })} hint={managed(k) ? 'Managed by your organisation' : undefined} />
  );
  const save = async () => {
    const { values, errors } = fromDraft(draft, view.values);
    setLocalErrors(errors);
    if (Object.keys(errors).length) return;
    if (await useSettings.getState().save(values)) {
      const v = useSettings.getState().view;
      if (v) setDraft(toDraft(v.values));
    }
  };
  const cred = view.credentials;
  return (
    <div className="screen screen-settings">
      <ScreenHeader
        title="Settings"
        subtitle={view.policyFile ? `Some settings come from your organisation's policy (${view.policyFile}).` : 'Saved on this computer; the folio command reads the same settings.'}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={s.saving}>
            {s.saving ? 'Saving…' : 'Save settings'}
          </button>
        }
      />
      <ErrorNotice error={s.error} />
      {view.policyError ? <Notice tone="warning" title="The policy file could not be read">{view.policyError}</Notice> : null}
      {view.encryption?.error ? (
        <Notice tone="error" title="The data folder cannot be opened">{view.encryption.error}</Notice>
      ) : view.encryption && !view.encryption.enabled ? (
        <Notice tone="warning" title="Data on this computer is not encrypted">{view.encryption.reason}</Notice>
      ) : null}
      {s.savedAt ? <Notice tone="success">Settings saved.</Notice> : null}
      {Object.keys(s.fieldErrors).length ? <Notice tone="error">Some settings were not saved; see the fields marked below.</Notice> : null}
      <div className="settings-grid">
        <section className="panel" aria-label="S3 storage">
          <h2>S3 storage</h2>
          {text('s3.endpoint', 'Endpoint', { placeholder: 'Leave empty for AWS', hint: 'For S3-compatible storage, e.g. https://minio.example.com' })}
          <div className="field-row">
            {text('s3.region', 'Region')}
            {text('s3.bucket', 'Bucket')}
          </div>
          {text('s3.prefix', 'Key prefix', { placeholder: 'e.g. acme-finance/ (files go under PREFIX statements/TYPE/YYYY/MM/)' })}
          <div className="field-row">
            {check('s3.forcePathStyle', 'Path-style addressing')}
            <SelectField
              label="Server-side encryption"
              name="s3.sse"
              value={String(draft['s3.sse'] ?? '')}
              disabled={managed('s3.sse')}
              onChange={(v) => setDraft({ ...draft, 's3.sse': v })}
              options={[
                { value: '', label: 'Bucket default' },
                { value: 'AES256', label: 'AES-256' },
                { value: 'aws:kms', label: 'AWS KMS' },
              ]}
              hint={managed('s3.sse') ? 'Managed by your organisation' : undefined}
            />
          </div>
          {text('source.s3', 'Billing data source', { placeholder: 's3://bucket/prefix/' })}
          <div className="btn-row">
            <button type="button" className="btn" onClick={() => void s.testConnection()} disabled={s.test?.running}>
              {s.test?.running ? 'Testing…' : 'Test connection'}
            </button>
            {s.test && !s.test.running ? <Pill tone={s.test.ok ? 'good' : 'bad'}>{s.test.ok ? 'Connected' : 'Failed'}</Pill> : null}
          </div>
          {s.test && !s.test.running ? <p className="muted" role="status">{s.test.message}</p> : null}
        </section>
        <section className="panel" aria-label="Credentials">
          <h2>S3 credentials</h2>
          <p className="muted">
            {cred.stored
              ? cred.source === 'environment'
                ? 'Credentials come from the environment (AWS chain).'
                : 'Credentials are stored in the operating system’s protected store. They are never shown.'
              : 'No credentials stored. Folio will use the AWS credential chain if there is one.'}
          </p>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void s.setCredentials(keyId.trim(), secret).then((ok) => {
                if (ok) {
                  setKeyId('');
                  setSecret('');
                }
              });
            }}
            aria-label="Store S3 credentials"
          >
            <TextField label="Access key ID" name="accessKeyId" value={keyId} onChange={setKeyId} autoComplete="off" />
            <TextField label="Secret access key" name="secretAccessKey" type="password" value={secret} onChange={setSecret} autoComplete="new-password" />
            <div className="btn-row">
              <button type="submit" className="btn" disabled={!keyId.trim() || !secret}>
                Store credentials
              </button>
              {cred.stored && cred.source === 'protected-store' ? (
                <button type="button" className="btn btn-danger" onClick={() => void s.clearCredentials()}>
                  Remove stored credentials
                </button>
              ) : null}
            </div>
          </form>
        </section>
        <section className="panel" aria-label="User and locale">
          <h2>You</h2>
          {text('user.name', 'User name', { hint: 'Recorded as “Generated By” on statements' })}
          <div className="field-row">
            {text('locale', 'Locale', { hint: managed('locale') ? undefined : 'Numbers and dates, e.g. en-US, en-GB, de-DE' })}
            <SelectField
              label="Role"
              name="user.role"
              value={String(draft['user.role'])}
              disabled={managed('user.role')}
              onChange={(v) => setDraft({ ...draft, 'user.role': v })}
              options={[
                { value: 'viewer', label: 'Viewer' },
                { value: 'accountant', label: 'Accountant' },
                { value: 'admin', label: 'Admin' },
              ]}
              hint={managed('user.role') ? 'Managed by your organisation' : undefined}
            />
          </div>
        </section>
        <section className="panel" aria-label="Statements">
          <h2>Statements</h2>
          {text('template.default', 'Default template', { hint: 'Template id, optionally id@version; empty: the built-in template per type' })}
          {text('aging.buckets', 'AR aging buckets (days)', { hint: 'Upper bounds, e.g. 30, 60, 90, 120 → Current, 1–30 … 120+' })}
          {text('variance.thresholdPct', 'Variance threshold (%)', { hint: 'Warn when a billing total moves more than this against the previous period' })}
          {'fx.gbpRates' in view.values
            ? text('fx.gbpRates' as SettingKey, 'GBP exchange rates', { hint: 'GBP per unit, for the VAT total in GBP on UK invoices, e.g. EUR=0.8571, USD=0.7912' })
            : null}
          {text('uploads.concurrency', 'Parallel uploads')}
          {check('storage.encryptFiles', 'Encrypt statement files on this computer')}
        </section>
      </div>
    </div>
  );
}
