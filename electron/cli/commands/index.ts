/**
 * Every `folio` command, one module each (cli.md). Add a module's register function here.
 */
import type { Command } from 'commander';
import type { CliIo } from '../context';
import { registerAudit } from './audit';
import { registerBatch } from './batch';
import { registerDownload } from './download';
import { registerGenerate } from './generate';
import { registerHistory } from './history';
import { registerInfo } from './info';
import { registerPreview } from './preview';
import { registerUploads } from './uploads';

export type RegisterCommand = (program: Command, io: CliIo) => void;

export const commandModules: RegisterCommand[] = [registerInfo, registerPreview, registerAudit, registerBatch, registerGenerate, registerHistory, registerDownload, registerUploads];
