export * from './engine/day.js';
export * from './engine/engine.js';
