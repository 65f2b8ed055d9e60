export * from './blockName';
export * from './content';
export * from './layout';
export * from './payload';
export * from './scan';
