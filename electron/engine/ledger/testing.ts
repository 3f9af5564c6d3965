/**
 * Test support for the ledger's own tests (not shipped logic): a small deterministic renderer
 * (text bytes holding the embedded metadata), and a cache seeded with a few clients, so that the
 * ledger, upload and crash tests exercise the real statement engine and the real ledger without
 * depending on the PDF renderer. The end-to-end tests use the real renderer.
 */
import { insertRows, party } from '../../../test/fixtures/statements/cache';
import type { TemplateVersion } from '../../../shared/contract';
import { cacheDb } from '../db/stores';
import type { Engine } from '../engine';
import type { RenderDeps } from './render-deps';

const MARK = 'FOLIO-TEST-STATEMENT\n';

export const testTemplate: TemplateVersion = {
  id: 'test-default',
  version: 1,
  current: true,
  body: {} as TemplateVersion['body'],
  createdBy: 'test',
  createdAt: '2026-01-01T00:00:00.000Z',
};

export interface TestRendererOptions {
  /** throw for this ref's render (a render or QA failure) */
  failWhen?: (ref: string) => boolean;
  /** ms each render takes */
  delayMs?: number;
  /** pad files to this many bytes */
  padTo?: number;
}

export function testRenderer(o: TestRendererOptions = {}): RenderDeps {
  return {
    resolveTemplate: async () => testTemplate,
    async render(_engine, job) {
      if (o.delayMs) await new Promise((r) => setTimeout(r, o.delayMs));
      if (o.failWhen?.(job.ref)) throw Object.assign(new Error(`QA failed for ${job.ref}`), { name: 'QaError' });
      const lines = job.model.groups.flatMap((g) => g.lines.map((l) => `${l.item.description} ${l.item.amount}`));
      let text = `${MARK}${JSON.stringify(job.metadata)}\n${job.ref}\n${lines.join('\n')}\n`;
      if (o.padTo && text.length < o.padTo) text += '.'.repeat(o.padTo - text.length);
      return { bytes: new TextEncoder().encode(text), mime: 'text/plain', ext: 'txt', templateFallback: false, fallbackReason: null };
    },
    readEmbeddedMetadata(bytes) {
      const text = new TextDecoder().decode(bytes);
      if (!text.startsWith(MARK)) return null;
      try {
        return JSON.parse(text.slice(MARK.length, text.indexOf('\n', MARK.length))) as Record<string, unknown>;
      } catch {
        return null;
      }
    },
  };
}

/** Clients c1…cN with a few USD payment items in January 2026 each. */
export async function seedClients(engine: Engine, n = 3): Promise<string[]> {
  const cache = await engine.use(cacheDb);
  const ids = Array.from({ length: n }, (_, i) => `c${i + 1}`);
  insertRows(cache, {
    parties: ids.map((id, i) => party(id, `Client ${i + 1} Ünïcode`)),
    payment_items: ids.flatMap((id, i) =>
      [1, 2, 3].map((k) => ({
        id: `${id}-p${k}`,
        client_id: id,
        deal_id: null,
        posted_date: `2026-01-${String(k * 5).padStart(2, '0')}`,
        description: `Payment ${k} of ${id}`,
        reference: `R-${id}-${k}`,
        currency: 'USD',
        gross: 10000 * k + i,
        commission: 1000 * k,
        net: 9000 * k + i,
      })),
    ),
  });
  return ids;
}

export function clientRequest(clientId: string, format: 'pdf' | 'html' | 'text' = 'text') {
  return { request: { type: 'client' as const, filters: { clientId, dateFrom: '2026-01-01', dateTo: '2026-01-31' } }, format };
}
