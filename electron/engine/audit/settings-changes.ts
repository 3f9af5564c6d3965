/**
 * What the audit log records about a settings change (issue 15 item 6): the key and its value
 * before and after for ordinary settings; for S3 credentials only that they were set, replaced or
 * cleared and the last 4 characters of the access key id, never the secret.
 */
import type { SettingChange } from '../settings/service';

export interface StoredCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** `…ABCD`: the most of an access key id the log ever holds. */
export function keyIdHint(accessKeyId: string): string {
  return accessKeyId.length > 4 ? `…${accessKeyId.slice(-4)}` : '…';
}

export function settingSetDetails(change: SettingChange): Record<string, unknown> {
  const changed = JSON.stringify(change.from) !== JSON.stringify(change.to);
  return { op: 'set', key: change.key, from: change.from, to: change.to, changed };
}

/** A refused change: the key and why, never the value offered (it may be anything). */
export function settingRefusedDetails(key: string, code: string): Record<string, unknown> {
  return { op: 'set', key: key.slice(0, 100), refused: code };
}

export function credentialsSetDetails(accessKeyId: string, replaced: boolean): Record<string, unknown> {
  return { op: 'setCredentials', credentials: replaced ? 'replaced' : 'set', accessKeyId: keyIdHint(accessKeyId) };
}

export function credentialsClearedDetails(had: boolean): Record<string, unknown> {
  return { op: 'clearCredentials', credentials: had ? 'cleared' : 'none stored' };
}
