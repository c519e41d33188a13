export * from './catalog';
export * from './enums';
export * from './connection-invitation-base';
export * from './connection-invitation';
export * from './invitation-provider';
export * from './connection-base';
export * from './connection';
export * from './connection-invitation-accepter';
