export * from './commander.js';
export * from './config.js';
export * from './hid.js';
export * from './pad.js';
export * from './simulator.js';
