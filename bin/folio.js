#!/usr/bin/env node
'use strict';
// The `folio` command. From a repository checkout it runs the TypeScript sources through tsx;
// from a built package it runs the compiled CLI.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const src = join(__dirname, '..', 'electron', 'cli', 'index.ts');
if (existsSync(src)) {
  require('tsx/cjs');
  require(src);
} else {
  require(join(__dirname, '..', 'out', 'cli', 'index.js'));
}
