// The naming engine's public surface.
export * from './fold.js';
export * from './parse.js';
export * from './places.js';
export * from './person.js';
export * from './abbreviation.js';
export type * from './types.js';
