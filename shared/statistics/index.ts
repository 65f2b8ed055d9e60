export * from './practice';
export * from './reference';
export * from './tables';
