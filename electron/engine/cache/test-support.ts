/**
 * Test support for the cache: bundle folders written from records or raw lines, a set of valid
 * records of every entity, and a bare engine (no domain handlers) on a temp folder, so the cache's
 * unit tests do not depend on the other parts' handlers.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Engine, type HandlerTable } from '../engine';
import { nodePlatform, type NodePlatformOptions } from '../platform';
import { resolveCaller } from '../settings/service';

export function bareEngine(opts: NodePlatformOptions = {}): { engine: Engine; dataDir: string; close(): Promise<void> } {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'folio-cache-'));
  const engine = new Engine(
    nodePlatform({ kind: 'test', policyFiles: [], env: { FOLIO_USER: 'tester' }, ...opts, dataDir }),
    {} as HandlerTable,
    resolveCaller,
  );
  return {
    engine,
    dataDir,
    async close() {
      await engine.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type FixtureLine = Record<string, unknown> | string;

export interface FixtureBundle {
  exportedAt: string;
  kind?: 'full' | 'delta';
  /** entity (or any file name) → lines; a name ending in .gz is gzipped */
  files: Record<string, FixtureLine[]>;
  /** replaces the manifest text (null: no manifest) */
  manifest?: string | null;
}

export function writeFixtureBundle(dir: string, b: FixtureBundle): string {
  mkdirSync(dir, { recursive: true });
  if (b.manifest !== null) {
    writeFileSync(
      join(dir, 'manifest.json'),
      b.manifest ?? JSON.stringify({ format: 1, exported_at: b.exportedAt, kind: b.kind ?? 'delta' }),
    );
  }
  for (const [name, lines] of Object.entries(b.files)) {
    const text = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
    const file = /\.(ndjson|gz|json|txt|csv)$/.test(name) ? name : `${name}.ndjson`;
    writeFileSync(join(dir, file), file.endsWith('.gz') ? gzipSync(text) : text);
  }
  return dir;
}

/** One valid record of every entity (ids prefixed), consistent with each other. */
export function sampleRecords(at = '2026-01-15T10:00:00Z', p = ''): Record<string, Array<Record<string, unknown>>> {
  const u = { updated_at: at };
  return {
    parties: [
      { id: `${p}c1`, ...u, name: 'Zoë Ångström', type: 'CLIENT', email: 'zoe@example.com', address_lines: ['1 Rue de la Paix', 'Paris'], country: 'FR', default_currency: 'EUR' },
      { id: `${p}b1`, ...u, name: 'Παπαδόπουλος Events', type: 'BUYER', country: 'GR', vat_number: 'EL123456789' },
      { id: `${p}p1`, ...u, name: 'Дмитрий Шостакович', type: 'PAYEE', country: 'RU' },
    ],
    deals: [{ id: `${p}d1`, ...u, ref: 'D-0001', name: 'Spring tour', client_id: `${p}c1`, buyer_id: `${p}b1`, venue: 'Odeon', city: 'Athens', engagement_date: '2026-01-10', currency: 'EUR', commission_pct: '15' }],
    deal_payees: [{ id: `${p}dp1`, ...u, deal_id: `${p}d1`, party_id: `${p}p1`, role: 'artist', allocation_pct: '100' }],
    revenue_items: [{ id: `${p}ri1`, ...u, deal_id: `${p}d1`, date: '2026-01-10', description: 'Ticket sales', gross: '12000.00', currency: 'EUR' }],
    payment_items: [{ id: `${p}pi1`, ...u, client_id: `${p}c1`, deal_id: `${p}d1`, posted_date: '2026-01-12', description: 'Show fee', reference: 'R-1', currency: 'EUR', gross: '1000.00', commission: '150.00', net: '850.00' }],
    settlements: [{ id: `${p}s1`, ...u, client_id: `${p}c1`, deal_id: `${p}d1`, settled_date: '2026-01-13', engagement_date: '2026-01-10', venue: 'Odeon', city: 'Athens', currency: 'EUR', guarantee: '5000.00', overage: '1000.00', backout: '200.00', net_gross: '5800.00', commission_pct: '15', commission_due: '900.00' }],
    billing_items: [{ id: `${p}bi1`, ...u, party_id: `${p}b1`, target_type: 'BUYER', description: 'Booking fee', issue_date: '2026-01-05', due_date: '2026-02-04', currency: 'JPY', quantity: '2', unit_price: '15000', amount: '30000', vat_pct: '10', invoice_number: 'INV-1' }],
    billing_payments: [{ id: `${p}bp1`, ...u, billing_item_id: `${p}bi1`, paid_date: '2026-01-20', amount: '10000' }],
    contracts: [{ id: `${p}k1`, ...u, customer_id: `${p}c1`, type: 'fixed_fee', status: 'ACTIVE', start_date: '2025-01-01', currency: 'USD', monthly_fee: '2500.00', template_id: 'default' }],
    contract_rates: [{ id: `${p}kr1`, ...u, contract_id: `${p}k1`, job_code: 'ENG', hourly_rate: '120.50', effective_from: '2025-01-01' }],
    labor_hours: [{ id: `${p}lh1`, ...u, contract_id: `${p}k1`, work_date: '2026-01-07', job_code: 'ENG', hours: '7.5' }],
    revenue_reports: [{ id: `${p}rr1`, ...u, contract_id: `${p}k1`, period_start: '2026-01-01', period_end: '2026-01-31', gross_revenue: '88000.00' }],
    adjustments: [{ id: `${p}a1`, ...u, contract_id: `${p}k1`, date: '2026-01-15', kind: 'CREDIT', description: 'Goodwill', amount: '100.00' }],
  };
}
