// Loads the current aws-cdk-lib, constructs and cdk-nag of `.matrix/current/` instead of the
// floor's in the root node_modules, for a whole node process and its children:
//
//   NODE_OPTIONS="--require ./.matrix/use-current.js" npx cdk synth
//
// jest does the same for the matrix's test cells with moduleNameMapper; this is for what runs
// outside jest, such as the example app that `npx projen rehearse` synthesizes. Every request
// for one of those packages, from anywhere (the app, src/, aws-cdk-lib itself), resolves in
// `.matrix/current/node_modules`, so one copy of each is loaded.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const NODE_MODULES = path.join(__dirname, 'current', 'node_modules');
const PACKAGES = /^(aws-cdk-lib|constructs|cdk-nag)(\/.*)?$/;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, isMain, options) {
  if (PACKAGES.test(request)) {
    return resolveFilename.call(this, request, parent, isMain, { ...options, paths: [NODE_MODULES] });
  }
  return resolveFilename.call(this, request, parent, isMain, options);
};
