export * from './canonicalJson';
