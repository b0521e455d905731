#!/usr/bin/env node
/**
 * Before a build: removes dist/, so it holds only what this build compiles. tsc writes over what it
 * compiles and leaves the rest, and a module that became a folder (layout/scoreSheet.ts, now
 * layout/scoreSheet/) would leave its old .js behind, which Node resolves before the folder.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

fs.rmSync(path.join(__dirname, '..', 'dist'), { recursive: true, force: true });
