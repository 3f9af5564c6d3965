import type { Command } from 'commander';
import { resolve } from 'node:path';
import { addKey, encryptionStatus } from '../../engine/crypto';
import { readKeyFile } from '../../engine/crypto/keys';
import { CliExit, print, withEngine, type CliIo } from '../context';

/**
 * `folio encryption status` and `folio encryption add-key --key-file FILE`: IT tools for the data
 * folder's encryption at rest (docs/it.md, section 6). Not in cli.md's table, like `folio policy`.
 * The folder is opened with the usual key sources (FOLIO_KEY, FOLIO_KEY_FILE, the policy's key file).
 */
export function registerEncryption(program: Command, io: CliIo): void {
  const enc = program.command('encryption').description("the data folder's encryption at rest (docs/it.md)");
  enc
    .command('status')
    .description('whether the data folder is encrypted, what can open it, or why it is not encrypted')
    .action(async (_opts, cmd: Command) => {
      const status = await withEngine(cmd, io, (engine) => encryptionStatus(engine));
      print(cmd, io, status, () => {
        if (status.error) return `cannot open: ${status.error}`;
        if (!status.enabled) return `not encrypted (policy: ${status.mode}): ${status.reason ?? ''}`;
        return [
          `encrypted (AES-256-GCM), opened with ${status.unlockedBy}`,
          `statement files: ${status.filesEncrypted ? 'encrypted' : 'written plain (storage.encryptFiles is off)'}`,
          'opens with:',
          ...status.keySlots.map((s) => `  - ${s}`),
        ].join('\n');
      });
      if (status.error) throw new CliExit(1);
    });
  enc
    .command('add-key')
    .description('add a key that also opens this data folder (a recovery key, or CLI access to a folder the app encrypted)')
    .requiredOption('--key-file <file>', 'a file holding the new key: 64 hex characters or a passphrase of 12+ characters')
    .action(async (opts: { keyFile: string }, cmd: Command) => {
      const file = resolve(opts.keyFile);
      const secret = readKeyFile(file, '--key-file');
      const r = await withEngine(cmd, io, (engine) => addKey(engine, secret, `key file ${file}`));
      print(cmd, io, r, () => (r.added ? `added: the key in ${file} now opens this data folder` : `the key in ${file} already opens this data folder`));
    });
}
