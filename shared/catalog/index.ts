export * from './anatomicSites';
export * from './siteSearch';
export * from './tumorTypes';
export * from './inkPalette';
export * from './repairSiteGroups';
