// Fails unless `npm pack --dry-run` lists the files a user needs at synth time.
const { execFileSync } = require('node:child_process');

const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' });
const files = JSON.parse(out)[0].files.map((f) => f.path);
const pkg = require('../package.json');
const bin = pkg.bin && pkg.bin['cdk-partnercentral'];
const required = ['lib/index.js', 'lib/index.d.ts', '.jsii', 'assets/connection-invitation-handler/index.js', bin, 'API.md', 'README.md'];
const forbidden = [/^lambda\//, /^test\//, /^src\//, /^tools\//, /^\.ci\//, /^rosetta\//, /^examples\//, /^bench\//];
if (bin !== 'assets/cli/cdk-partnercentral.js') {
  console.error(`package.json bin["cdk-partnercentral"] must be assets/cli/cdk-partnercentral.js, got: ${JSON.stringify(bin)}`);
  process.exit(1);
}
const missing = required.filter((r) => !files.includes(r));
const leaked = files.filter((f) => forbidden.some((re) => re.test(f)));
if (missing.length || leaked.length) {
  console.error(`npm pack: missing ${JSON.stringify(missing)}, must not ship ${JSON.stringify(leaked)}`);
  process.exit(1);
}
console.log(`npm pack ships ${files.length} files, including ${required.join(', ')}`);
