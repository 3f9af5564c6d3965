/**
 * A statement as a PDF (pdf-lib): lays the model out on a Canvas, embeds the fonts the pages use
 * and the logo, writes compressed content streams, and fills the document's metadata (info
 * dictionary and XMP) so that a file found alone says what it is. Reproducible: dates come from
 * the job, ids and subset tags from the content, nothing random.
 */
import { deflateSync } from 'node:zlib';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';
import type { StatementModel } from '../../../../shared/contract/statements';
import type { TemplateBody } from '../../../../shared/contract/templates';
import { ENGINE_VERSION } from '../../version';
import type { FontSet } from '../fonts/fontset';
import { labeller } from '../labels';
import { layoutStatement } from '../layout/statement';
import { embeddedMetadata, type EmbeddedMetadata } from '../metadata';
import { expectedAmounts } from '../qa';
import type { RenderJob } from '../types';
import { Canvas } from './canvas';
import { DocFonts } from './fonts';
import { embedLogo, logoEmbedder } from './logo';

export const PAGE_SIZES: Record<TemplateBody['pageSize'], [number, number]> = {
  A4: [595.28, 841.89],
  Letter: [612, 792],
};

export interface PdfResult {
  bytes: Uint8Array;
  /** how many times each expected amount was drawn (QA) */
  drawn: Map<string, number>;
  pages: number;
}

export async function renderPdf(job: RenderJob, fonts: FontSet): Promise<PdfResult> {
  const body = job.template.body;
  const [w, h] = PAGE_SIZES[body.pageSize];
  const docFonts = new DocFonts(fonts);
  const canvas = new Canvas(docFonts, fonts, w, h);
  canvas.watch = new Map(expectedAmounts(job.model, body.locale).map((e) => [e.text, 0]));
  const logo = body.branding.logo ? await logoEmbedder(body.branding.logo) : null;
  layoutStatement(canvas, {
    model: job.model,
    body,
    ref: job.ref,
    generatedAt: job.generatedAt,
    labels: labeller(body.labels),
    logo: logo ? { name: 'Im1', width: logo.width, height: logo.height } : null,
  });

  const doc = await PDFDocument.create({ updateMetadata: false });
  const context = doc.context;
  const fontDict = docFonts.embed(context);
  const logoRef: PDFRef | null = logo ? await embedLogo(context, logo) : null;
  for (const content of canvas.pages) {
    const page = doc.addPage([w, h]);
    const packed = deflateSync(content.bytes(), { level: 1 });
    const ref = context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode' }), packed));
    page.node.set(PDFName.of('Contents'), ref);
    page.node.set(PDFName.of('Resources'), context.obj({ Font: fontDict, ...(logoRef ? { XObject: { Im1: logoRef } } : {}) }));
  }
  writeMetadata(doc, embeddedMetadata(job, canvas.pages.length), job.model, body);
  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Number.POSITIVE_INFINITY });
  return { bytes, drawn: canvas.watch, pages: canvas.pages.length };
}

function writeMetadata(doc: PDFDocument, meta: EmbeddedMetadata, model: StatementModel, body: TemplateBody): void {
  const created = new Date(meta.generatedAt);
  const date = Number.isNaN(created.getTime()) ? new Date(0) : created;
  doc.setCreationDate(date); // creates the info dictionary
  doc.setModificationDate(date);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  const text = (k: string, v: string) => info.set(PDFName.of(k), textString(v));
  text('Title', `${model.title} ${meta.ref}`);
  text('Subject', meta.subject);
  text('Keywords', meta.keywords.join(' '));
  text('Author', body.branding.companyName || 'Folio');
  text('Creator', 'Folio');
  text('Producer', `Folio render engine ${ENGINE_VERSION} (pdf-lib)`);
  doc.setLanguage(body.locale);
  doc.catalog.getOrCreateViewerPreferences().setDisplayDocTitle(true);
  const json = JSON.stringify(meta);
  // ASCII JSON (non-ASCII as \u escapes) written as the hex of its bytes: exact and cheap
  const ascii = json.replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  info.set(PDFName.of('FolioMetadata'), PDFHexString.of(Buffer.from(ascii, 'latin1').toString('hex')));
  text('FolioRef', meta.ref);
  const xmp = xmpPacket(meta, model.title, date.toISOString(), json);
  const stream = doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

/** A PDF text string: PDFDocEncoding-compatible ASCII as is, else UTF-16BE with a BOM (hex). */
function textString(v: string): PDFHexString {
  if (/^[\x20-\x7e]*$/.test(v)) return PDFHexString.of(Buffer.from(v, 'latin1').toString('hex'));
  return PDFHexString.of(`feff${Buffer.from(v, 'utf16le').swap16().toString('hex')}`);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xmpPacket(meta: EmbeddedMetadata, title: string, date: string, json: string): string {
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:folio="https://folio.invalid/ns/statement/1.0/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${esc(`${title} ${meta.ref}`)}</rdf:li></rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${esc(meta.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:identifier>${esc(meta.ref)}</dc:identifier>
<xmp:CreateDate>${date}</xmp:CreateDate>
<xmp:ModifyDate>${date}</xmp:ModifyDate>
<xmp:CreatorTool>Folio</xmp:CreatorTool>
<pdf:Producer>Folio render engine ${ENGINE_VERSION} (pdf-lib)</pdf:Producer>
<pdf:Keywords>${esc(meta.keywords.join(', '))}</pdf:Keywords>
<folio:reference>${esc(meta.ref)}</folio:reference>
<folio:type>${esc(meta.type)}</folio:type>
<folio:metadata>${esc(json)}</folio:metadata>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
