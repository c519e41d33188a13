/**
 * The comparison of the packages' manifests with package.json (manifest.ts): manifests as
 * jsii-pacmak writes them compare equal, and each field that disagrees is named.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectedManifest, goManifest, manifestDifferences, PackageJson, pomManifest, wheelManifest } from './manifest';

const pkg: PackageJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const { python, java, go } = pkg.jsii.targets;

/** A wheel's METADATA as jsii-pacmak writes it, with `override` replacing headers. */
function metadata(override: Record<string, string> = {}): string {
  const headers: Record<string, string> = {
    'Metadata-Version': '2.1',
    'Name': python.distName,
    'Version': pkg.version,
    'Summary': pkg.description,
    'Home-page': pkg.repository.url,
    'Author': `${pkg.author.name}<${pkg.author.email}>`,
    'License': pkg.license,
    'Project-URL': `Source, ${pkg.repository.url}`,
    ...override,
  };
  return [...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    'Requires-Dist: aws-cdk-lib <3.0.0,>=2.177.0', 'Requires-Dist: constructs <11.0.0,>=10.4.2', 'Requires-Dist: jsii <2.0.0,>=1.140.0',
    '', '# cdk-partnercentral', '', 'License: not a header, the README'].join('\n');
}

/** A pom as jsii-pacmak writes it (the parts the comparison reads), with `groupId` replaceable. */
function pom(groupId = java.maven.groupId): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project>
  <modelVersion>4.0.0</modelVersion>
  <name>\${project.groupId}:\${project.artifactId}</name>
  <description>${pkg.description}</description>
  <url>${pkg.repository.url}</url>
  <licenses><license><name>Apache License 2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0</url></license></licenses>
  <developers><developer><name>${pkg.author.name}</name><email>${pkg.author.email}</email></developer></developers>
  <scm><connection>scm:git:${pkg.repository.url}</connection><url>${pkg.repository.url}</url></scm>
  <groupId>${groupId}</groupId>
  <artifactId>${java.maven.artifactId}</artifactId>
  <version>${pkg.version}</version>
  <dependencies>
    <dependency><groupId>software.amazon.awscdk</groupId><artifactId>aws-cdk-lib</artifactId><version>2.263.0</version></dependency>
    <dependency><groupId>software.constructs</groupId><artifactId>constructs</artifactId><version>10.8.1</version></dependency>
    <dependency><groupId>software.amazon.jsii</groupId><artifactId>jsii-runtime</artifactId><version>1.140.0</version></dependency>
  </dependencies>
</project>`;
}

function goMod(module = `${go.moduleName}/${go.packageName}`): string {
  return [`module ${module}`, '', 'go 1.25', '', 'require (', '\tgithub.com/aws/jsii-runtime-go v1.140.0',
    '\tgithub.com/aws/aws-cdk-go/awscdk/v2 v2.177.0', '\tgithub.com/aws/constructs-go/constructs/v10 v10.4.2', ')', ''].join('\n');
}
const goSource = `// ${pkg.description}\npackage ${go.packageName}\n\nimport ()\n`;

test('the manifests as jsii-pacmak writes them agree with package.json', () => {
  expect(manifestDifferences(expectedManifest('python', pkg), wheelManifest(metadata(), `${python.module}\n`))).toEqual([]);
  expect(manifestDifferences(expectedManifest('java', pkg), pomManifest(pom(), java.package))).toEqual([]);
  expect(manifestDifferences(expectedManifest('go', pkg), goManifest(goMod(), goSource, `${pkg.version}\n`))).toEqual([]);
});

test.each([
  ['the Python distribution name', () => wheelManifest(metadata({ Name: 'cdk_partnercentral' }), python.module), 'python', 'Name: '],
  ['the Python licence', () => wheelManifest(metadata({ License: 'MIT' }), python.module), 'python', 'License: '],
  ['the Python module', () => wheelManifest(metadata(), 'cdkpartnercentral'), 'python', 'module: '],
  ['the Python home page', () => wheelManifest(metadata({ 'Home-page': 'https://example.com' }), python.module), 'python', 'Home-page: '],
  ['the Maven groupId', () => pomManifest(pom('com.example'), java.package), 'java', 'groupId: '],
  ['the Java package', () => pomManifest(pom(), 'io.github.cdkpartnercentral'), 'java', 'package: '],
  ['the Maven licence', () => pomManifest(pom().replace('Apache License 2.0', 'MIT License'), java.package), 'java', 'licence name: '],
  ['the Maven URL', () => pomManifest(pom().replace(`<url>${pkg.repository.url}</url>\n`, '<url>https://example.com</url>\n'), java.package), 'java', 'url: '],
  ['the Go module path', () => goManifest(goMod(go.moduleName), goSource, pkg.version), 'go', 'module: '],
  ['the Go package name', () => goManifest(goMod(), 'package main\n', pkg.version), 'go', 'package: '],
  ['the Go requirement of aws-cdk-go', () => goManifest(goMod().replace('v2.177.0', 'v2.263.0'), goSource, pkg.version), 'go', 'require aws-cdk-go: '],
] as const)('%s that disagrees is named', (_, actual, language, field) => {
  const found = manifestDifferences(expectedManifest(language, pkg), actual());
  expect(found).toHaveLength(1);
  expect(found[0].startsWith(field)).toBe(true);
});

test('a field the package lacks is named', () => {
  const manifest = pomManifest(pom().replace(/<scm>[\s\S]*?<\/scm>/, ''), java.package);
  expect(manifestDifferences(expectedManifest('java', pkg), manifest)).toEqual([expect.stringMatching(/^scm url: .* the package has none$/)]);
});
