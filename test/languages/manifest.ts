/**
 * What each package jsii-pacmak built says about itself (the wheel's METADATA, the Maven pom, the
 * Go module), compared field by field with package.json, which `npx projen` writes from
 * .projenrc.ts (and which `.ci/run` checks is up to date). Also finds the npm tarball each package
 * embeds (what the jsii runtime loads), whose handler bundle and CLI must be the ones `npx projen
 * bundle` wrote in assets/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTarGz, readZip } from './archive';
import { HANDLER_ASSET_NAME } from '../../src/contract';

/** The fields of a package's manifest that must agree with package.json, by name. */
export type Manifest = Record<string, string>;

/** The parts of package.json (generated from .projenrc.ts) that the packages' manifests repeat. */
export interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly license: string;
  readonly author: { readonly name: string; readonly email: string };
  readonly repository: { readonly url: string };
  readonly peerDependencies: Record<string, string>;
  readonly jsii: {
    readonly targets: {
      readonly python: { readonly distName: string; readonly module: string };
      readonly java: { readonly package: string; readonly maven: { readonly groupId: string; readonly artifactId: string } };
      readonly go: { readonly moduleName: string; readonly packageName: string };
    };
  };
}

/**
 * The licences jsii-pacmak writes into a pom by their SPDX id (from the SPDX list): a project that
 * changes its licence adds the new one here, with the name and URL the SPDX list gives it.
 */
const SPDX_LICENCES: Record<string, { readonly name: string; readonly url: string }> = {
  'Apache-2.0': { name: 'Apache License 2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
};

/** The lowest version a `^x.y.z` peer dependency accepts. */
function floorOf(pkg: PackageJson, dep: string): string {
  const range = pkg.peerDependencies[dep];
  const match = /^\^(\d+\.\d+\.\d+)$/.exec(range ?? '');
  if (!match) throw new Error(`package.json peerDependencies["${dep}"] is ${JSON.stringify(range)}, not a ^x.y.z range`);
  return match[1];
}

/** The Python spelling of a `^x.y.z` range, as jsii-pacmak writes it into Requires-Dist. */
function pythonRange(floor: string): string {
  return `<${Number(floor.split('.')[0]) + 1}.0.0,>=${floor}`;
}

export type PackagedLanguage = 'python' | 'java' | 'go';

/** What each language's manifest must say, from package.json. */
export function expectedManifest(language: PackagedLanguage, pkg: PackageJson): Manifest {
  const targets = pkg.jsii.targets;
  const cdk = floorOf(pkg, 'aws-cdk-lib');
  const constructs = floorOf(pkg, 'constructs');
  switch (language) {
    case 'python':
      return {
        'Name': targets.python.distName,
        'Version': pkg.version,
        'Summary': pkg.description,
        'Home-page': pkg.repository.url,
        'Author': `${pkg.author.name}<${pkg.author.email}>`,
        'License': pkg.license,
        'module': targets.python.module,
        'Requires-Dist aws-cdk-lib': pythonRange(cdk),
        'Requires-Dist constructs': pythonRange(constructs),
      };
    case 'java': {
      const licence = SPDX_LICENCES[pkg.license];
      if (!licence) throw new Error(`package.json's license ${pkg.license} is not in SPDX_LICENCES of ${__filename}: add its SPDX name and URL`);
      return {
        'groupId': targets.java.maven.groupId,
        'artifactId': targets.java.maven.artifactId,
        'version': pkg.version,
        'description': pkg.description,
        'url': pkg.repository.url,
        'scm url': pkg.repository.url,
        'licence name': licence.name,
        'licence url': licence.url,
        'developer name': pkg.author.name,
        'developer email': pkg.author.email,
        'package': targets.java.package,
        // jsii-pacmak resolves the peer ranges to the newest release Maven Central serves: only the artifacts are fixed.
        'dependency aws-cdk-lib': 'software.amazon.awscdk:aws-cdk-lib',
        'dependency constructs': 'software.constructs:constructs',
      };
    }
    case 'go':
      return {
        'module': `${targets.go.moduleName}/${targets.go.packageName}`,
        'package': targets.go.packageName,
        'version': pkg.version,
        'require aws-cdk-go': `github.com/aws/aws-cdk-go/awscdk/v2 v${cdk}`,
        'require constructs-go': `github.com/aws/constructs-go/constructs/v10 v${constructs}`,
      };
  }
}

/** The fields of a wheel's METADATA (RFC 822 headers) and its top_level.txt. */
export function wheelManifest(metadata: string, topLevel: string): Manifest {
  const headers = metadata.split(/\r?\n\r?\n/)[0].split(/\r?\n/);
  const out: Manifest = {};
  for (const line of headers) {
    const match = /^([A-Za-z-]+): (.*)$/.exec(line);
    if (!match) continue;
    const [, key, value] = match;
    const requirement = key === 'Requires-Dist' ? /^([A-Za-z0-9_.-]+)\s*(.*)$/.exec(value) : null;
    if (requirement) out[`Requires-Dist ${requirement[1]}`] = requirement[2].replace(/\s+/g, '');
    else if (!(key in out)) out[key] = value;
  }
  out.module = topLevel.trim();
  return out;
}

/** The text of the first element `tag` inside `xml`, entities decoded. */
function element(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return match?.[1].trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, '\'').replace(/&amp;/g, '&');
}

