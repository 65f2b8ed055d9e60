export * from './operations';
export * from './contract';
export * from './roles';
