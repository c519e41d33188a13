/**
 * List's NextToken as the emulator issues it: the offset of the next page and a key of the
 * filters it was issued for, so that a token used with other filters is refused.
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 */
import { fieldError, ValidationErrorDetail } from './validation';

/** What a NextToken carries: the next offset (`o`) and the filters' key (`f`). */
export interface PageToken {
  readonly o: number;
  readonly f: string;
}

/** The opaque string List answers as NextToken. */
export function encodePageToken(t: PageToken): string {
  return Buffer.from(JSON.stringify(t), 'utf8').toString('base64url');
}

/** The token a NextToken string carries, or undefined when it is not one the emulator issued. */
export function decodePageToken(value: string): PageToken | undefined {
  try {
    const t = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<PageToken>;
    if (typeof t.o === 'number' && Number.isInteger(t.o) && t.o >= 0 && typeof t.f === 'string') {
      return { o: t.o, f: t.f };
    }
  } catch {
    // not ours
  }
  return undefined;
}

/**
 * Where a List request's page starts: 0 without a NextToken, the token's offset when it was
 * issued for the same filters (`filterKey`); otherwise a NextToken validation problem is added
 * to `details` (and 0 returned).
 */
export function pageOffset(input: Record<string, unknown>, filterKey: string, details: ValidationErrorDetail[]): number {
  const raw = input.NextToken;
  if (raw === undefined || raw === null) return 0;
  const page = typeof raw === 'string' ? decodePageToken(raw) : undefined;
  if (!page || page.f !== filterKey) {
    details.push(fieldError('NextToken', 'NextToken is not valid for this request', 'INVALID_VALUE'));
    return 0;
  }
  return page.o;
}
