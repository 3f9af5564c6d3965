import type { Command } from 'commander';
import type { AuditEntry } from '../../../shared/contract';
import { CliExit, print, usageError, withEngine, type CliIo } from '../context';

function line(e: AuditEntry): string {
  return `${String(e.seq).padStart(6)}  ${e.at}  ${e.user} (${e.role})  ${e.action}  ${JSON.stringify(e.details)}`;
}

/** `folio audit [--verify] [--limit N]`: prints the audit log (oldest first); --verify checks the hash chain (exit 1 when broken). */
export function registerAudit(program: Command, io: CliIo): void {
  program
    .command('audit')
    .description('print the audit log; --verify checks its hash chain and exits 1 when it is broken')
    .option('--verify', 'check the integrity of the whole log')
    .option('--limit <n>', 'how many of the newest entries to print', '200')
    .action(async (opts: { verify?: boolean; limit: string }, cmd: Command) => {
      if (opts.verify) {
        const verdict = await withEngine(cmd, io, (engine) => engine.call('audit:verify', {}));
        print(cmd, io, verdict, () => (verdict.ok ? `audit log OK: ${verdict.message}` : `audit log BROKEN at entry ${verdict.brokenAt}: ${verdict.message}`));
        if (!verdict.ok) {
          io.err(`folio: the audit log is broken at entry ${verdict.brokenAt}: ${verdict.message}`);
          throw new CliExit(1);
        }
        return;
      }
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10000) throw usageError('--limit', 'must be a whole number from 1 to 10000');
      const page = await withEngine(cmd, io, (engine) => engine.call('audit:list', { offset: 0, limit }));
      const rows = [...page.rows].reverse();
      print(cmd, io, { total: page.total, rows }, () =>
        rows.length ? [`${page.total} entries${page.total > rows.length ? ` (the newest ${rows.length} shown)` : ''}`, ...rows.map(line)].join('\n') : 'the audit log is empty',
      );
    });
}
