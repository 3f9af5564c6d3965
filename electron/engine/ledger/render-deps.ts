/**
 * What the ledger needs from the rendering part: template resolution, rendering (the worker
 * pool) and reading the metadata embedded in a file (crash reconciliation). One place, so that
 * tests of the ledger's own logic can swap in a small deterministic renderer (`setRenderDeps`).
 */
import type { OutputFormat, StatementType, TemplateVersion } from '../../../shared/contract';
import type { Engine } from '../engine';
import type { RenderJob, RenderOutput } from '../render/types';
import { readEmbeddedMetadata, renderPool } from '../render';
import { resolveTemplate } from '../templates';

export interface TemplateQuery {
  type: StatementType;
  contractType?: string;
  clientId?: string;
  pinned?: string;
}

export interface RenderDeps {
  resolveTemplate(engine: Engine, q: TemplateQuery): Promise<TemplateVersion>;
  render(engine: Engine, job: RenderJob): Promise<RenderOutput>;
  /** the metadata JSON embedded in a statement file, or null when there is none readable */
  readEmbeddedMetadata(bytes: Uint8Array, format: OutputFormat): Promise<Record<string, unknown> | null> | Record<string, unknown> | null;
}

const realDeps: RenderDeps = {
  resolveTemplate: (engine, q) => resolveTemplate(engine, q),
  render: async (engine, job) => (await engine.use(renderPool)).render(job),
  readEmbeddedMetadata: (bytes, format) => readEmbeddedMetadata(bytes, format),
};

let deps: RenderDeps = realDeps;

export function renderDeps(): RenderDeps {
  return deps;
}

/** Tests only: swap the renderer (null restores the real one). */
export function setRenderDeps(d: RenderDeps | null): void {
  deps = d ?? realDeps;
}
