export * from './bus.js';
export * from './protocol.js';
