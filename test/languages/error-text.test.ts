/**
 * The library's error as each runtime prints it (error-text.ts): the same text from each, and none
 * from output without it.
 */
import { libraryError } from './error-text';

const PROBLEMS = ['  `catalog` must be letters, digits and hyphens, got: "Prod!"', '  `email` must be a valid e-mail address, got: "x"'];
const EXPECTED = ['Invalid ConnectionInvitation S/Bad:', ...PROBLEMS.map((p) => p.trim())].join('\n');

test.each([
  ['Node.js', ['Error: Invalid ConnectionInvitation S/Bad:', ...PROBLEMS, '    at throwProblems (validate-props.ts:120:9)']],
  ['Python', ['jsii.errors.JavaScriptError: ', '  Error: Invalid ConnectionInvitation S/Bad:', ...PROBLEMS.map((p) => `  ${p}`), '      at x',
    '', 'Traceback (most recent call last):', 'RuntimeError: Invalid ConnectionInvitation S/Bad:', ...PROBLEMS]],
  ['Java', ['Exception in thread "main" software.amazon.jsii.JsiiError: Invalid ConnectionInvitation S/Bad:', ...PROBLEMS, '\tat software.amazon.jsii.JsiiRuntime']],
  ['Go', ['Runtime process exited abnormally: waitid: no child processespanic: Invalid ConnectionInvitation S/Bad:', ...PROBLEMS.map((p) => `\t${p}`), '', 'goroutine 1 [running]:']],
])('%s', (_, lines) => {
  expect(libraryError(lines.join('\n'))).toBe(EXPECTED);
});

test('output without the error gives none', () => {
  expect(libraryError('Error: Cannot find module \'cdk_partnercentral\'\n  at x')).toBeUndefined();
});

test('a problem line that differs gives another text', () => {
  expect(libraryError(['Error: Invalid ConnectionInvitation S/Bad:', PROBLEMS[0]].join('\n'))).not.toBe(EXPECTED);
});
