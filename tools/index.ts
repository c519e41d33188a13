/**
 * Test and rehearsal tools that ship with the library: a local PartnerCentral Account API, an
 * independent SigV4 verifier, and a driver that plays CloudFormation's side of a custom resource.
 */
export * from './emulator';
export * from './emulator-state';
export * from './sigv4-verify';
export * from './cfn-driver';
export * from './cfn-events';
