export * from './bridge.js';
export * from './commands.js';
export * from './config.js';
export * from './config-problems.js';
export * from './domain.js';
export * from './i18n.js';
export * from './printing.js';
export * from './topics.js';
