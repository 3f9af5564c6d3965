/**
 * The `folio` program: global options and every command module. `run(argv, io)` is what the
 * bin calls and what tests call in-process; it returns the exit code instead of exiting.
 */
import { Command, CommanderError } from 'commander';
import { commandModules } from './commands';
import { CliExit, processIo, reportError, type CliIo } from './context';

export function buildProgram(io: CliIo): Command {
  const program = new Command('folio')
    .description('Folio: offline financial statements (the same engine and data folder as the desktop app)')
    .option('--data-dir <dir>', 'data folder (default: $FOLIO_DATA_DIR, else the desktop app\'s folder)')
    .option('--json', 'machine-readable output: one JSON document on stdout')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const register of commandModules) register(program, io);
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CliExit) return err.code;
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return 0;
      return 2; // bad usage: commander already printed the message naming the option
    }
    return reportError(io, err, argv.includes('--json'));
  }
}
