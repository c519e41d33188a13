// Installs one folder of the test matrix (`node .matrix/install.js .matrix/current`) with `npm ci`,
// unless its node_modules was installed from the same package.json and package-lock.json: the
// test task runs this before every jest run, so the up-to-date case must cost next to nothing.
// Plain JavaScript on purpose: it runs before anything is compiled and starts in milliseconds.
'use strict';
const { createHash } = require('node:crypto');
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node .matrix/install.js <folder with package.json and package-lock.json>');
  process.exit(2);
}

// The stamp lives inside node_modules: deleting node_modules deletes it too.
const stamp = path.join(dir, 'node_modules', '.matrix-install-stamp');
const hash = createHash('sha256');
for (const file of ['package.json', 'package-lock.json']) {
  hash.update(`${file}\0`).update(fs.readFileSync(path.join(dir, file))).update('\0');
}
const digest = hash.digest('hex');

let installed;
try {
  installed = fs.readFileSync(stamp, 'utf8').trim();
} catch {
  installed = undefined;
}
if (installed === digest) process.exit(0);

console.log(`${dir}: installing with npm ci (${installed === undefined ? 'not installed yet' : 'lockfile changed'})`);
try {
  // The matrix holds only prebuilt JavaScript packages: there is no install script to run.
  execSync('npm ci --ignore-scripts --no-audit --no-fund', { cwd: dir, stdio: 'inherit' });
} catch {
  console.error(`${dir}: npm ci failed. If package.json and package-lock.json disagree, run npx projen (it rewrites the lockfile).`);
  process.exit(1);
}
fs.writeFileSync(stamp, `${digest}\n`);
