/**
 * Encryption at rest (docs/rules.md, "Encryption at rest"). The cache, the ledger and the
 * statement files of a data folder are sealed with AES-256-GCM under one random data key per
 * folder; `encryption.json` records that the folder is encrypted and holds the data key wrapped
 * by each key source (keys.ts). The databases ask `dbCodec(label)`, the file store `fileCodec()`;
 * `undefined` means the folder is stored plain.
 *
 * When is a folder encrypted?
 *  - it has a manifest: always (a key must unlock it, else a clear error and nothing is touched);
 *  - no manifest, policy "off": never;
 *  - no manifest, a key source exists (FOLIO_KEY, FOLIO_KEY_FILE, policy keyFile, or the desktop
 *    app's OS key store): the folder is encrypted now, existing plain files migrated in place;
 *  - no manifest, no key source: plain, unless the policy says "required" (then refused, saying why).
 * So engines made by tests (`testEngine()`: no key, no OS store) keep working plain.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { EncryptionStatus } from '../../../shared/contract';
import { FolioError, toErrorData } from '../../../shared/errors';
import type { Codec } from '../db/database';
import { defineService, type Engine } from '../engine';
import { settingsService } from '../settings/service';
import type { EncryptionMode } from '../settings/policy';
import { isSealed, KEY_BYTES, seal, unseal, type Purpose } from './aead';
import { checkSecret, keySources, noKeyReason, type KeySource } from './keys';
import { describeSlot, makeSlot, readManifest, trySource, writeManifest, type Manifest } from './manifest';
import { assertNoOtherWriter, sealedDatabases, sealFolder } from './migrate';

export { isSealed } from './aead';
export type { EncryptionStatus } from '../../../shared/contract';

export interface Encryption {
  /** the codec for a database file, or undefined when databases are stored plain */
  dbCodec(label: 'cache' | 'ledger'): Codec | undefined;
  /**
   * The codec for statement files in the local store, or undefined when the folder is plain.
   * In an encrypted folder: encode seals unless `storage.encryptFiles` is off; decode opens sealed
   * files and passes plain ones through (files written while encryptFiles was off).
   */
  fileCodec(): Codec | undefined;
  readonly enabled: boolean;
  /** new statement files are encrypted ("show in folder" is offered only when false) */
  readonly filesEncrypted: boolean;
  status(): EncryptionStatus;
}

/** A plain folder: no codecs. */
function plain(mode: EncryptionMode, reason: string): Encryption {
  const status: EncryptionStatus = { enabled: false, filesEncrypted: false, mode, unlockedBy: null, keySlots: [], reason, migrated: null };
  return { dbCodec: () => undefined, fileCodec: () => undefined, enabled: false, filesEncrypted: false, status: () => ({ ...status }) };
}

/** An unlocked folder: codecs over the data key. */
function unlocked(
  dataDir: string,
  m: Manifest,
  key: Uint8Array,
  encryptFiles: () => boolean,
  base: Omit<EncryptionStatus, 'enabled' | 'filesEncrypted' | 'reason'>,
): Encryption {
  const context = Buffer.from(m.folderId, 'hex');
  const codec = (purpose: Purpose, what: string): Codec => ({
    encode: (p) => seal(key, purpose, p, context),
    decode: (s) => unseal(key, purpose, s, context, what),
  });
  const dbCodecs = {
    cache: codec('cache', `The cache database ${join(dataDir, 'cache.sqlite')}`),
    ledger: codec('ledger', `The ledger database ${join(dataDir, 'ledger.sqlite')}`),
  };
  const files: Codec = {
    encode: (p) => (encryptFiles() ? seal(key, 'file', p, context) : p),
    decode: (s) => (isSealed(s) ? unseal(key, 'file', s, context, 'The statement file') : s),
  };
  const enc: Encryption = {
    dbCodec: (label) => dbCodecs[label],
    fileCodec: () => files,
    enabled: true,
    get filesEncrypted() {
      return encryptFiles();
    },
    status: () => ({ ...base, enabled: true, filesEncrypted: encryptFiles(), reason: null, keySlots: m.slots.map(describeSlot) }),
  };
  internals.set(enc, { m, key, dataDir });
  return enc;
}

