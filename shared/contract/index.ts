/**
 * The contract, defined once. Every transport derives from this table: the preload's
 * `window.folio`, the main-process forwarding, the engine's handler registry, the engine host
 * and the browser bridge. Commands are named `domain:verb`.
 */
import type { z } from 'zod';
import { appCommands } from './app';
import { batchCommands } from './batch';
import { dataCommands } from './data';
import { exportCommands } from './exports';
import { ledgerCommands } from './ledger';
import { settingsCommands } from './settings';
import { shellCommands } from './shell';
import { statementCommands } from './statements';
import { tabularCommands } from './tabular';
import { templateCommands } from './templates';
import type { CommandHost, CommandSpec } from './define';

export const commands = {
  ...appCommands,
  ...dataCommands,
  ...tabularCommands,
  ...statementCommands,
  ...ledgerCommands,
  ...templateCommands,
  ...batchCommands,
  ...settingsCommands,
  ...shellCommands,
  ...exportCommands,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
type SpecOf<K extends CommandName> = Commands[K] extends CommandSpec<infer I, infer O, CommandHost> ? { i: I; o: O } : never;
/** What a caller passes (defaults may be omitted). */
export type Input<K extends CommandName> = z.input<SpecOf<K>['i']>;
/** What a handler receives, after the schema filled in defaults. */
export type ParsedInput<K extends CommandName> = z.output<SpecOf<K>['i']>;
export type Output<K extends CommandName> = SpecOf<K>['o'];

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export type EngineCommandName = {
  [K in CommandName]: Commands[K]['host'] extends 'engine' ? K : never;
}[CommandName];
export type ShellCommandName = Exclude<CommandName, EngineCommandName>;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}

/** The wire shapes, the same on every transport. */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: import('../errors').FolioErrorData };

export * from './define';
export * from './events';
export type * from './app';
export * from './data';
export * from './tabular';
export * from './statements';
export * from './ledger';
export * from './templates';
export * from './batch';
export * from './settings';
export * from './shell';
export * from './exports';
