/**
 * What a rendered file says about itself: reference, type, party, period, totals, template,
 * engine version and the ledger's metadata JSON. Embedded in the PDF's info dictionary
 * (/FolioMetadata, UTF-16 hex) and its XMP packet; `readEmbeddedMetadata` reads it back from a
 * file found alone (crash recovery, support).
 */
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { STATEMENT_META } from '../../../shared/contract/statements';
import { ENGINE_VERSION } from '../version';
import type { RenderJob } from './types';

export interface EmbeddedMetadata {
  folio: 1;
  ref: string;
  type: string;
  title: string;
  party: { id: string; name: string } | null;
  period: { from: string | null; to: string | null };
  totals: Record<string, Record<string, string>>;
  lineCount: number;
  template: { id: string; version: number };
  engineVersion: string;
  generatedAt: string;
  generatedBy: string;
  pages: number;
  subject: string;
  keywords: string[];
  /** the job's metadata (the ledger's JSON) */
  metadata: Record<string, unknown>;
}

export function embeddedMetadata(job: RenderJob, pages: number): EmbeddedMetadata {
  const m = job.model;
  const label = STATEMENT_META[m.type]?.label ?? m.type;
  const period = m.dateFrom || m.dateTo ? `${m.dateFrom ?? '…'} to ${m.dateTo ?? '…'}` : '';
  const subject = [label, m.party ? `for ${m.party.name}` : '', period ? `(${period})` : ''].filter(Boolean).join(' ');
  const keywords = [job.ref, m.type, STATEMENT_META[m.type]?.code ?? '', m.party?.id ?? '', ...Object.keys(m.totals)].filter(Boolean);
  return {
    folio: 1,
    ref: job.ref,
    type: m.type,
    title: m.title,
    party: m.party ? { id: m.party.id, name: m.party.name } : null,
    period: { from: m.dateFrom, to: m.dateTo },
    totals: m.totals,
    lineCount: m.lineCount,
    template: { id: job.template.id, version: job.template.version },
    engineVersion: ENGINE_VERSION,
    generatedAt: job.generatedAt,
    generatedBy: job.generatedBy,
    pages,
    subject,
    keywords,
    metadata: job.metadata,
  };
}

/** The metadata embedded in a Folio PDF, or null when the file has none (not a Folio PDF). */
export async function readEmbeddedMetadata(bytes: Uint8Array): Promise<EmbeddedMetadata | null> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  } catch {
    return null;
  }
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  if (!(info instanceof PDFDict)) return null;
  const v = info.get(PDFName.of('FolioMetadata'));
  if (!(v instanceof PDFHexString) && !(v instanceof PDFString)) return null;
  try {
    const parsed = JSON.parse(v.decodeText()) as EmbeddedMetadata;
    return parsed && parsed.folio === 1 ? parsed : null;
  } catch {
    return null;
  }
}
