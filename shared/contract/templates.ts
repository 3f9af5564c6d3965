import { z } from 'zod';
import { command, empty, id } from './define';
import { STATEMENT_TYPES } from './statements';

export const templateBody = z
  .object({
    name: z.string().min(1).max(200),
    statementType: z.enum(STATEMENT_TYPES),
    /** billing statements may have one template per contract type */
    contractType: z.enum(['revenue_share', 'per_labor_hour', 'fixed_fee']).nullable().default(null),
    /** a client's own template */
    clientId: z.string().max(200).nullable().default(null),
    branding: z
      .object({
        companyName: z.string().max(200),
        addressLines: z.array(z.string().max(200)).max(8),
        vatNumber: z.string().max(50).default(''),
        companyNumber: z.string().max(50).default(''),
        accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f6feb'),
        /** data URL of a PNG or JPEG */
        logo: z.string().max(2_000_000).nullable().default(null),
      })
      .strict(),
    pageSize: z.enum(['A4', 'Letter']),
    locale: z.string().min(2).max(35),
    labels: z.record(z.string().max(64), z.string().max(200)).default({}),
    sections: z.object({ detailedBreakdown: z.boolean().default(true), findings: z.boolean().default(true) }).strict(),
  })
  .strict();
export type TemplateBody = z.infer<typeof templateBody>;

export interface TemplateVersion {
  id: string;
  version: number;
  current: boolean;
  body: TemplateBody;
  createdBy: string;
  createdAt: string;
}
export interface TemplateSummary {
  id: string;
  name: string;
  statementType: (typeof STATEMENT_TYPES)[number];
  contractType: string | null;
  clientId: string | null;
  currentVersion: number;
  latestVersion: number;
  builtIn: boolean;
}

export const templateCommands = {
  'templates:list': command<TemplateSummary[]>()(empty, 'viewer'),
  'templates:versions': command<TemplateVersion[]>()(z.object({ id }).strict(), 'viewer'),
  /** saving always creates a new version and makes it current; a new id creates a template */
  'templates:save': command<TemplateVersion>()(z.object({ id, body: templateBody }).strict(), 'admin'),
  'templates:rollback': command<TemplateVersion>()(z.object({ id, version: z.number().int().min(1) }).strict(), 'admin'),
  /** renders a sample statement with an unsaved template body: PDF as base64 */
  'templates:sample': command<{ base64: string; fallback: boolean; error: string | null }>()(
    z.object({ body: templateBody }).strict(),
    'viewer',
  ),
} as const;
