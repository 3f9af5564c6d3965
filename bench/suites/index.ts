/** Every benchmark suite, in the order `npm run bench` runs them. Add yours here. */
import { batchSuite } from './batch';
import { cryptoSuite } from './crypto';
import { csvSuite } from './csv';
import { historySuite } from './history';
import { previewSuite } from './preview';
import { importSuite } from './import';
import { renderSuite } from './render';
import type { BenchSuite } from './types';

export const suites: BenchSuite[] = [importSuite, csvSuite, batchSuite, previewSuite, historySuite, renderSuite, cryptoSuite];
