/**
 * Crash reconciliation, run when the ledger service starts (before anything else touches it):
 *  - temp files left by an interrupted store write are removed;
 *  - a statement left PENDING/GENERATING whose file made it to the store (written only after
 *    render + QA) is FINISHED: COMPLETED with the file's SHA-256, its upload queued (outbox);
 *    one without a file becomes FAILED ("interrupted");
 *  - after an unclean stop (a stale lock), the store is scanned: a file with no COMPLETED row is
 *    identified from its embedded metadata and recorded as a FAILED row pointing at the file,
 *    which is moved to `store/quarantine/`; a file that cannot be identified is quarantined and
 *    listed in the audit entry;
 *  - uploads left UPLOADING go back to PENDING (the HEAD check makes the retry safe).
 * Every action is recorded in one `reconcile` audit entry.
 */
import { existsSync, promises as fsp } from 'node:fs';
import { basename, join } from 'node:path';
import { STATEMENT_META, type OutputFormat, type StatementType } from '../../../shared/contract';
import { appendAuditIn } from '../audit/log';
import type { Caller, Engine } from '../engine';
import { settingsService } from '../settings/service';
import { requeueInterrupted, uploadKeys } from '../store/upload-queue';
import { getRow, markCompleted, markFailed, parseMetadata, type StatementRow } from './records';
import { renderDeps } from './render-deps';
import { FORMAT_EXT, listStoreFiles, readStoreFile, sha256Hex, storeAbsPath, storeRelPath } from '../store/files';
import { onLedgerStart, type Ledger } from '../store/ledger';

export interface ReconcileReport {
  finished: string[];
  failed: string[];
  recordedOrphans: string[];
  quarantined: string[];
  uploadsRequeued: number;
  tempFilesRemoved: number;
}

const REF_RE = /^(CS|SS|DS|AR|INV|BS)-\d{13}-[0-9A-F]{8}$/;
const SYSTEM: Caller = { user: 'folio', role: 'admin' };

function formatOfExt(ext: string): OutputFormat | null {
  for (const [format, v] of Object.entries(FORMAT_EXT)) if (v.ext === ext) return format as OutputFormat;
  return null;
}

async function embeddedRef(engine: Engine, bytes: Uint8Array, format: OutputFormat): Promise<Record<string, unknown> | null> {
  try {
    return (await (await engine.use(renderDeps)).readEmbeddedMetadata(bytes, format)) ?? null;
  } catch {
    return null;
  }
}

async function quarantine(ledger: Ledger, rel: string): Promise<string> {
  const src = storeAbsPath(ledger.storeDir, rel);
  let name = basename(rel);
  while (existsSync(join(ledger.quarantineDir, name))) name = `${Date.now()}-${name}`;
  await fsp.mkdir(ledger.quarantineDir, { recursive: true });
  await fsp.rename(src, join(ledger.quarantineDir, name));
  return `quarantine/${name}`;
}

async function removeTempFiles(storeDir: string): Promise<number> {
  let n = 0;
  const walk = async (dir: string): Promise<void> => {
    if (!existsSync(dir)) return;
    for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) await walk(abs);
      else if (e.name.startsWith('.') && e.name.endsWith('.tmp')) {
        await fsp.rm(abs, { force: true });
        n++;
      }
    }
  };
  await walk(storeDir);
  return n;
}

