import { parameterViolations } from '../../tools/cloudformation/parameters';
import type { CfnTemplate } from '../../tools/cloudformation/template';

describe('parameter constraints', () => {
  const check = (p: CfnTemplate['Parameters'], given: Record<string, string> = {}) => parameterViolations({ Parameters: p }, given);

  test.each<[string, NonNullable<CfnTemplate['Parameters']>[string], string | undefined, string]>([
    ['AllowedPattern matches the whole value, not a part', { Type: 'String', Default: 'prod1', AllowedPattern: '[a-z]+' }, undefined,
      'parameter P: the default value does not match AllowedPattern "[a-z]+"; CloudFormation would refuse the stack'],
    ['AllowedPattern with an alternation is anchored as a whole', { Default: 'xprod', AllowedPattern: 'dev|prod' }, undefined,
      'parameter P: the default value does not match AllowedPattern "dev|prod"; CloudFormation would refuse the stack'],
    ['AllowedPattern with its ConstraintDescription', { Default: 'Prod', AllowedPattern: '[a-z]+', ConstraintDescription: 'lower case letters only' }, undefined,
      'parameter P: the default value does not match AllowedPattern "[a-z]+": lower case letters only; CloudFormation would refuse the stack'],
    ['AllowedPattern on each value of a CommaDelimitedList', { Type: 'CommaDelimitedList', Default: 'a,b', AllowedPattern: '[a-z]+' }, 'a,B',
      'parameter P: the given value does not match AllowedPattern "[a-z]+" (each value of the list must); CloudFormation would refuse the stack'],
    ['AllowedValues', { Default: 'dev', AllowedValues: ['dev', 'prod'] }, 'test',
      'parameter P: the given value is not one of AllowedValues ["dev","prod"]; CloudFormation would refuse the stack'],
    ['AllowedValues of a Number', { Type: 'Number', Default: 3, AllowedValues: [1, 2] }, undefined,
      'parameter P: the default value is not one of AllowedValues ["1","2"]; CloudFormation would refuse the stack'],
    ['MinLength', { Default: 'ab', MinLength: 3 }, undefined,
      'parameter P: the default value has 2 characters, fewer than MinLength 3; CloudFormation would refuse the stack'],
    ['MaxLength, counted on the given value', { Default: 'ok', MaxLength: '4', ConstraintDescription: 'at most 4' }, 'toolong',
      'parameter P: the given value has 7 characters, more than MaxLength 4: at most 4; CloudFormation would refuse the stack'],
    ['MinValue', { Type: 'Number', Default: '-1', MinValue: 0 }, undefined,
      'parameter P: the default value is -1, less than MinValue 0; CloudFormation would refuse the stack'],
    ['MaxValue', { Type: 'Number', Default: 5, MaxValue: 10 }, '10.5',
      'parameter P: the given value is 10.5, more than MaxValue 10; CloudFormation would refuse the stack'],
    ['MaxValue on each value of a List<Number>', { Type: 'List<Number>', Default: '1,2', MaxValue: 3 }, '1, 4',
      'parameter P: the given value holds 4, more than MaxValue 3; CloudFormation would refuse the stack'],
    ['a Number that is not a number', { Type: 'Number', Default: 'three' }, undefined,
      'parameter P: the default value is not a number, which its Type Number requires; CloudFormation would refuse the stack'],
  ])('%s', (_name, parameter, given, message) => {
    const violations = check({ P: parameter }, given === undefined ? {} : { P: given });
    expect(violations).toEqual([{ parameter: 'P', rule: expect.any(String), kind: 'invalid', message }]);
    expect(message).toContain(violations[0].rule);
  });

  test('values within the constraints pass, and so do parameters without a value or of AWS types', () => {
    expect(check({
      Stage: { Type: 'String', Default: 'prod', AllowedPattern: 'dev|prod', AllowedValues: ['dev', 'prod'], MinLength: 3, MaxLength: 4 },
      Count: { Type: 'Number', Default: 3, MinValue: 1, MaxValue: '3', AllowedValues: ['1', '3.0'] },
      Zones: { Type: 'CommaDelimitedList', Default: 'a, b', AllowedPattern: '[a-z]', AllowedValues: ['a', 'b'] },
      NoValue: { Type: 'String', AllowedPattern: 'x' },
      Bootstrap: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/version', AllowedPattern: 'x' },
    })).toEqual([]);
    // a given value is checked instead of the default
    expect(check({ Stage: { Default: 'PROD', AllowedPattern: '[a-z]+' } }, { Stage: 'prod' })).toEqual([]);
  });

  test('a pattern the rehearsal cannot evaluate is unresolvable, not a pass', () => {
    expect(check({ P: { Default: 'a', AllowedPattern: '[a-z' } })).toEqual([{
      parameter: 'P',
      rule: 'AllowedPattern',
      kind: 'unresolvable',
      message: expect.stringMatching(/^parameter P: the default value cannot be checked: AllowedPattern "\[a-z" is not a regular expression the rehearsal understands/),
    }]);
  });
});