/** The fields of a Maven pom, and the Java package of the jar's classes. */
export function pomManifest(pom: string, javaPackage: string): Manifest {
  // The project's own coordinates are those outside <dependencies>, <parent>, <build> and <developers>.
  const own = pom.replace(/<(dependencies|parent|build|developers|licenses|scm)>[\s\S]*?<\/\1>/g, '');
  const out: Manifest = {};
  for (const tag of ['groupId', 'artifactId', 'version', 'description', 'url']) {
    const value = element(own, tag);
    if (value !== undefined) out[tag] = value;
  }
  const fields: Array<[string, string, string]> = [
    ['scm url', 'scm', 'url'], ['licence name', 'license', 'name'], ['licence url', 'license', 'url'],
    ['developer name', 'developer', 'name'], ['developer email', 'developer', 'email'],
  ];
  for (const [name, parent, tag] of fields) {
    const block = element(pom, parent);
    const value = block === undefined ? undefined : element(block, tag);
    if (value !== undefined) out[name] = value;
  }
  out.package = javaPackage;
  for (const dep of (element(pom, 'dependencies') ?? '').split('</dependency>')) {
    const artifact = element(dep, 'artifactId');
    if (artifact === 'aws-cdk-lib' || artifact === 'constructs') out[`dependency ${artifact}`] = `${element(dep, 'groupId')}:${artifact}`;
  }
  return out;
}

/** The fields of a Go module: its go.mod, the package clause of its code, and its version file. */
export function goManifest(goMod: string, goSource: string, version: string): Manifest {
  const out: Manifest = {};
  const module = /^module\s+(\S+)/m.exec(goMod);
  if (module) out.module = module[1];
  const pkg = /^package\s+(\w+)/m.exec(goSource);
  if (pkg) out.package = pkg[1];
  out.version = version.trim();
  for (const [name, mod] of [['require aws-cdk-go', 'github.com/aws/aws-cdk-go/awscdk/v2'], ['require constructs-go', 'github.com/aws/constructs-go/constructs/v10']]) {
    const line = new RegExp(`^\\s*(?:require\\s+)?(${mod.replace(/[./]/g, '\\$&')}\\s+v\\S+)`, 'm').exec(goMod);
    if (line) out[name] = line[1].replace(/\s+/, ' ');
  }
  return out;
}

/** The fields where a manifest disagrees with what package.json says, one line each. */
export function manifestDifferences(expected: Manifest, actual: Manifest): string[] {
  return Object.keys(expected).filter((k) => expected[k] !== actual[k])
    .map((k) => `${k}: .projenrc.ts (package.json) says ${JSON.stringify(expected[k])}, the package ${actual[k] === undefined ? 'has none' : `says ${JSON.stringify(actual[k])}`}`);
}

