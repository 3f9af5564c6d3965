import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TemplateSummary, TemplateVersion } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { writeFileDurable } from '../../engine/fs/durable';
import { print, usageError, withEngine, type CliIo } from '../context';

/**
 * `folio templates list|show|import|export|rollback`: templates for IT's scripts, on the same
 * `templates:*` commands as the Templates screen (the same checks, roles and audit entries).
 * An exported file is `{ folioTemplate: 1, id, version, createdBy, createdAt, body }`; import takes
 * that file or a bare template body and saves it as a new version (made current).
 */

export const TEMPLATE_FILE_FORMAT = 1;

function scope(t: TemplateSummary): string {
  if (t.builtIn) return `the ${t.statementType} default`;
  if (t.clientId) return `client ${t.clientId}${t.contractType ? `, ${t.contractType}` : ''}`;
  if (t.contractType) return `contract type ${t.contractType}`;
  return 'used when pinned';
}

function listText(rows: TemplateSummary[]): string {
  const w = Math.max(...rows.map((r) => r.id.length));
  return rows
    .map((r) => `${r.id.padEnd(w)}  ${r.statementType.padEnd(10)}  v${r.currentVersion} of ${r.latestVersion}  ${r.name}  (${scope(r)})`)
    .join('\n');
}

function versionLine(v: TemplateVersion): string {
  return `${v.current ? '*' : ' '} v${v.version}  ${v.createdAt}  ${v.createdBy}  ${v.body.name}`;
}

/** `ID` or `ID@N` → the id and the version wanted (undefined = the current one). */
function parseRef(ref: string): { id: string; version: number | undefined } {
  const at = ref.lastIndexOf('@');
  if (at < 0) return { id: ref, version: undefined };
  const v = ref.slice(at + 1);
  if (!/^[1-9]\d*$/.test(v)) throw usageError('<id>', `"${ref}" must be an id or id@version (version a positive whole number)`);
  return { id: ref.slice(0, at), version: Number(v) };
}

function pick(versions: TemplateVersion[], id: string, version: number | undefined): TemplateVersion {
  const v = version === undefined ? versions.find((x) => x.current) : versions.find((x) => x.version === version);
  if (!v) throw new FolioError('not_found', 'TEMPLATE_VERSION_NOT_FOUND', `template ${id} has no version ${version} (versions: ${versions.map((x) => x.version).join(', ')})`, 'version');
  return v;
}

/** A template file's contents: the id it names (if any) and the body to save. */
export function readTemplateFile(file: string): { id: string | undefined; body: unknown } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw usageError('<file>', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw usageError('<file>', `${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw usageError('<file>', `${file} must hold a JSON object (a template body or an exported template)`);
  const o = json as Record<string, unknown>;
  if ('folioTemplate' in o) {
    if (o.folioTemplate !== TEMPLATE_FILE_FORMAT) throw usageError('<file>', `${file}: folioTemplate ${JSON.stringify(o.folioTemplate)} is not a format this Folio reads (${TEMPLATE_FILE_FORMAT})`);
    return { id: typeof o.id === 'string' ? o.id : undefined, body: o.body };
  }
  return { id: undefined, body: o };
}

function registerList(t: Command, io: CliIo): void {
  t.command('list')
    .description('every template: the type defaults and the saved ones, with current and latest version')
    .action(async (_o: unknown, cmd: Command) => {
      const rows = await withEngine(cmd, io, (engine) => engine.call('templates:list', {}));
      print(cmd, io, rows, () => listText(rows));
    });
}

function registerShow(t: Command, io: CliIo): void {
  t.command('show')
    .description("a template's versions, the current one marked *")
    .argument('<id>', 'the template id, e.g. default-invoice')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const versions = await withEngine(cmd, io, (engine) => engine.call('templates:versions', { id }));
      const current = versions.find((v) => v.current)?.version ?? null;
      print(cmd, io, { id, currentVersion: current, versions }, () => [`${id}: current version ${current ?? '-'}`, ...versions.map(versionLine)].join('\n'));
    });
}

function registerImport(t: Command, io: CliIo): void {
  t.command('import')
    .description('save a template file (exported, or a bare template body) as a new version, made current')
    .argument('<file>', 'the JSON file')
    .option('--id <id>', "the template id (default: the id in an exported file)")
    .action(async (file: string, o: { id?: string }, cmd: Command) => {
      const read = readTemplateFile(resolve(file));
      const id = o.id ?? read.id;
      if (!id) throw usageError('--id', `${file} names no template id: pass --id`);
      const saved = await withEngine(cmd, io, (engine) => engine.call('templates:save', { id, body: read.body as never }));
      print(cmd, io, saved, () => `${saved.id}: saved version ${saved.version} (now current) from ${file}`);
    });
}

function registerExport(t: Command, io: CliIo): void {
  t.command('export')
    .description('write a template version (default: the current one) to a file, or to stdout without --out')
    .argument('<id>', 'the template id, or id@version')
    .option('--out <file>', 'where to write it')
    .action(async (ref: string, o: { out?: string }, cmd: Command) => {
      const { id, version } = parseRef(ref);
      const versions = await withEngine(cmd, io, (engine) => engine.call('templates:versions', { id }));
      const v = pick(versions, id, version);
      const doc = { folioTemplate: TEMPLATE_FILE_FORMAT, id: v.id, version: v.version, createdBy: v.createdBy, createdAt: v.createdAt, body: v.body };
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      if (!o.out) {
        io.out(text);
        return;
      }
      const out = resolve(o.out);
      await writeFileDurable(out, text);
      print(cmd, io, { id: v.id, version: v.version, file: out }, () => `${v.id}@${v.version}: wrote ${out}`);
    });
}

function registerRollback(t: Command, io: CliIo): void {
  t.command('rollback')
    .description('make an earlier version of a template current again (a later save adds a new version)')
    .argument('<id>', 'the template id')
    .argument('<version>', 'the version to make current')
    .action(async (id: string, versionText: string, _o: unknown, cmd: Command) => {
      if (!/^[1-9]\d*$/.test(versionText)) throw usageError('<version>', `must be a positive whole number (got ${JSON.stringify(versionText)})`);
      const v = await withEngine(cmd, io, (engine) => engine.call('templates:rollback', { id, version: Number(versionText) }));
      print(cmd, io, v, () => `${v.id}: version ${v.version} is current`);
    });
}

export function registerTemplates(program: Command, io: CliIo): void {
  const t = program.command('templates').description('statement templates for scripts: list, show, import, export, rollback');
  registerList(t, io);
  registerShow(t, io);
  registerImport(t, io);
  registerExport(t, io);
  registerRollback(t, io);
}