/** The unlocked folder behind an Encryption (for addKey), never exposed. */
const internals = new WeakMap<Encryption, { m: Manifest; key: Uint8Array; dataDir: string }>();

/** Unlocks an encrypted folder with the first key source that opens a slot. */
async function unlock(engine: Engine, m: Manifest, sources: KeySource[], dataDir: string): Promise<{ key: Buffer; by: KeySource }> {
  const failures: string[] = [];
  for (const source of sources) {
    try {
      const key = await trySource(source, m, engine.platform.secrets);
      if (key) return { key, by: source };
    } catch (err) {
      // e.g. the OS key store is locked or refused: try the other sources, report it if none opens
      failures.push(`${source.label} failed: ${(err as Error).message}`);
    }
  }
  const slots = m.slots.map(describeSlot).join('; ');
  if (failures.length > 0) {
    throw new FolioError('forbidden', 'KEY_UNAVAILABLE', `The encrypted data folder ${dataDir} could not be opened: ${failures.join('; ')}. It opens with: ${slots}. Nothing was changed.`);
  }
  if (sources.length === 0) {
    throw new FolioError(
      'forbidden',
      'KEY_REQUIRED',
      `The data folder ${dataDir} is encrypted and no key to open it is available here: ${noKeyReason(engine.platform)}. It can be opened with: ${slots}.`,
    );
  }
  throw new FolioError(
    'forbidden',
    'WRONG_KEY',
    `The key from ${sources.map((s) => s.label).join(' and ')} does not open the encrypted data folder ${dataDir} (it opens with: ${slots}). Nothing was read or changed.`,
  );
}

/**
 * Adds slots for key sources the folder does not know yet, after it was unlocked: the OS key store
 * (the desktop app opening a folder first encrypted with a key file), and an explicit key when the
 * folder has no key slot at all (first key given to a folder the desktop encrypted). An explicit
 * key that opens nothing while key slots exist is a wrong key, never silently enrolled.
 */
async function enrollMissing(engine: Engine, m: Manifest, key: Buffer, sources: KeySource[], by: KeySource): Promise<boolean> {
  let changed = false;
  const hadKeySlot = m.slots.some((s) => s.source === 'key');
  for (const source of sources) {
    if (source === by) continue;
    if (source.kind === 'os-store') {
      // best effort: a keychain that refuses now must not stop a folder the key file opened
      try {
        if (await trySource(source, m, engine.platform.secrets)) continue;
        m.slots.push(await makeSlot(source, m.folderId, key, engine.platform.secrets, engine.platform.now()));
        changed = true;
      } catch (err) {
        process.emitWarning(`Folio: could not add the OS key store to ${engine.platform.dataDir}: ${(err as Error).message}`);
      }
      continue;
    }
    if (await trySource(source, m, engine.platform.secrets)) continue;
    if (hadKeySlot) {
      throw new FolioError(
        'forbidden',
        'WRONG_KEY',
        `The key from ${source.label} does not open the data folder ${engine.platform.dataDir} (it was opened with ${by.label}); fix or unset ${source.label}. Nothing was changed.`,
      );
    }
    m.slots.push(await makeSlot(source, m.folderId, key, engine.platform.secrets, engine.platform.now()));
    changed = true;
  }
  return changed;
}

