import { record } from './001-record.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';
export const migrations: readonly Migration[] = [record];
