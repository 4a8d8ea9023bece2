export * from './buttons/index.js';
export * from './kiosk-print.js';
export * from './led/index.js';
export * from './printer/index.js';
