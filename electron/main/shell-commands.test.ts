/**
 * Main's shell commands with stand-in dialogs and a recording engine: the folder picker, "save a
 * copy" (history:get → save dialog → history:export to the chosen path), cancelling, bad input
 * named by field, and engine errors passed on as FolioErrors.
 */
import assert from 'node:assert/strict';
import Module, { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Reply } from '../../shared/contract';
import { FolioError } from '../../shared/errors';

let openResult: { canceled: boolean; filePaths: string[] } = { canceled: false, filePaths: [] };
let saveResult: { canceled: boolean; filePath?: string } = { canceled: true };
const dialogCalls: unknown[] = [];
const electron = {
  dialog: {
    showOpenDialog: async (...args: unknown[]) => (dialogCalls.push(['open', ...args]), openResult),
    showSaveDialog: async (...args: unknown[]) => (dialogCalls.push(['save', ...args]), saveResult),
  },
  shell: { showItemInFolder: () => undefined },
};

describe('shell commands (main)', () => {
  const load = (Module as unknown as { _load: (r: string, ...rest: unknown[]) => unknown })._load;
  let run: typeof import('./shell-commands').runShellCommand;
  const calls: Array<[string, unknown]> = [];
  const engine = async (name: string, input: unknown): Promise<Reply> => {
    calls.push([name, input]);
    if (name === 'history:get') {
      const ref = (input as { ref: string }).ref;
      if (ref === 'CS-MISSING') return { ok: false, error: { type: 'not_found', code: 'STATEMENT_NOT_FOUND', message: 'no such statement', field: 'ref' } };
      return { ok: true, value: { statementRef: ref, fileName: `${ref}.pdf`, filePath: `/store/${ref}.pdf` } };
    }
    if (name === 'history:export') return { ok: true, value: { path: (input as { path: string }).path, source: 'local', sha256: 'x' } };
    return { ok: false, error: { type: 'internal', code: 'UNEXPECTED', message: name } };
  };

  before(() => {
    (Module as unknown as { _load: unknown })._load = function (req: string, ...rest: unknown[]) {
      if (req === 'electron') return electron;
      return load.call(this, req, ...rest);
    };
    run = (createRequire(__filename)('./shell-commands') as typeof import('./shell-commands')).runShellCommand;
  });
  after(() => {
    (Module as unknown as { _load: unknown })._load = load;
  });

  test('choose a folder: the picked path, or null when cancelled', async () => {
    openResult = { canceled: false, filePaths: ['/home/acc/bundles'] };
    assert.deepEqual(await run('shell:chooseFolder', { title: 'Bundle folder' }, null, engine), { path: '/home/acc/bundles' });
    openResult = { canceled: true, filePaths: [] };
    assert.deepEqual(await run('shell:chooseFolder', {}, null, engine), { path: null });
  });

  test('choose a file: an open-file dialog filtered to csv/xlsx (or the extensions asked); the path, or null when cancelled', async () => {
    openResult = { canceled: false, filePaths: ['/home/acc/export.xlsx'] };
    assert.deepEqual(await run('shell:chooseFile', { title: 'File to import' }, null, engine), { path: '/home/acc/export.xlsx' });
    const [kind, opts] = dialogCalls.at(-1) as [string, { title: string; properties: string[]; filters: Array<{ extensions: string[] }> }];
    assert.equal(kind, 'open');
    assert.equal(opts.title, 'File to import');
    assert.deepEqual(opts.properties, ['openFile']);
    assert.deepEqual(opts.filters[0]!.extensions, ['csv', 'xlsx']);
    await run('shell:chooseFile', { extensions: ['csv'] }, null, engine);
    assert.deepEqual((dialogCalls.at(-1) as [string, { filters: Array<{ extensions: string[] }> }])[1].filters[0]!.extensions, ['csv']);
    openResult = { canceled: true, filePaths: [] };
    assert.deepEqual(await run('shell:chooseFile', {}, null, engine), { path: null });
    await assert.rejects(run('shell:chooseFile', { extensions: ['.csv'] }, null, engine), (e: FolioError) => e.type === 'validation');
  });

  test('save dialog for exports: the default name and the extension filter; cancelled is null', async () => {
    calls.length = 0;
    saveResult = { canceled: false, filePath: '/home/acc/aging.xlsx' };
    assert.deepEqual(await run('shell:chooseSavePath', { title: 'Export to Excel', defaultName: 'preview-ar-aging.xlsx', extensions: ['xlsx'] }, null, engine), { path: '/home/acc/aging.xlsx' });
    const [kind, opts] = dialogCalls.at(-1) as [string, { title: string; defaultPath: string; filters: Array<{ extensions: string[] }> }];
    assert.equal(kind, 'save');
    assert.equal(opts.title, 'Export to Excel');
    assert.equal(opts.defaultPath, 'preview-ar-aging.xlsx');
    assert.deepEqual(opts.filters[0]!.extensions, ['xlsx']);
    assert.deepEqual(calls, [], 'the engine is not asked: the page exports to the path');
    saveResult = { canceled: true };
    assert.deepEqual(await run('shell:chooseSavePath', { defaultName: 'x.csv', extensions: ['csv'] }, null, engine), { path: null });
    await assert.rejects(run('shell:chooseSavePath', { extensions: ['csv'] }, null, engine), (e: FolioError) => e.field === 'defaultName');
  });

  test('save a copy: the engine writes the checked file where the user chose', async () => {
    calls.length = 0;
    saveResult = { canceled: false, filePath: '/home/acc/Desktop/copy.pdf' };
    assert.deepEqual(await run('shell:saveCopy', { ref: 'CS-20260101-0001' }, null, engine), { path: '/home/acc/Desktop/copy.pdf' });
    assert.deepEqual(calls, [
      ['history:get', { ref: 'CS-20260101-0001' }],
      ['history:export', { ref: 'CS-20260101-0001', path: '/home/acc/Desktop/copy.pdf' }],
    ]);
    const last = dialogCalls.at(-1) as [string, { defaultPath: string }];
    assert.equal(last[1].defaultPath, 'CS-20260101-0001.pdf');
  });

  test('save a copy cancelled: nothing is exported', async () => {
    calls.length = 0;
    saveResult = { canceled: true };
    assert.deepEqual(await run('shell:saveCopy', { ref: 'CS-1' }, null, engine), { path: null });
    assert.deepEqual(calls.map((c) => c[0]), ['history:get']);
  });

  test('bad input names the field; engine errors come through as FolioErrors', async () => {
    await assert.rejects(run('shell:saveCopy', {}, null, engine), (e: FolioError) => e instanceof FolioError && e.field === 'ref');
    await assert.rejects(run('shell:chooseFolder', { title: 'x', extra: 1 }, null, engine), (e: FolioError) => e.type === 'validation');
    await assert.rejects(run('shell:saveCopy', { ref: 'CS-MISSING' }, null, engine), (e: FolioError) => e.code === 'STATEMENT_NOT_FOUND');
  });
});
