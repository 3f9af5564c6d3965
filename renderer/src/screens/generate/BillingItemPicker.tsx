/**
 * The invoice's billing item picker: the chosen party's items for the target type, with amounts,
 * due dates and whether an item is already on an invoice; tick the ones to invoice.
 */
import { useEffect, useId } from 'react';
import { ErrorNotice } from '../../components/Feedback';
import { formatAmount, formatDateMedium } from '../../../../shared/format';
import { useGenerate } from '../../stores/generate';
import { useLocale } from '../../stores/settings';

export function BillingItemPicker({ error }: { error?: string | undefined }) {
  const id = useId();
  const locale = useLocale();
  const party = useGenerate((s) => s.form.party);
  const targetType = useGenerate((s) => s.form.targetType);
  const selected = useGenerate((s) => s.form.billingItemIds);
  const { items, loading, error: loadError } = useGenerate((s) => s.billingItems);
  const load = useGenerate((s) => s.loadBillingItems);
  const setForm = useGenerate((s) => s.setForm);

  useEffect(() => {
    void load();
  }, [party, targetType, load]);

  const toggle = (itemId: string, on: boolean) => {
    const next = on ? [...selected, itemId] : selected.filter((x) => x !== itemId);
    setForm({ billingItemIds: next });
  };

  return (
    <fieldset className={`field picker${error ? ' field-invalid' : ''}`} aria-describedby={error ? `${id}-err` : undefined}>
      <legend className="field-label">
        Billing items <span className="field-required" aria-hidden="true">*</span>
      </legend>
      {!party ? <p className="field-hint">Choose a party to see its billing items.</p> : null}
      {loading ? <p className="field-hint">Loading billing items…</p> : null}
      <ErrorNotice error={loadError} />
      {party && !loading && !loadError && items.length === 0 ? <p className="field-hint">No billing items for this party and target.</p> : null}
      {items.length ? (
        <div className="picker-list" role="group" aria-label="Billing items">
          <div className="picker-tools">
            <button type="button" className="btn-link" onClick={() => setForm({ billingItemIds: items.filter((i) => !i.invoicedRef).map((i) => i.id) })}>
              Select all not yet invoiced
            </button>
            <button type="button" className="btn-link" onClick={() => setForm({ billingItemIds: [] })}>
              Clear
            </button>
            <span className="picker-count">{selected.length} selected</span>
          </div>
          {items.map((i) => (
            <label key={i.id} className={`picker-item${i.invoicedRef ? ' invoiced' : ''}`}>
              <input type="checkbox" checked={selected.includes(i.id)} onChange={(e) => toggle(i.id, e.target.checked)} />
              <span className="picker-desc">
                {i.description}
                <small>
                  {i.id} · due {formatDateMedium(i.dueDate, locale)}
                  {i.invoicedRef ? ` · on ${i.invoicedRef}` : ''}
                </small>
              </span>
              <span className="num">
                {i.currency} {formatAmount(i.amount, i.currency, locale)}
              </span>
            </label>
          ))}
        </div>
      ) : null}
      {error ? (
        <div id={`${id}-err`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}
