import type { Command } from 'commander';
import { print, withEngine, type CliIo } from '../context';

/** `folio info`: version, data folder, cache and ledger state (the engine's app:info). */
export function registerInfo(program: Command, io: CliIo): void {
  program
    .command('info')
    .description('show the version, the data folder and the state of the cache and ledger')
    .action(async (_opts, cmd: Command) => {
      const info = await withEngine(cmd, io, (engine) => engine.call('app:info', {}));
      print(cmd, io, info, () =>
        [
          `Folio ${info.version} (engine ${info.engineVersion})`,
          `data folder: ${info.dataDir}`,
          `user: ${info.user} (${info.role})`,
          `cache: ${info.cache.file} schema ${info.cache.schemaVersion}${info.cache.empty ? ' (empty)' : ''}`,
          `ledger: ${info.ledger.file} schema ${info.ledger.schemaVersion}, ${info.ledger.statements} statements`,
        ].join('\n'),
      );
    });
}