export async function reconcile(engine: Engine, ledger: Ledger, opts: { scanStore: boolean }): Promise<ReconcileReport> {
  const { db } = ledger;
  const now = () => engine.platform.now().toISOString();
  const report: ReconcileReport = { finished: [], failed: [], recordedOrphans: [], quarantined: [], uploadsRequeued: 0, tempFilesRemoved: 0 };
  const prefix = (await engine.use(settingsService)).get('s3.prefix');
  const bucket = (await engine.use(settingsService)).get('s3.bucket');

  report.tempFilesRemoved = await removeTempFiles(ledger.storeDir);

  // statements interrupted mid-way
  const open = db.all<StatementRow>("SELECT * FROM generated_statement WHERE generation_status_cd IN ('PENDING', 'GENERATING') ORDER BY generated_statement_id");
  for (const row of open) {
    const ext = FORMAT_EXT[row.format]?.ext ?? 'pdf';
    const rel = storeRelPath(row.statement_ref, row.generated_dt, ext);
    const present = existsSync(storeAbsPath(ledger.storeDir, rel));
    const bytes = present ? await readStoreFile(engine, ledger.storeDir, rel).catch(() => null) : null;
    const embedded = bytes ? await embeddedRef(engine, bytes, row.format as OutputFormat) : null;
    // the file is written (exclusively, complete) only after render + QA: its presence under the
    // ref's own name means the statement was made; its embedded metadata, when readable, must agree
    if (bytes && (embedded === null || embedded.reference === row.statement_ref)) {
      const keys = uploadKeys(prefix, row.statement_type_cd, row.generated_dt, row.statement_ref, ext);
      db.transaction(() =>
        markCompleted(db, {
          ref: row.statement_ref,
          filePath: rel,
          fileName: basename(rel),
          sizeBytes: bytes.length,
          sha256: sha256Hex(bytes),
          s3Key: keys.key,
          metaKey: keys.metaKey,
          uploadStatus: bucket ? 'QUEUED' : 'LOCAL_ONLY',
          user: SYSTEM.user,
          at: now(),
          metadata: { ...parseMetadata(row.metadata), recovered: 'finished after an interruption: the file had been written' },
        }),
      );
      report.finished.push(row.statement_ref);
    } else {
      let note = 'interrupted before the file was written';
      if (present) {
        const q = await quarantine(ledger, rel);
        report.quarantined.push(q);
        note = `interrupted; the file found did not match its record and was moved to ${q}`;
        markFailed(db, row.statement_ref, note, SYSTEM.user, now(), { quarantinedFile: q });
      } else markFailed(db, row.statement_ref, note, SYSTEM.user, now());
      report.failed.push(row.statement_ref);
    }
  }

  // files with no COMPLETED row (only after an unclean stop: a full scan of the store)
  if (opts.scanStore) {
    const known = new Set(
      db.all<{ file_path: string }>("SELECT file_path FROM generated_statement WHERE generation_status_cd = 'COMPLETED' AND file_path IS NOT NULL").map((r) => r.file_path),
    );
    for (const rel of await listStoreFiles(ledger.storeDir)) {
      if (known.has(rel)) continue;
      const name = basename(rel);
      const dot = name.lastIndexOf('.');
      const ref = dot > 0 ? name.slice(0, dot) : name;
      const format = formatOfExt(name.slice(dot + 1));
      const bytes = await readStoreFile(engine, ledger.storeDir, rel).catch(() => null);
      const meta = bytes && format ? await embeddedRef(engine, bytes, format) : null;
      const q = await quarantine(ledger, rel);
      report.quarantined.push(q);
      const existing = getRow(db, ref);
      if (existing) {
        // a FAILED (or other) row for this ref: note where its file went
        if (existing.generation_status_cd !== 'COMPLETED') markFailed(db, ref, existing.error_message ?? 'interrupted', SYSTEM.user, now(), { quarantinedFile: q });
        continue;
      }
      if (meta && meta.reference === ref && REF_RE.test(ref) && typeof meta.type === 'string' && meta.type in STATEMENT_META) {
        const type = meta.type as StatementType;
        const at = typeof meta.generatedAt === 'string' ? meta.generatedAt : now();
        const filters = (meta.filters ?? {}) as Record<string, unknown>;
        db.run(
          `INSERT INTO generated_statement (statement_type_cd, statement_type, statement_ref, client_id, date_from, date_to, currency_cd,
             file_name, file_size_bytes, generation_status_cd, error_message, metadata, generated_by, generated_dt, sha256,
             template_id, template_version, format, upload_status, subject_key, batch_id, created_by, created_at, updated_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'FAILED', ?, ?, ?, ?, ?, ?, ?, ?, 'LOCAL_ONLY', ?, ?, ?, ?, ?, ?)`,
          [
            STATEMENT_META[type].code,
            type,
            ref,
            typeof (filters.clientId ?? filters.partyId) === 'string' ? ((filters.clientId ?? filters.partyId) as string) : null,
            typeof filters.dateFrom === 'string' ? filters.dateFrom : null,
            typeof filters.dateTo === 'string' ? filters.dateTo : null,
            typeof meta.currency === 'string' ? meta.currency : null,
            name,
            bytes!.length,
            `interrupted before it was recorded; the file was moved to ${q}`,
            JSON.stringify({ ...meta, quarantinedFile: q, recoveredFrom: 'embedded metadata', fileSha256: sha256Hex(bytes!) }),
            typeof meta.generatedBy === 'string' ? meta.generatedBy : SYSTEM.user,
            at,
            null,
            typeof meta.templateId === 'string' ? meta.templateId : null,
            typeof meta.templateVersion === 'number' ? meta.templateVersion : null,
            format,
            typeof meta.subjectKey === 'string' ? meta.subjectKey : null,
            typeof meta.batchId === 'string' ? meta.batchId : null,
            SYSTEM.user,
            now(),
            SYSTEM.user,
            now(),
          ],
        );
        report.recordedOrphans.push(ref);
      }
    }
  }

  report.uploadsRequeued = requeueInterrupted(db, now());

  const changed =
    report.finished.length + report.failed.length + report.recordedOrphans.length + report.quarantined.length + report.uploadsRequeued + report.tempFilesRemoved;
  if (changed > 0) {
    appendAuditIn(db, SYSTEM, 'reconcile', { ...report, scanned: opts.scanStore }, engine.platform.now());
    await ledger.writer.commit();
  }
  return report;
}

/** What the start-up reconciliation of this open ledger did (null before it ran). */
const reports = new WeakMap<Ledger, ReconcileReport>();
export function reconcileReport(ledger: Ledger): ReconcileReport | null {
  return reports.get(ledger) ?? null;
}

// runs first each time the ledger opens: after an unclean stop (a stale lock) the whole store is
// scanned for unrecorded files
onLedgerStart(
  async function reconcileAtStart(engine, ledger) {
    const scanStore = ledger.tookOverStale || engine.platform.env.FOLIO_RECONCILE_SCAN === '1';
    reports.set(ledger, await reconcile(engine, ledger, { scanStore }));
  },
  { phase: 'repair' },
);
