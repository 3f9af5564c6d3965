/**
 * `folio import FILE.csv|xlsx --entity NAME [--mapping FILE] [--sheet NAME] [--numbers F] [--dates F]`:
 * the Data screen's wizard without the screens. The mapping is the file given (the JSON the
 * wizard saves: `{"columns": {field: header}, "numberFormat", "dateFormat"}`), else the one saved
 * for a file with these columns, else matched by header name; --numbers/--dates override it.
 * The rejected rows are printed with their row numbers and reasons (the first 1,000; all are
 * quarantined).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DATE_FORMATS, ENTITIES, NUMBER_FORMATS, tabularMapping, type Entity, type TabularMapping, type TabularResult } from '../../../shared/contract';
import { autoMapping } from '../../../shared/tabular-match';
import type { Engine } from '../../engine';
import { print, usageError } from '../context';
import type { CliIo } from '../context';

export interface TabularOptions {
  entity?: string;
  mapping?: string;
  sheet?: string;
  numbers?: string;
  dates?: string;
}

function mappingFromFile(file: string): TabularMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw usageError('--mapping', `${file} is not a readable JSON file (${(err as Error).message})`);
  }
  const r = tabularMapping.safeParse(json);
  if (!r.success) throw usageError('--mapping', `${file}: ${r.error.issues[0]?.path.join('.') || 'mapping'} ${r.error.issues[0]?.message ?? 'is not a mapping'}`);
  return r.data;
}

async function chooseMapping(engine: Engine, path: string, entity: Entity, opts: TabularOptions): Promise<TabularMapping> {
  const sheet = opts.sheet ? { sheet: opts.sheet } : {};
  const inspect = await engine.call('tabular:inspect', { path, ...sheet });
  let mapping: TabularMapping;
  if (opts.mapping) mapping = mappingFromFile(opts.mapping);
  else {
    const saved = (await engine.call('tabular:mappings', { path, entity, ...sheet })).mapping;
    mapping = saved ? { columns: saved.columns, numberFormat: saved.numberFormat, dateFormat: saved.dateFormat } : { columns: autoMapping(inspect.entities[entity], inspect.headers), numberFormat: 'point', dateFormat: 'YYYY-MM-DD' };
  }
  if (opts.numbers) {
    if (!(NUMBER_FORMATS as readonly string[]).includes(opts.numbers)) throw usageError('--numbers', `must be one of ${NUMBER_FORMATS.join(', ')} (1,234.56 / 1.234,56 / 1 234,56)`);
    mapping.numberFormat = opts.numbers as TabularMapping['numberFormat'];
  }
  if (opts.dates) {
    if (!(DATE_FORMATS as readonly string[]).includes(opts.dates)) throw usageError('--dates', `must be one of ${DATE_FORMATS.join(', ')}`);
    mapping.dateFormat = opts.dates as TabularMapping['dateFormat'];
  }
  const columns = Object.fromEntries(Object.entries(mapping.columns).filter(([, c]) => c));
  const missing = inspect.entities[entity].filter((f) => f.required && !columns[f.name]).map((f) => f.name);
  if (missing.length) throw usageError('--mapping', `no column for the required field${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${entity} (the file's columns: ${inspect.headers.join(', ')})`);
  return { ...mapping, columns };
}

export async function importTabular(engine: Engine, cmd: Command, io: CliIo, file: string, opts: TabularOptions): Promise<void> {
  if (!opts.entity) throw usageError('--entity', `is required for a CSV or XLSX file: one of ${ENTITIES.join(', ')}`);
  if (!(ENTITIES as readonly string[]).includes(opts.entity)) throw usageError('--entity', `must be one of ${ENTITIES.join(', ')}`);
  const entity = opts.entity as Entity;
  const path = resolve(file);
  const mapping = await chooseMapping(engine, path, entity, opts);
  const sheet = opts.sheet ? { sheet: opts.sheet } : {};
  const check = await engine.call('tabular:preview', { path, entity, mapping, ...sheet });
  const result = await engine.call('tabular:import', { path, entity, mapping, ...sheet });
  const rejected = result.status === 'applied' ? check.rejected : [];
  const rejectedTotal = result.status === 'applied' ? check.rejectedTotal : 0;
  print(cmd, io, { ...result, mapping, rejected, rejectedTotal }, () => tabularText(result, rejected, rejectedTotal));
}

function tabularText(r: TabularResult, rejected: Array<{ row: number; reason: string }>, rejectedTotal: number): string {
  const out = [`${r.status.toUpperCase()} ${r.sourceKey}`];
  for (const w of r.warnings) out.push(`  warning: ${w}`);
  if (rejected.length) {
    out.push('', 'rejected rows (quarantined):');
    for (const x of rejected) out.push(`  row ${x.row}: ${x.reason}`);
    if (rejectedTotal > rejected.length) out.push(`  … and ${(rejectedTotal - rejected.length).toLocaleString('en-US')} more (the first ${rejected.length.toLocaleString('en-US')} of ${rejectedTotal.toLocaleString('en-US')} shown; all are quarantined)`);
  }
  out.push('', `total: ${r.applied} applied, ${r.skipped} skipped, ${r.quarantined} quarantined in ${(r.durationMs / 1000).toFixed(1)} s`);
  return out.join('\n');
}
