export * from './operations';
export * from './contract';
