import type { Command } from 'commander';
import { resolve } from 'node:path';
import { defaultPolicyFiles, safeOsUser } from '../../engine/platform';
import { readPolicy } from '../../engine/settings/policy';
import { CliExit, print, type CliIo } from '../context';

/**
 * `folio policy check [FILE]`: validates an IT policy file before it is deployed (or the machine's
 * own policy file), and shows what it manages for this account. Exit 2 when the file is invalid.
 * Not in cli.md's table: an IT tool beside the user commands (docs/it.md, "The policy file").
 */
export function registerPolicy(program: Command, io: CliIo): void {
  const policy = program.command('policy').description("IT's machine policy file (docs/it.md)");
  policy
    .command('check [file]')
    .description("validate a policy file (default: this machine's) and show what it manages")
    .option('--account <name>', 'the OS account to resolve roles for (default: the current one)')
    .action((file: string | undefined, opts: { account?: string }, cmd: Command) => {
      const files = file ? [resolve(file)] : defaultPolicyFiles(io.env);
      const account = opts.account ?? safeOsUser();
      const p = readPolicy(files, account);
      const result = {
        file: p.file,
        valid: p.error === null,
        error: p.error,
        account,
        managed: p.locked,
        settings: p.settings,
        templates: p.templatesDir,
        encryption: p.encryption,
      };
      print(cmd, io, result, () => {
        if (!p.file) return `no policy file at ${files.join(', ')}: nothing is managed`;
        if (p.error) return `INVALID ${p.error}`;
        return [
          `valid: ${p.file}`,
          `managed settings: ${p.locked.length ? p.locked.join(', ') : '(none)'}`,
          ...Object.entries(p.settings).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`),
          `role for ${account}: ${p.settings['user.role'] ?? '(the user setting)'}`,
          `templates: ${p.templatesDir ?? '(built-in)'}`,
          `encryption: ${p.encryption.mode}${p.encryption.keyFile ? `, key file ${p.encryption.keyFile}` : ''}`,
        ].join('\n');
      });
      if (p.error) {
        if (!cmd.optsWithGlobals<{ json?: boolean }>().json) io.err(`folio: ${p.error}`);
        throw new CliExit(2);
      }
    });
}
