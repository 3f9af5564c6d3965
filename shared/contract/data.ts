import { z } from 'zod';
import { command, empty, id } from './define';

export const ENTITIES = [
  'parties',
  'deals',
  'deal_payees',
  'revenue_items',
  'payment_items',
  'settlements',
  'billing_items',
  'billing_payments',
  'contracts',
  'contract_rates',
  'labor_hours',
  'revenue_reports',
  'adjustments',
] as const;
export type Entity = (typeof ENTITIES)[number];

export interface EntityCounts {
  applied: number;
  skipped: number;
  deleted: number;
  quarantined: number;
}

export interface BundleResult {
  sourceKey: string;
  exportedAt: string | null;
  kind: 'full' | 'delta' | null;
  status: 'applied' | 'skipped' | 'refused';
  error?: string;
  counts: Partial<Record<Entity, EntityCounts>>;
  warnings: string[];
  danglingReferences: number;
}

export interface ImportResult {
  bundles: BundleResult[];
  applied: number;
  skipped: number;
  quarantined: number;
  durationMs: number;
}

export interface QuarantineRow {
  id: number;
  sourceKey: string;
  file: string;
  line: number;
  reason: string;
  raw: string;
  at: string;
}

export interface DataStatus {
  empty: boolean;
  counts: Record<Entity, number>;
  lastImportAt: string | null;
  lastSync: { at: string; ok: boolean; message: string } | null;
  source: { folder: string | null; s3: string | null };
  quarantined: number;
  bundles: number;
}

export interface SyncResult {
  ok: boolean;
  offline: boolean;
  message: string;
  listed: number;
  result: ImportResult | null;
}

export interface PartyOption {
  id: string;
  name: string;
  type: 'CLIENT' | 'BUYER' | 'PAYEE';
  defaultCurrency: string | null;
}
export interface DealOption {
  id: string;
  ref: string;
  name: string;
  clientName: string;
}
export interface BillingItemOption {
  id: string;
  description: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  amount: string;
  invoiceNumber: string | null;
  invoicedRef: string | null;
}
export interface ContractOption {
  id: string;
  customerName: string;
  type: 'revenue_share' | 'per_labor_hour' | 'fixed_fee';
  status: string;
  currency: string;
}

export const demoSize = z.union([z.enum(['small', 'medium', 'large']), z.coerce.number().int().min(1).max(100000)]);

export const dataCommands = {
  'data:status': command<DataStatus>()(empty, 'viewer'),
  'data:import': command<ImportResult>()(z.object({ path: z.string().min(1, 'is required').max(4096, 'is longer than any file path') }).strict(), 'admin'),
  'data:sync': command<SyncResult>()(empty, 'admin'),
  'data:loadDemo': command<ImportResult>()(
    z.object({ size: demoSize.default('small'), seed: z.number().int().default(1), through: z.string().optional() }).strict(),
    'admin',
  ),
  'data:quarantine': command<{ rows: QuarantineRow[]; total: number }>()(
    z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    'viewer',
  ),
  'data:parties': command<PartyOption[]>()(
    z
      .object({
        query: z.string().max(200).default(''),
        type: z.enum(['CLIENT', 'BUYER', 'PAYEE']).optional(),
        limit: z.number().int().min(1).max(200).default(20),
      })
      .strict(),
    'viewer',
  ),
  'data:deals': command<DealOption[]>()(
    z.object({ query: z.string().max(200).default(''), limit: z.number().int().min(1).max(200).default(20) }).strict(),
    'viewer',
  ),
  'data:billingItems': command<BillingItemOption[]>()(
    z.object({ partyId: id, targetType: z.enum(['CLIENT', 'BUYER']) }).strict(),
    'viewer',
  ),
  'data:contracts': command<ContractOption[]>()(
    z.object({ query: z.string().max(200).default(''), limit: z.number().int().min(1).max(200).default(20) }).strict(),
    'viewer',
  ),
} as const;
