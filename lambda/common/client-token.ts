/**
 * The hash of every deterministic idempotency token.
 *
 * CloudFormation and Lambda may deliver the same request more than once. The API answers the
 * same call for the same ClientToken and input, so a token derived from what identifies the
 * request makes every redelivery land on what the first delivery did. Each resource type derives
 * its tokens from its own parts (`../lifecycle/client-token.ts`, `../accepter/client-token.ts`).
 */
import { createHash } from 'node:crypto';

/** Hex SHA-256 of a UTF-8 string: 64 characters, within the ClientToken's 1-64 limit and pattern. */
export function sha256hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
