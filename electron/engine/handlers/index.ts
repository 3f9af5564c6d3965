/**
 * The handler registry: every engine command of the contract, exactly once. A missing handler
 * fails the typecheck (`satisfies HandlerTable`); a duplicate across domains fails a test.
 */
import type { HandlerTable } from '../engine';
import { appHandlers } from './app';
import { batchHandlers } from './batch';
import { dataHandlers } from './data';
import { exportHandlers } from './exports';
import { ledgerHandlers } from './ledger';
import { settingsHandlers } from './settings';
import { statementHandlers } from './statements';
import { tabularHandlers } from './tabular';
import { templateHandlers } from './templates';

export const domainHandlers = {
  app: appHandlers,
  data: dataHandlers,
  tabular: tabularHandlers,
  statements: statementHandlers,
  ledger: ledgerHandlers,
  templates: templateHandlers,
  batch: batchHandlers,
  settings: settingsHandlers,
  exports: exportHandlers,
} as const;

export const handlers = {
  ...appHandlers,
  ...dataHandlers,
  ...tabularHandlers,
  ...statementHandlers,
  ...ledgerHandlers,
  ...templateHandlers,
  ...batchHandlers,
  ...settingsHandlers,
  ...exportHandlers,
} satisfies HandlerTable;
