/**
 * Pieces of a statement model shown on screen: the party block, header facts, findings, totals per
 * currency and the extra sections (AR bucket summary, deal payees, VAT in GBP …). All amounts are
 * decimal strings formatted exactly in the locale.
 */
import type { Column, Finding, PartyBlock, Section, StatementModel } from '../../../../shared/contract';
import { formatAmount, formatCell, isNegativeDecimal as isNegative } from '../../../../shared/format';
import { TOTAL_LABELS } from '../../../../shared/total-labels';


export function totalLabel(key: string): string {
  return TOTAL_LABELS[key] ?? (/^\d/.test(key) ? `${key} days` : key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()));
}

export function PartyCard({ party, header }: { party: PartyBlock | null; header: StatementModel['header'] }) {
  return (
    <div className="party-card" aria-label="Party information">
      {party ? (
        <div className="party-main">
          <div className="party-name">{party.name}</div>
          {party.addressLines.map((l, i) => (
            <div key={i} className="party-line">
              {l}
            </div>
          ))}
          {party.country ? <div className="party-line">{party.country}</div> : null}
          <div className="party-meta">
            <span>ID {party.id}</span>
            {party.email ? <span>{party.email}</span> : null}
            {party.vatNumber ? <span>VAT {party.vatNumber}</span> : null}
            {party.companyNumber ? <span>Company {party.companyNumber}</span> : null}
          </div>
        </div>
      ) : (
        <div className="party-main">
          <div className="party-name">All parties</div>
        </div>
      )}
      {header.length ? (
        <dl className="facts">
          {header.map((h) => (
            <div key={h.label} className="fact">
              <dt>{h.label}</dt>
              <dd>{h.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}

/** One notice box listing findings of one severity. */
function FindingNotice({ kind, title, findings }: { kind: 'error' | 'warning'; title: string; findings: Finding[] }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="notice-text">
        <strong className="notice-title">{title}</strong>
        <ul>
          {findings.map((f, i) => (
            <li key={i}>
              <code>{f.code}</code> {f.message}
              {f.subject ? <span className="muted"> ({f.subject})</span> : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function Findings({ findings }: { findings: Finding[] }) {
  if (!findings.length) return null;
  const errors = findings.filter((f) => f.severity === 'ERROR');
  const warnings = findings.filter((f) => f.severity === 'WARNING');
  return (
    <div className="findings" aria-label="Findings">
      {errors.length ? (
        <FindingNotice
          kind="error"
          findings={errors}
          title={`${errors.length} error${errors.length === 1 ? '' : 's'} block${errors.length === 1 ? 's' : ''} this statement`}
        />
      ) : null}
      {warnings.length ? (
        <FindingNotice
          kind="warning"
          findings={warnings}
          title={`${warnings.length} warning${warnings.length === 1 ? '' : 's'}: the statement can be made, review first`}
        />
      ) : null}
    </div>
  );
}

export function TotalsTable({ totals, locale, title = 'Totals' }: { totals: Record<string, Record<string, unknown>>; locale: string; title?: string }) {
  const currencies = Object.keys(totals).sort();
  if (!currencies.length) return null;
  const keys: string[] = [];
  for (const c of currencies) for (const [k, v] of Object.entries(totals[c]!)) if (typeof v === 'string' && !keys.includes(k)) keys.push(k);
  return (
    <table className="totals" aria-label={title}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Currency</th>
          {keys.map((k) => (
            <th key={k} scope="col" className="num">
              {totalLabel(k)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {currencies.map((c) => (
          <tr key={c}>
            <th scope="row">{c}</th>
            {keys.map((k) => {
              const v = totals[c]![k];
              return (
                <td key={k} className={`num${isNegative(v) ? ' num-negative' : ''}${k === keys[keys.length - 1] ? ' strong' : ''}`}>
                  {typeof v === 'string' ? formatAmount(v, c, locale) : ''}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function cellText(col: Column, value: unknown, locale: string, currency: string | null): string {
  return formatCell(value, col.kind, currency, locale);
}

export function SectionTable({ section, locale, currency }: { section: Section; locale: string; currency: string | null }) {
  const curCol = section.columns.find((c) => c.key === 'currency');
  return (
    <table className="totals section" aria-label={section.title}>
      <caption>{section.title}</caption>
      <thead>
        <tr>
          {section.columns.map((c) => (
            <th key={c.key} scope="col" className={c.kind === 'text' || c.kind === 'date' ? undefined : 'num'}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {section.rows.map((r, i) => (
          <tr key={i}>
            {section.columns.map((c) => (
              <td key={c.key} className={c.kind === 'text' || c.kind === 'date' ? undefined : `num${isNegative(r[c.key]) ? ' num-negative' : ''}`}>
                {cellText(c, r[c.key], locale, curCol ? String(r[curCol.key] ?? currency ?? '') || null : currency)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
