/**
 * Column mappings saved per source, so next month's export of the same system maps itself: keyed
 * by the entity and the file's header row (the same columns, whatever the file is called), in
 * `import-mappings.json` in the data folder, written durably (temp file, fsync, rename).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entity, TabularMapping, TabularSavedMapping } from '../../../shared/contract';
import type { Engine } from '../engine';
import { writeFileDurable } from '../fs/durable';

interface MappingFile {
  version: 1;
  mappings: Record<string, TabularSavedMapping>;
}

function fileOf(engine: Engine): string {
  return join(engine.platform.dataDir, 'import-mappings.json');
}

/** "Client ID" and "client_id " read the same */
function norm(h: string): string {
  return h.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

export function sourceSignature(entity: Entity, headers: string[]): string {
  return `${entity}|${headers.map(norm).join('\u001f')}`;
}

function load(engine: Engine): MappingFile {
  const file = fileOf(engine);
  if (!existsSync(file)) return { version: 1, mappings: {} };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as MappingFile;
    return parsed && parsed.version === 1 && typeof parsed.mappings === 'object' ? parsed : { version: 1, mappings: {} };
  } catch {
    // an unreadable file loses only the convenience of a pre-filled mapping: start afresh
    return { version: 1, mappings: {} };
  }
}

export function savedMapping(engine: Engine, entity: Entity, headers: string[]): TabularSavedMapping | null {
  const m = load(engine).mappings[sourceSignature(entity, headers)];
  if (!m) return null;
  // a saved column that this file no longer has is left out
  const columns = Object.fromEntries(Object.entries(m.columns).filter(([, c]) => headers.includes(c)));
  return { ...m, columns };
}

export async function saveMapping(engine: Engine, entity: Entity, headers: string[], path: string, mapping: TabularMapping): Promise<void> {
  const all = load(engine);
  all.mappings[sourceSignature(entity, headers)] = { ...mapping, entity, path, savedAt: engine.platform.now().toISOString() };
  await writeFileDurable(fileOf(engine), JSON.stringify(all, null, 2));
}
