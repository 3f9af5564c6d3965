/**
 * The ESLint rules that keep the layers apart, checked against eslint.config.mjs itself: code that
 * breaks a boundary is reported, the same code where it is allowed is not.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: resolve(__dirname, '..', '..') });

async function restricted(file: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-properties');
}

const cases: Array<[file: string, code: string, refused: boolean]> = [
  ['electron/engine/probe.ts', "import { app } from 'electron';\nexport const a = app;\n", true],
  ['shared/probe.ts', "import electron from 'electron';\nexport const a = electron;\n", true],
  ['electron/cli/probe.ts', "import { shell } from 'electron';\nexport const a = shell;\n", true],
  ['renderer/src/probe.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", true],
  ['renderer/src/probe2.ts', "import { join } from 'path';\nexport const a = join;\n", true],
  ['renderer/src/probe3.tsx', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n", true],
  ['renderer/src/probe4.ts', "import { getCurrentWindow } from '@electron/remote';\nexport const a = getCurrentWindow;\n", true],
  ['electron/main/probe.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n", true],
  ['electron/main/probe2.ts', "import * as e from 'electron';\nexport const a = e.ipcMain;\n", true],
  ['electron/preload/probe.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n", true],
  // the engine's inner layers: never upward (eslint.config.mjs ENGINE_LAYERS)
  ['electron/engine/statements/probe.ts', "import { invoicedItems } from '../ledger/records';\nexport const a = invoicedItems;\n", true],
  ['electron/engine/store/probe.ts', "import { appendAudit } from '../audit/log';\nexport const a = appendAudit;\n", true],
  ['electron/engine/audit/probe.ts', "import { ledgerService } from '../ledger/service';\nexport const a = ledgerService;\n", true],
  ['electron/engine/render/pdf/probe.ts', "import { previewStatement } from '../../usecases/preview';\nexport const a = previewStatement;\n", true],
  ['electron/engine/cache/probe.ts', "import { computeStatement } from '../statements';\nexport const a = computeStatement;\n", true],
  ['electron/engine/usecases/probe.ts', "import { batchRunner } from '../batch/runner';\nexport const a = batchRunner;\n", true],
  ['electron/engine/handlers/probe.ts', "import { createEngine } from '..';\nexport const a = createEngine;\n", true],
  ['electron/engine/engine.ts', "import { ledgerService } from './store/ledger';\nexport const a = ledgerService;\n", true],
  // downward, and type-only upward, are allowed
  ['electron/engine/usecases/probe2.ts', "import { computeStatement } from '../statements';\nexport const a = computeStatement;\n", false],
  ['electron/engine/statements/probe2.ts', "import { cacheVersion } from '../cache/version';\nexport const a = cacheVersion;\n", false],
  ['electron/engine/store/probe2.ts', "import type { Ledger } from '../ledger/service';\nexport type A = Ledger;\n", false],
  ['electron/engine/render/pdf/probe2.ts', "import { resolveTemplate } from '../../templates';\nexport const a = resolveTemplate;\n", false],
  // allowed where they belong
  ['electron/main/ipc.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n", false],
  ['electron/preload/ipc-transport.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n", false],
  ['electron/main/probe3.ts', "import { BrowserWindow } from 'electron';\nexport const a = BrowserWindow;\n", false],
  ['electron/engine/probe2.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", false],
  ['renderer/src/probe5.ts', "import { create } from 'zustand';\nexport const a = create;\n", false],
];

test('layer boundaries are enforced by lint', async () => {
  const wrong: string[] = [];
  for (const [file, code, refused] of cases) {
    if ((await restricted(file, code)) !== refused) wrong.push(`${file}: expected ${refused ? 'refused' : 'allowed'}: ${code.split('\n')[0]}`);
  }
  assert.deepEqual(wrong, []);
});
