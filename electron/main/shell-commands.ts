/**
 * The contract's shell commands, done natively by main: a folder picker, a file picker (CSV/XLSX
 * to import), a save dialog (exports), "save a copy" (a save
 * dialog, then the engine writes the checked file there) and "show in folder".
 */
import { dialog, shell, type BrowserWindow } from 'electron';
import { commands, type Reply, type ShellCommandName, type StatementRecord } from '../../shared/contract';
import { FolioError } from '../../shared/errors';
import { isSealedFile } from '../engine/crypto/aead';
import { parseInput } from '../engine/engine';

type EngineCall = (name: string, input: unknown) => Promise<Reply>;

async function engineValue<T>(call: EngineCall, name: string, input: unknown): Promise<T> {
  const reply = await call(name, input);
  if (!reply.ok) throw FolioError.from(reply.error);
  return reply.value as T;
}

export async function runShellCommand(name: ShellCommandName, rawInput: unknown, win: BrowserWindow | null, engine: EngineCall): Promise<unknown> {
  const input = parseInput(commands[name].input, rawInput ?? {}) as Record<string, string> & { extensions?: string[] };
  switch (name) {
    case 'shell:chooseFolder': {
      const opts = { title: input.title ?? 'Choose a folder', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return { path: r.canceled ? null : (r.filePaths[0] ?? null) };
    }
    case 'shell:chooseFile': {
      const extensions = input.extensions ?? ['csv', 'xlsx'];
      const opts = {
        title: input.title ?? 'Choose a file',
        properties: ['openFile'] as Array<'openFile'>,
        filters: [
          { name: `Spreadsheets (${extensions.map((e) => `.${e}`).join(', ')})`, extensions },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return { path: r.canceled ? null : (r.filePaths[0] ?? null) };
    }
    case 'shell:chooseSavePath': {
      const extensions = input.extensions ?? [];
      const opts = { title: input.title ?? 'Save as', defaultPath: input.defaultName, filters: [{ name: extensions.map((e) => e.toUpperCase()).join(', '), extensions }] };
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      return { path: r.canceled || !r.filePath ? null : r.filePath };
    }
    case 'shell:saveCopy': {
      const record = await engineValue<StatementRecord>(engine, 'history:get', { ref: input.ref });
      const opts = { title: 'Save a copy', defaultPath: record.fileName ?? `${record.statementRef}.pdf` };
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      if (r.canceled || !r.filePath) return { path: null };
      const out = await engineValue<{ path: string }>(engine, 'history:export', { ref: input.ref, path: r.filePath });
      return { path: out.path };
    }
    case 'shell:showInFolder': {
      const record = await engineValue<StatementRecord>(engine, 'history:get', { ref: input.ref });
      if (!record.filePath) return { shown: false };
      if (isSealedFile(record.filePath)) {
        // "show in folder" is for unencrypted stores only: the file there cannot be opened outside Folio
        throw new FolioError('conflict', 'FILE_ENCRYPTED', 'This statement file is encrypted at rest; use "Save a copy…" to get a readable PDF');
      }
      shell.showItemInFolder(record.filePath);
      return { shown: true };
    }
  }
}
