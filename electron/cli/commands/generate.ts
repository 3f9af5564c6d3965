import type { Command } from 'commander';
import { OUTPUT_FORMATS, type GenerateResult, type OutputFormat } from '../../../shared/contract';
import { CliExit, print, usageError, withEngine, type CliIo } from '../context';
import { addFilterOptions, optionError, requestFromOptions, TYPE_HELP, type FilterOptions } from '../filters';

/** The JSON document of `folio generate --json` (cli.md). */
export function generateJson(r: GenerateResult, file: string | null): Record<string, unknown> {
  return {
    type: r.type,
    ref: r.ref,
    status: r.status,
    file,
    sha256: r.sha256,
    sizeBytes: r.sizeBytes,
    lineCount: r.lineCount,
    totals: r.totals,
    ...(r.payees ? { payees: r.payees } : {}),
    findings: r.findings,
    templateId: r.templateId,
    templateVersion: r.templateVersion,
    templateFallback: r.templateFallback,
    ...(r.error !== undefined ? { error: r.error } : {}),
  };
}

/** `folio generate TYPE FILTERS [--format] [--template ID[@V]] [--out FILE]`: file, ledger record, upload queued. */
export function registerGenerate(program: Command, io: CliIo): void {
  const cmd = program
    .command('generate')
    .description('make one statement: the file, its ledger record, its upload queued')
    .argument('<type>', TYPE_HELP);
  addFilterOptions(cmd)
    .option('--format <format>', 'pdf, html or text', 'pdf')
    .option('--template <id>', 'template id, optionally pinned to a version: ID@VERSION')
    .option('--out <file>', 'also write the checked file here')
    .action(async (type: string, opts: FilterOptions & { format: string; template?: string; out?: string }, command: Command) => {
      const request = requestFromOptions(type, opts);
      if (!(OUTPUT_FORMATS as readonly string[]).includes(opts.format)) throw usageError('--format', `must be one of ${OUTPUT_FORMATS.join(', ')}`);
      if (opts.template !== undefined && !/^[^@\s]+(@\d+)?$/.test(opts.template)) throw usageError('--template', 'must be ID or ID@VERSION');
      const { result, file } = await withEngine(command, io, async (engine) => {
        let r: GenerateResult;
        try {
          r = await engine.call('statement:generate', {
            request,
            format: opts.format as OutputFormat,
            ...(opts.template ? { template: opts.template } : {}),
          });
        } catch (err) {
          throw optionError(err);
        }
        let out = r.file;
        if (r.status === 'COMPLETED' && opts.out) out = (await engine.call('history:export', { ref: r.ref, path: opts.out })).path;
        return { result: r, file: out };
      });
      print(command, io, generateJson(result, file), () =>
        result.status === 'COMPLETED'
          ? [
              `${result.ref} COMPLETED`,
              `file: ${file}`,
              `sha256: ${result.sha256}`,
              `lines: ${result.lineCount}`,
              ...Object.entries(result.totals).map(([c, t]) => `totals ${c}: ${Object.entries(t).map(([k, v]) => `${k} ${v}`).join(', ')}`),
              `template: ${result.templateId}@${result.templateVersion}${result.templateFallback ? ' (fell back to the built-in default)' : ''}`,
              ...result.findings.map((f) => `${f.severity} ${f.code}: ${f.message}`),
            ].join('\n')
          : [`${result.ref} FAILED: ${result.error ?? 'unknown error'}`, ...result.findings.map((f) => `${f.severity} ${f.code}: ${f.message}`)].join('\n'),
      );
      if (result.status !== 'COMPLETED') {
        io.err(`folio: ${result.ref} FAILED: ${result.error ?? 'unknown error'}`);
        throw new CliExit(1);
      }
    });
}
