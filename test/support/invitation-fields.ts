/**
 * The six fields of a connection invitation as the lambda unit tests give them: what the handler
 * reads from ResourceProperties and derives its ClientToken from.
 */
export const FIELDS = {
  Catalog: 'Sandbox',
  ConnectionType: 'OPPORTUNITY_COLLABORATION',
  Email: 'alliances@example.com',
  Message: 'Hello',
  Name: 'Pat',
  ReceiverIdentifier: 'pprofile-1',
};
