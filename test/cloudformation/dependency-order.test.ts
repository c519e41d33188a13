import { resourceOrder } from '../../tools/cloudformation/dependency-order';
import type { CfnTemplate } from '../../tools/cloudformation/template';
import { INVITATION } from '../support/rehearsal';

describe('resource order', () => {
  test('follows DependsOn and references, otherwise the template order', () => {
    const template: CfnTemplate = {
      Resources: {
        C: { Type: INVITATION, Properties: { Message: { 'Fn::Sub': 'after ${B.Arn}' } } },
        A: { Type: INVITATION },
        B: { Type: INVITATION, DependsOn: 'D', Properties: { Email: { 'Fn::GetAtt': 'A.InviterEmail' } } },
        D: { Type: 'AWS::Lambda::Function', Properties: { X: { Ref: 'A' } } },
        E: { Type: INVITATION, DependsOn: ['C'] },
        F: { Type: INVITATION, Properties: { Message: { 'Fn::Sub': ['${B}', { B: 'not a resource here' }] } } },
      },
    };
    expect(resourceOrder(template)).toEqual(['A', 'D', 'B', 'C', 'E', 'F']);
  });

  test('a cycle is an error naming its members', () => {
    expect(() => resourceOrder({ Resources: { A: { Type: 'T', DependsOn: 'B' }, B: { Type: 'T', Properties: { x: { Ref: 'A' } } } } }))
      .toThrow(/the resources A, B depend on each other in a cycle/);
  });
});
