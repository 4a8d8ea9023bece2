import { record } from './001-record.js';
import { users } from './002-users.js';
import { reportRollups } from './003-report-rollups.js';
import { catalogue } from './004-catalogue.js';
import { sessions } from './005-sessions.js';
import { alertClearing } from './006-alert-clearing.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';
export const migrations: readonly Migration[] = [record, users, reportRollups, catalogue, sessions, alertClearing];
