/**
 * The emulator's side of the wire: the signing name and region, the `X-Amz-Target` prefix and
 * the content type of the PartnerCentral Account API (AWS JSON 1.0).
 *
 * Written apart from the handler's copy (lambda/api/client.ts) on purpose: the emulator is an
 * independent oracle, so a wrong constant in the handler shows against it as it would against AWS.
 */

/** The signing name requests must be signed for. */
export const SIGNING_SERVICE = 'partnercentral-account';

/** The only region the service runs in, and so the one requests must be signed for. */
export const SIGNING_REGION = 'us-east-1';

/** The `X-Amz-Target` prefix of every operation. */
export const TARGET_PREFIX = 'PartnerCentralAccount';

/** The content type of every request and response. */
export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';
