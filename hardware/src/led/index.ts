export * from './bus.js';
export * from './protocol.js';
export * from './simulator.js';
