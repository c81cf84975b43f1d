/** Derived views: pure functions from verified events to plain, serializable objects. */
export * from './common.ts';
export * from './corroboration.ts';
export * from './duplicates.ts';
export * from './timeline.ts';
export * from './people.ts';
export * from './claims.ts';