/** A built package as the smoke tests read it: its manifest, and the npm tarball it embeds. */
export interface BuiltPackage {
  readonly manifest: Manifest;
  /** Where the embedded npm tarball is, for messages. */
  readonly tarballPath: string;
  /** The files of the embedded npm tarball, by their path inside it (`package/...`). */
  readonly tarball: Map<string, Buffer>;
}

function only(files: string[], what: string): string {
  if (files.length !== 1) throw new Error(`expected one ${what}, found ${files.length}: ${files.join(', ') || 'none'}`);
  return files[0];
}

/** Reads the package of `language` that jsii-pacmak wrote into `dist`. */
export function readBuiltPackage(language: PackagedLanguage, dist: string, pkg: PackageJson): BuiltPackage {
  const targets = pkg.jsii.targets;
  switch (language) {
    case 'python': {
      const wheelFile = only(fs.readdirSync(path.join(dist, 'python')).filter((f) => f.endsWith('.whl')).map((f) => path.join(dist, 'python', f)), 'wheel in dist/python');
      const wheel = readZip(fs.readFileSync(wheelFile));
      const info = only([...wheel.keys()].filter((f) => /^[^/]+\.dist-info\/METADATA$/.test(f)), 'METADATA in the wheel').replace(/METADATA$/, '');
      const tarballPath = only([...wheel.keys()].filter((f) => /^[^/]+\/_jsii\/[^/]+\.jsii\.tgz$/.test(f)), 'npm tarball in the wheel');
      return {
        manifest: wheelManifest(wheel.get(`${info}METADATA`)!.toString('utf8'), wheel.get(`${info}top_level.txt`)?.toString('utf8') ?? ''),
        tarballPath: `${wheelFile}!${tarballPath}`,
        tarball: readTarGz(wheel.get(tarballPath)!),
      };
    }
    case 'java': {
      const { groupId, artifactId } = targets.java.maven;
      const dir = path.join(dist, 'java', ...groupId.split('.'), artifactId, pkg.version);
      const jarFile = path.join(dir, `${artifactId}-${pkg.version}.jar`);
      const jar = readZip(fs.readFileSync(jarFile));
      const tarballPath = only([...jar.keys()].filter((f) => f.endsWith('.jsii.tgz')), 'npm tarball in the jar');
      return {
        manifest: pomManifest(fs.readFileSync(path.join(dir, `${artifactId}-${pkg.version}.pom`), 'utf8'), path.dirname(tarballPath).split('/').join('.')),
        tarballPath: `${jarFile}!${tarballPath}`,
        tarball: readTarGz(jar.get(tarballPath)!),
      };
    }
    case 'go': {
      const dir = path.join(dist, 'go', targets.go.packageName);
      const tarballPath = only(fs.readdirSync(path.join(dir, 'jsii')).filter((f) => f.endsWith('.tgz')).map((f) => path.join(dir, 'jsii', f)), 'npm tarball in the Go module\'s jsii/');
      return {
        manifest: goManifest(fs.readFileSync(path.join(dir, 'go.mod'), 'utf8'), fs.readFileSync(path.join(dir, 'main.go'), 'utf8'), fs.readFileSync(path.join(dir, 'version'), 'utf8')),
        tarballPath,
        tarball: readTarGz(fs.readFileSync(tarballPath)),
      };
    }
  }
}

/** The files of assets/ that every package must ship as they are: the handler bundle and the CLI. */
export const SHIPPED_ASSETS = [`assets/${HANDLER_ASSET_NAME}/index.js`, 'assets/cli/cdk-partnercentral.js'];

/** What is wrong with the assets/ files of an embedded npm tarball, compared with those of `root` (empty: nothing). */
export function assetDifferences(tarball: Map<string, Buffer>, root: string): string[] {
  return SHIPPED_ASSETS.flatMap((file) => {
    const shipped = tarball.get(`package/${file}`);
    if (!shipped) return [`${file} is missing`];
    return shipped.equals(fs.readFileSync(path.join(root, file))) ? [] : [`${file} differs from the one \`npx projen bundle\` wrote`];
  });
}
