export * from './canonicalJson';
export * from './auditCsv';
