export * from './catalog';
export * from './enums';
export * from './connection-invitation';
