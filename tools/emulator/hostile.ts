/**
 * A hostile service: an error answer that echoes the request's personal values and the
 * caller's credentials, each in one of the forms a careless or malicious server could use
 * (changed case, percent and HTML encodings, JSON escapes, whitespace changed, the e-mail's
 * local part, a truncated prefix), in every member a client might read: `__type`, `code`, the
 * `x-amzn-errortype` header, the message, `Reason`, `ErrorDetails` and others.
 *
 * Part of the emulator, an independent oracle on purpose: it shares no code with the handler
 * (lambda/), in particular not with its scrubber; the forms are generated here from their
 * definitions alone.
 */
import { ERROR_NAMESPACE } from './service-error';

/** How an echoed value is written. */
export type EchoForm =
  | 'exact'
  | 'upper'
  | 'lower'
  | 'percent'
  | 'percent-plus'
  | 'percent-every-byte'
  | 'percent-twice'
  | 'html-named'
  | 'html-decimal'
  | 'html-hex'
  | 'json-unicode'
  | 'whitespace-removed'
  | 'whitespace-changed'
  | 'spaced-out'
  | 'local-part'
  | 'prefix'
  | 'upper-percent-plus'
  | 'upper-html-hex-spaced-out';

/** Every form, for tests that try them all. */
export const ECHO_FORMS: readonly EchoForm[] = [
  'exact', 'upper', 'lower', 'percent', 'percent-plus', 'percent-every-byte', 'percent-twice', 'html-named', 'html-decimal',
  'html-hex', 'json-unicode', 'whitespace-removed', 'whitespace-changed', 'spaced-out', 'local-part', 'prefix',
  'upper-percent-plus', 'upper-html-hex-spaced-out',
];

/** Where the answer names its true error, if anywhere. */
export type NamePlacement = 'type' | 'code' | 'header' | 'nowhere';

/** The error a `HostileFault` answers with. */
export interface HostileError {
  /** HTTP status. */
  readonly status: number;
  /** The error shape name the answer carries where `nameIn` says. */
  readonly name: string;
  /** How each value is echoed. */
  readonly form: EchoForm;
  /**
   * Where the true name is: in `__type` (namespaced, the echo after a `:`), in `code`, in the
   * header (the echo after a `:`), or nowhere (every one of them is the echo).
   *
   * @default 'type'
   */
  readonly nameIn?: NamePlacement;
  /**
   * The `Reason` member.
   *
   * @default - the echo
   */
  readonly reason?: string;
  /**
   * For the `prefix` form: how many characters, whitespace not counted.
   *
   * @default 8
   */
  readonly prefixLength?: number;
  /**
   * Further values to echo, besides the request's (a Get or Cancel request carries no e-mail,
   * name or message, but a hostile service knows them).
   *
   * @default - none
   */
  readonly values?: readonly string[];
}

/** What the request offers to echo: its body, its headers and the secret of its access key. */
export interface EchoSource {
  /** The request body (JSON text). */
  readonly body: string;
  /** The request headers, as name and value pairs. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** The secret access key of an access key id, when the emulator knows it. */
  readonly secretOf?: (accessKeyId: string) => string | undefined;
}

/** The request members a hostile service echoes. */
const ECHOED_MEMBERS = ['Email', 'Name', 'Message', 'ReceiverIdentifier', 'OtherParticipantIdentifiers'];

/** The personal values and credentials of a request, plus the fault's own. */
export function echoedValues(source: EchoSource, extra: readonly string[] = []): string[] {
  const out: string[] = [];
  try {
    const input: unknown = JSON.parse(source.body);
    if (typeof input === 'object' && input !== null) {
      for (const member of ECHOED_MEMBERS) {
        const v = (input as Record<string, unknown>)[member];
        for (const item of Array.isArray(v) ? v : [v]) if (typeof item === 'string') out.push(item);
      }
    }
  } catch {
    // Not JSON: nothing to echo from the body.
  }
  for (const [name, value] of source.headers) {
    const lower = name.toLowerCase();
    if (lower === 'x-amz-security-token') out.push(value);
    if (lower === 'authorization') {
      const akid = /Credential=([^/,\s]+)\//.exec(value)?.[1];
      if (akid) {
        out.push(akid);
        const secret = source.secretOf?.(akid);
        if (secret) out.push(secret);
      }
    }
  }
  out.push(...extra);
  return [...new Set(out.filter((v) => v.length > 0))];
}

