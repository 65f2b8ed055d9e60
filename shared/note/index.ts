export * from './record';
export * from './elements';
export * from './generate';
export * from './specimen';
export * from './view';
