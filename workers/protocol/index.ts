export type * from './spec';
export type * from './data';
export type * from './settings';
export type * from './trainer-api';
