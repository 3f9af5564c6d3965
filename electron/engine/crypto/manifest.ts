/**
 * `encryption.json` in the data folder: records that the folder is encrypted, its id (bound into
 * every sealed file) and its data key wrapped once per key source ("slots"). No manifest means the
 * folder is stored plain. The data key itself is never written in clear.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FolioError } from '../../../shared/errors';
import { writeFileDurable } from '../fs/durable';
import { deriveKek, newKdf, unwrapKey, wrapKey, KEY_BYTES } from './aead';
import type { KeySource } from './keys';
import type { SecretStore } from '../platform';
import { randomBytes } from 'node:crypto';

export const MANIFEST_FILE = 'encryption.json';
export const MANIFEST_VERSION = 1;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(200);
const wrapped = { iv: b64, tag: b64, wrapped: b64, addedAt: z.string().max(40), label: z.string().max(500) };
const kdfSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('hkdf-sha256'), salt: b64 }).strict(),
  z
    .object({ name: z.literal('scrypt'), salt: b64, N: z.number().int().min(1024).max(2 ** 22), r: z.number().int().min(1).max(32), p: z.number().int().min(1).max(16) })
    .strict(),
]);
const slotSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('os-store'), secret: z.string().min(1).max(200), ...wrapped }).strict(),
  z.object({ source: z.literal('key'), kdf: kdfSchema, ...wrapped }).strict(),
]);
export type Slot = z.infer<typeof slotSchema>;

export const manifestSchema = z
  .object({
    format: z.literal('folio-encryption'),
    version: z.literal(MANIFEST_VERSION),
    folderId: z.string().regex(/^[0-9a-f]{32}$/),
    algorithm: z.literal('AES-256-GCM'),
    /** migrating: files are being sealed (resumed at the next start); encrypted: all sealed */
    state: z.enum(['migrating', 'encrypted']),
    createdAt: z.string().max(40),
    slots: z.array(slotSchema).min(1).max(32),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

export function manifestPath(dataDir: string): string {
  return join(dataDir, MANIFEST_FILE);
}

export function readManifest(dataDir: string): Manifest | null {
  const file = manifestPath(dataDir);
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new FolioError('integrity', 'MANIFEST_UNREADABLE', `${file} is damaged (${(err as Error).message}); the encrypted data folder cannot be opened without it`);
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > MANIFEST_VERSION) {
    throw new FolioError('conflict', 'MANIFEST_FROM_NEWER_APP', `${file} was written by a newer version of Folio (format ${version}); update Folio to open this data folder`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FolioError('integrity', 'MANIFEST_INVALID', `${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}

export async function writeManifest(dataDir: string, m: Manifest): Promise<void> {
  await writeFileDurable(manifestPath(dataDir), JSON.stringify(m, null, 2) + '\n');
}

const wrapContext = (folderId: string) => `folio data key|${folderId}`;
export const osSecretName = (folderId: string) => `folio-data-key-${folderId}`;

/** A new slot holding `dataKey` for `source` (creates the OS-store key when needed). */
export async function makeSlot(source: KeySource, folderId: string, dataKey: Uint8Array, secrets: SecretStore, now: Date): Promise<Slot> {
  const addedAt = now.toISOString();
  if (source.kind === 'os-store') {
    const secret = osSecretName(folderId);
    let kekB64 = await secrets.get(secret);
    if (!kekB64 || Buffer.from(kekB64, 'base64').length !== KEY_BYTES) {
      kekB64 = randomBytes(KEY_BYTES).toString('base64');
      await secrets.set(secret, kekB64);
    }
    return { source: 'os-store', secret, label: source.label, addedAt, ...wrapKey(Buffer.from(kekB64, 'base64'), dataKey, wrapContext(folderId)) };
  }
  const kdf = newKdf(source.secret!);
  const kek = await deriveKek(source.secret!, kdf);
  return { source: 'key', kdf, label: source.label, addedAt, ...wrapKey(kek, dataKey, wrapContext(folderId)) };
}

/** Tries `source` on every slot it could open; the data key, or null. */
export async function trySource(source: KeySource, m: Manifest, secrets: SecretStore): Promise<Buffer | null> {
  for (const slot of m.slots) {
    if (source.kind === 'os-store' && slot.source === 'os-store') {
      const kekB64 = await secrets.get(slot.secret);
      if (!kekB64) continue;
      const key = unwrapKey(Buffer.from(kekB64, 'base64'), slot, wrapContext(m.folderId));
      if (key) return key;
    } else if (source.kind === 'secret' && slot.source === 'key') {
      const key = unwrapKey(await deriveKek(source.secret!, slot.kdf), slot, wrapContext(m.folderId));
      if (key) return key;
    }
  }
  return null;
}

/** Describes a slot for people (never the key). */
export function describeSlot(slot: Slot): string {
  return slot.source === 'os-store'
    ? `the OS key store of the user and computer that added it (${slot.addedAt.slice(0, 10)})`
    : `${slot.kdf.name === 'scrypt' ? 'a passphrase' : 'a key'} (${slot.label}, added ${slot.addedAt.slice(0, 10)})`;
}
