import { appendAudit, listAudit, verifyAudit } from '../audit/log';
import { defineHandlers } from '../engine';
import { checkedFile, exportFile, fileResult, getHistory, listHistory } from '../ledger/history';
import { ledgerForReading } from '../ledger/service';
import { settingsService } from '../settings/service';
import { summary } from '../store/upload-queue';
import { uploadQueue } from '../uploads/service';

export const ledgerHandlers = defineHandlers({
  'history:list': async (input, { engine }) => listHistory(await ledgerForReading(engine), input),
  'history:get': async ({ ref }, { engine }) => getHistory(await ledgerForReading(engine), ref),
  'history:file': async ({ ref, purpose }, { engine, caller }) => {
    try {
      const c = await checkedFile(engine, ref);
      await appendAudit(engine, caller, purpose, { ref, source: c.source, sha256: c.sha256 });
      return fileResult(c);
    } catch (err) {
      await appendAudit(engine, caller, purpose, { ref, refused: (err as Error).message });
      throw err;
    }
  },
  'history:export': async ({ ref, path }, { engine, caller }) => {
    try {
      const out = await exportFile(engine, ref, path);
      await appendAudit(engine, caller, 'download', { ref, path: out.path, source: out.source, sha256: out.sha256 });
      return out;
    } catch (err) {
      await appendAudit(engine, caller, 'download', { ref, path, refused: (err as Error).message });
      throw err;
    }
  },
  'uploads:list': async (_input, { engine }) => {
    try {
      return await (await engine.use(uploadQueue)).list();
    } catch (err) {
      if ((err as { code?: string }).code !== 'LEDGER_IN_USE') throw err;
      // another process (the desktop app) holds the ledger: its last saved queue, read-only
      const bucket = (await engine.use(settingsService)).get('s3.bucket');
      return summary(await ledgerForReading(engine), engine.platform.isOnline(), bucket !== '');
    }
  },
  'uploads:drain': async (_input, { engine }) => (await engine.use(uploadQueue)).drain({ force: true }),
  'uploads:retry': async ({ id }, { engine }) => (await engine.use(uploadQueue)).retry(id),
  'audit:list': async ({ offset, limit }, { engine }) => listAudit(await ledgerForReading(engine), offset, limit),
  'audit:verify': async (_input, { engine }) => verifyAudit(await ledgerForReading(engine)),
});
