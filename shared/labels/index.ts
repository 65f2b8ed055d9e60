export * from './content';
export * from './layout';
export * from './payload';
