/** What a render takes and gives (docs/dev/interfaces.md, "Rendering and templates"). */
import type { OutputFormat, StatementModel } from '../../../shared/contract/statements';
import type { TemplateVersion } from '../../../shared/contract/templates';

export interface RenderJob {
  model: StatementModel;
  template: TemplateVersion;
  format: OutputFormat;
  /** the statement reference printed on every page */
  ref: string;
  /** ISO timestamp: the generation date printed, and the PDF's creation/modification dates */
  generatedAt: string;
  generatedBy: string;
  /** the ledger's metadata JSON, embedded in the file so that a file found alone can be identified */
  metadata: Record<string, unknown>;
}

export interface RenderOutput {
  bytes: Uint8Array;
  mime: string;
  ext: 'pdf' | 'html' | 'txt';
  templateFallback: boolean;
  fallbackReason: string | null;
}
