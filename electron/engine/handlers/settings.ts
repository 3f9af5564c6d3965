import { FolioError } from '../../../shared/errors';
import { appendAudit } from '../audit/log';
import { credentialsClearedDetails, credentialsSetDetails, settingRefusedDetails, settingSetDetails } from '../audit/settings-changes';
import type { SettingsView } from '../../../shared/contract';
import { encryptionStatus } from '../crypto';
import { defineHandlers, type Caller, type Engine } from '../engine';
import { ledgerService } from '../ledger/service';
import { testConnection } from '../s3/test-connection';
import { CREDENTIALS_SECRET, settingsService } from '../settings/service';

/**
 * Every change is audited (action `settings`), durably, before the command answers. The ledger is
 * opened before anything changes, so a change that could not be audited is not made (another
 * process holding the ledger is fine: the entry waits in the audit inbox).
 */
async function auditReady(engine: Engine): Promise<void> {
  try {
    await engine.use(ledgerService);
  } catch (err) {
    if ((err as { code?: string }).code !== 'LEDGER_IN_USE') throw err;
  }
}

async function audit(engine: Engine, caller: Caller, details: Record<string, unknown>): Promise<void> {
  await appendAudit(engine, caller, 'settings', details, { durable: true });
}

/** The Settings screen's view: the settings service's, with the folder's encryption status. */
async function view(engine: Engine): Promise<SettingsView> {
  const s = await engine.use(settingsService);
  return { ...(await s.view()), encryption: await encryptionStatus(engine) };
}

export const settingsHandlers = defineHandlers({
  'settings:get': async (_i, { engine }) => view(engine),
  'settings:set': async ({ key, value }, { engine, caller }) => {
    const s = await engine.use(settingsService);
    await auditReady(engine);
    try {
      const change = await s.set(key, value);
      await audit(engine, caller, settingSetDetails(change));
    } catch (err) {
      if (err instanceof FolioError && err.code === 'SETTING_MANAGED') await audit(engine, caller, settingRefusedDetails(key, err.code));
      throw err;
    }
    return view(engine);
  },
  'settings:setCredentials': async ({ accessKeyId, secretAccessKey }, { engine, platform, caller }) => {
    await auditReady(engine);
    // the policy does not lock credentials: each user brings their own
    const replaced = (await platform.secrets.get(CREDENTIALS_SECRET)) !== null;
    await platform.secrets.set(CREDENTIALS_SECRET, JSON.stringify({ accessKeyId, secretAccessKey }));
    await audit(engine, caller, credentialsSetDetails(accessKeyId, replaced));
    return view(engine);
  },
  'settings:clearCredentials': async (_i, { engine, platform, caller }) => {
    await auditReady(engine);
    const had = (await platform.secrets.get(CREDENTIALS_SECRET)) !== null;
    await platform.secrets.delete(CREDENTIALS_SECRET);
    await audit(engine, caller, credentialsClearedDetails(had));
    return view(engine);
  },
  'settings:testConnection': async (_i, { engine }) => testConnection(engine),
});