async function createEncryption(engine: Engine): Promise<Encryption> {
  const settings = await engine.use(settingsService);
  const { mode, keyFile } = settings.policy.encryption;
  const dataDir = engine.platform.dataDir;
  const encryptFiles = () => settings.get('storage.encryptFiles');
  let manifest = readManifest(dataDir);

  if (!manifest) {
    if (mode === 'off') return plain(mode, "IT's policy turns encryption at rest off");
    const sources = keySources(engine.platform, keyFile);
    const sealed = sealedDatabases(dataDir);
    if (sealed.length > 0) {
      throw new FolioError(
        'integrity',
        'MANIFEST_MISSING',
        `${sealed.join(' and ')} ${sealed.length > 1 ? 'are' : 'is'} encrypted but the folder's encryption.json is missing; restore it from a backup. Nothing was changed.`,
      );
    }
    if (sources.length === 0) {
      const reason = noKeyReason(engine.platform);
      if (mode === 'required') {
        throw new FolioError('forbidden', 'ENCRYPTION_REQUIRED', `IT's policy requires encryption at rest, but ${reason}. Folio will not store data unencrypted.`);
      }
      return plain(mode, reason);
    }
    // a new encryption: key, slots, then the migration of whatever is already there
    assertNoOtherWriter(dataDir);
    const key = randomBytes(KEY_BYTES);
    const folderId = randomBytes(16).toString('hex');
    const slots = [];
    for (const s of sources) slots.push(await makeSlot(s, folderId, key, engine.platform.secrets, engine.platform.now()));
    manifest = {
      format: 'folio-encryption',
      version: 1,
      folderId,
      algorithm: 'AES-256-GCM',
      state: 'migrating',
      createdAt: engine.platform.now().toISOString(),
      slots,
    };
    await writeManifest(dataDir, manifest);
    return finishMigration(engine, manifest, key, sources[0]!, encryptFiles, mode);
  }

  const sources = keySources(engine.platform, keyFile);
  const { key, by } = await unlock(engine, manifest, sources, dataDir);
  if (await enrollMissing(engine, manifest, key, sources, by)) await writeManifest(dataDir, manifest);
  if (manifest.state === 'migrating') {
    assertNoOtherWriter(dataDir);
    return finishMigration(engine, manifest, key, by, encryptFiles, mode);
  }
  return unlocked(dataDir, manifest, key, encryptFiles, {
    mode,
    unlockedBy: by.label,
    keySlots: manifest.slots.map(describeSlot),
    migrated: null,
  });
}

/** Seals the folder's plain files (resumable), then marks the manifest encrypted. */
async function finishMigration(
  engine: Engine,
  m: Manifest,
  key: Buffer,
  by: KeySource,
  encryptFiles: () => boolean,
  mode: EncryptionMode,
): Promise<Encryption> {
  const dataDir = engine.platform.dataDir;
  const migrated = await sealFolder(dataDir, key, Buffer.from(m.folderId, 'hex'), { files: encryptFiles() });
  m.state = 'encrypted';
  await writeManifest(dataDir, m);
  return unlocked(dataDir, m, key, encryptFiles, { mode, unlockedBy: by.label, keySlots: m.slots.map(describeSlot), migrated });
}

export const encryption = defineService<Encryption>('encryption', createEncryption);

/** The folder's encryption status for Settings; a folder that cannot be opened gives its error. */
export async function encryptionStatus(engine: Engine): Promise<EncryptionStatus> {
  try {
    return (await engine.use(encryption)).status();
  } catch (err) {
    const mode = (await engine.use(settingsService)).policy.encryption.mode;
    return { enabled: false, filesEncrypted: false, mode, unlockedBy: null, keySlots: [], reason: null, migrated: null, error: toErrorData(err).message };
  }
}

/**
 * Adds a key (64 hex characters or a passphrase of 12+) that also opens this data folder: a
 * recovery key kept by IT, or CLI access to a folder the desktop app encrypted. The folder must be
 * open already (with a key it knows); `folio encryption add-key` is the way to call it.
 */
export async function addKey(engine: Engine, secret: string, label: string): Promise<{ added: boolean; keySlots: string[] }> {
  const enc = await engine.use(encryption);
  const inner = internals.get(enc);
  if (!inner) {
    throw new FolioError('conflict', 'NOT_ENCRYPTED', `The data folder ${engine.platform.dataDir} is not encrypted: there is no data key to add a key for`);
  }
  const source: KeySource = { id: 'added', label, kind: 'secret', secret: checkSecret(secret, 'key', label) };
  if (await trySource(source, inner.m, engine.platform.secrets)) return { added: false, keySlots: inner.m.slots.map(describeSlot) };
  inner.m.slots.push(await makeSlot(source, inner.m.folderId, inner.key, engine.platform.secrets, engine.platform.now()));
  await writeManifest(inner.dataDir, inner.m);
  return { added: true, keySlots: inner.m.slots.map(describeSlot) };
}
