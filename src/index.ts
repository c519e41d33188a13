export * from './catalog';
export * from './enums';
export * from './connection-invitation-base';
export * from './connection-invitation';
export * from './invitation-provider';
