export * from './fields';
export * from './user';
export * from './patient';
export * from './case';
export * from './lesion';
export * from './settings';
export * from './audit';
export * from './stage';
