/**
 * What the ledger needs from the rendering part: template resolution, rendering (the worker
 * pool) and reading the metadata embedded in a file (crash reconciliation). One engine service, so
 * that a test gives its engine a small deterministic renderer
 * (`engine.provide(renderDeps, testRenderer())`) without touching any other engine.
 */
import type { OutputFormat, StatementType, TemplateVersion } from '../../../shared/contract';
import { defineService, type Engine } from '../engine';
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

export const renderDeps = defineService<RenderDeps>('render-deps', () => realDeps);
