/** Pure geometry of the map editor: outlines, blocks, clock positions, carry-forward. */
export * from './types';
export { distance } from './vec';
export { distanceToSegment, projectOnSegment, raySegment, segmentIntersection, type Projection } from './segment';
export * from './polygon';
export * from './shapes';
export * from './split';
export * from './templates';
export * from './cuts';
export * from './clock';
export * from './offset';
export * from './hull';
export * from './edges';
