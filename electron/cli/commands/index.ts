/**
 * Every `folio` command, one module each (cli.md). Add a module's register function here.
 */
import type { Command } from 'commander';
import type { CliIo } from '../context';
import { registerAudit } from './audit';
import { registerBatch } from './batch';
import { registerInfo } from './info';
import { registerPreview } from './preview';

export type RegisterCommand = (program: Command, io: CliIo) => void;

export const commandModules: RegisterCommand[] = [registerInfo, registerPreview, registerAudit, registerBatch];
