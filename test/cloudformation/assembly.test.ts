import * as path from 'node:path';
import { readAssembly } from '../../tools/cloudformation/assembly';
import { tempDirFor, writeAssembly } from '../support/rehearsal';

describe('reading the assembly', () => {
  const tmp = tempDirFor('each');

  test('orders stacks by dependencies, including those of nested assemblies (stages)', () => {
    writeAssembly(tmp(), [
      ['Consumer', {}, ['Producer']],
      ['Producer', {}, [], { environment: 'aws://111122223333/eu-central-1', properties: { templateFile: 'Producer.template.json', stackName: 'producer-stack' } }],
    ], { 'assembly-Prod': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod', displayName: 'Prod' } } });
    writeAssembly(path.join(tmp(), 'assembly-Prod'), [
      ['ProdB', {}, ['ProdA'], { displayName: 'Prod/B' }],
      ['ProdA', {}, [], { displayName: 'Prod/A' }],
    ]);
    const stacks = readAssembly(tmp());
    expect(stacks.map((s) => s.displayName)).toEqual(['Producer', 'Consumer', 'Prod/A', 'Prod/B']);
    expect(stacks[0]).toMatchObject({ stackName: 'producer-stack', account: '111122223333', region: 'eu-central-1', dependencies: [] });
    expect(stacks[1]).toMatchObject({ stackName: 'Consumer', account: '123456789012', region: 'us-east-1', dependencies: ['Producer'] });
    expect(stacks[3]).toMatchObject({ key: 'assembly-Prod/ProdB', dependencies: ['assembly-Prod/ProdA'] });
  });

  test('a directory without manifest.json is refused with a hint', () => {
    expect(() => readAssembly(tmp())).toThrow(/is not a cloud assembly: it has no manifest\.json \(run cdk synth first\)/);
  });

  test('stacks that depend on each other are refused', () => {
    writeAssembly(tmp(), [['A', {}, ['B']], ['B', {}, ['A']]]);
    expect(() => readAssembly(tmp())).toThrow(/the stacks A, B depend on each other in a cycle/);
  });
});
