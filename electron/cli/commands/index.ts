/**
 * Every `folio` command, one module each (cli.md). Add a module's register function here.
 */
import type { Command } from 'commander';
import type { CliIo } from '../context';
import { registerAudit } from './audit';
import { registerBatch } from './batch';
import { registerConfig } from './config';
import { registerDemo } from './demo';
import { registerDownload } from './download';
import { registerEncryption } from './encryption';
import { registerGenerate } from './generate';
import { registerHistory } from './history';
import { registerImport } from './import';
import { registerInfo } from './info';
import { registerPolicy } from './policy';
import { registerPreview } from './preview';
import { registerSync } from './sync';
import { registerTemplates } from './templates';
import { registerUploads } from './uploads';

export type RegisterCommand = (program: Command, io: CliIo) => void;

export const commandModules: RegisterCommand[] = [registerInfo, registerPreview, registerAudit, registerBatch, registerGenerate, registerHistory, registerDownload, registerUploads, registerImport, registerSync, registerDemo, registerConfig, registerTemplates, registerPolicy, registerEncryption];