/** The named HTML entities this oracle writes, by character. */
const NAMED: ReadonlyMap<string, string> = new Map([
  ['&', '&amp;'], ['<', '&lt;'], ['>', '&gt;'], ['"', '&quot;'], ["'", '&apos;'], [' ', '&nbsp;'], ['@', '&commat;'], ['.', '&period;'],
  ['-', '&hyphen;'], ['_', '&lowbar;'], [',', '&comma;'], ['!', '&excl;'], ['/', '&sol;'], [':', '&colon;'],
]);

function everyByte(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

/** A value written in a form. */
export function writeInForm(value: string, form: EchoForm, prefixLength = 8): string {
  switch (form) {
    case 'exact': return value;
    case 'upper': return value.toUpperCase();
    case 'lower': return value.toLowerCase();
    case 'percent': return encodeURIComponent(value);
    case 'percent-plus': return new URLSearchParams({ v: value }).toString().slice(2);
    case 'percent-every-byte': return everyByte(value);
    case 'percent-twice': return encodeURIComponent(encodeURIComponent(value));
    case 'html-named': return [...value].map((c) => NAMED.get(c) ?? c).join('');
    case 'html-decimal': return [...value].map((c) => `&#${c.codePointAt(0)};`).join('');
    case 'html-hex': return [...value].map((c) => `&#x${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()};`).join('');
    case 'json-unicode': return [...value].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    case 'whitespace-removed': return value.replace(/\s+/g, '');
    case 'whitespace-changed': return value.replace(/\s+/g, ' \n\t ');
    case 'spaced-out': return [...value.replace(/\s+/g, '')].join(' ');
    case 'local-part': return value.includes('@') ? value.slice(0, value.lastIndexOf('@')) : value;
    case 'prefix': return prefixOf(value, prefixLength);
    case 'upper-percent-plus': return writeInForm(value.toUpperCase(), 'percent-plus');
    case 'upper-html-hex-spaced-out': return writeInForm(writeInForm(value.toUpperCase(), 'spaced-out'), 'html-hex');
  }
}

/** The value cut after `length` characters that are not whitespace (all of it when shorter), then `...`. */
function prefixOf(value: string, length: number): string {
  let seen = 0;
  for (let i = 0; i < value.length; i++) {
    if (!/\s/.test(value[i])) seen++;
    if (seen === length) return `${value.slice(0, i + 1)}...`;
  }
  return value;
}

/** Characters HTTP does not allow in a header value become `?`. */
function headerSafe(text: string): string {
  return text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
}

/** The status, headers and body of a hostile error answer. */
export function hostileAnswer(
  error: HostileError, values: readonly string[],
): { status: number; headers: Record<string, string>; body: Record<string, unknown> } {
  const echo = values.map((v) => writeInForm(v, error.form, error.prefixLength)).join(' | ');
  const nameIn = error.nameIn ?? 'type';
  const body: Record<string, unknown> = {
    __type: nameIn === 'type' ? `${ERROR_NAMESPACE}#${error.name}:${echo}` : `${echo}#${echo}`,
    code: nameIn === 'code' ? error.name : echo,
    Message: `Request refused for ${echo}`,
    message: `request refused for ${echo}`,
    Reason: error.reason ?? echo,
    ErrorDetails: [
      { FieldValidationError: { Name: echo, Message: `${echo} is not allowed`, Code: echo } },
      { BusinessValidationError: { Message: `The receiver ${echo} refused`, Code: echo } },
      { Name: echo, Message: echo, Code: echo },
    ],
    ServiceCode: echo,
    QuotaCode: echo,
    Detail: { Echo: echo },
  };
  const header = nameIn === 'header' ? `${error.name}:${headerSafe(echo)}` : headerSafe(echo);
  return { status: error.status, headers: { 'x-amzn-errortype': header }, body };
}
