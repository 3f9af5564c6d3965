import { z } from 'zod';
import { command, empty } from './define';

/** Every user-visible setting: the same keys as `folio config` (cli.md). */
export const settingsSchema = z
  .object({
    'user.name': z.string().max(200).default(''),
    'user.role': z.enum(['viewer', 'accountant', 'admin']).default('admin'),
    's3.endpoint': z.string().max(500).default(''),
    's3.region': z.string().max(50).default('us-east-1'),
    's3.bucket': z.string().max(255).default(''),
    's3.prefix': z.string().max(500).default(''),
    's3.forcePathStyle': z.boolean().default(false),
    's3.sse': z.enum(['', 'AES256', 'aws:kms']).default(''),
    'source.s3': z
      .string()
      .max(1000)
      .regex(/^(s3:\/\/[a-z0-9.-]{3,63}\/.*)?$/, 'must look like s3://bucket/prefix/')
      .default(''),
    'source.folder': z.string().max(2000).default(''),
    locale: z.string().min(2).max(35).default('en-US'),
    'template.default': z.string().max(200).default(''),
    'aging.buckets': z.array(z.number().int().min(1).max(3650)).min(1).max(10).default([30, 60, 90, 120]),
    'variance.thresholdPct': z.number().min(0).max(10000).default(25),
    /** GBP per one unit of a currency, for the GBP VAT total of UK invoices in other currencies */
    'fx.gbpRates': z
      .record(z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'), z.string().regex(/^\d{1,9}(\.\d{1,10})?$/, 'must be a decimal rate such as 0.8571'))
      .default({}),
    'storage.encryptFiles': z.boolean().default(true),
    'uploads.concurrency': z.number().int().min(1).max(16).default(4),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

/** Encryption at rest of the data folder (docs/it.md, section 6); never holds a key. */
export interface EncryptionStatus {
  /** the databases (and, unless turned off, statement files) are encrypted */
  enabled: boolean;
  /** new statement files are written encrypted */
  filesEncrypted: boolean;
  /** IT's policy: auto (encrypt when a key source exists), required, off */
  mode: 'auto' | 'required' | 'off';
  /** the key source that opened the folder, e.g. "FOLIO_KEY" */
  unlockedBy: string | null;
  /** what can open the folder (descriptions, never keys) */
  keySlots: string[];
  /** why the folder is not encrypted, when it is not */
  reason: string | null;
  /** files sealed by a migration during this start */
  migrated: { databases: number; files: number } | null;
  /** the folder cannot be opened (wrong or missing key, …): the message */
  error?: string;
}

/** Where a setting's effective value comes from (IT's policy wins over the user; env is for one run). */
export type SettingSource = 'default' | 'user' | 'policy' | 'env';

export interface SettingsView {
  values: Settings;
  /** where each value comes from */
  sources: Record<SettingKey, SettingSource>;
  /** keys set by the IT policy file: shown as "managed by your organisation" and read-only */
  managed: SettingKey[];
  policyFile: string | null;
  policyError: string | null;
  credentials: { stored: boolean; source: 'protected-store' | 'environment' | 'none' };
  /** encryption at rest of this data folder */
  encryption?: EncryptionStatus;
}

export const settingsCommands = {
  'settings:get': command<SettingsView>()(empty, 'viewer'),
  'settings:set': command<SettingsView>()(
    z.object({ key: z.string().min(1).max(64), value: z.unknown() }).strict(),
    'admin',
  ),
  'settings:setCredentials': command<SettingsView>()(
    z
      .object({ accessKeyId: z.string().min(1).max(200), secretAccessKey: z.string().min(1).max(200) })
      .strict(),
    'admin',
  ),
  'settings:clearCredentials': command<SettingsView>()(empty, 'admin'),
  'settings:testConnection': command<{ ok: boolean; message: string }>()(empty, 'viewer'),
} as const;
