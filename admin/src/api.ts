// The admin pages' calls to the hub's /api/admin: JSON in, JSON out, the session in an HttpOnly cookie.
import type { Config, ConfigChange, ConfigProblem, Device, Operator, OperatorRole } from '@vikno/shared';

export interface Staff {
  username: string;
  name: string;
  roles: OperatorRole[];
}

/** The config as the admin pages edit it: without PIN hashes or device secret hashes. */
export type Editable = Pick<Config, 'site' | 'serviceGroups' | 'services' | 'zones' | 'counters' | 'queue' | 'kiosk' | 'announcements'> & {
  operators: Omit<Operator, 'pinHash'>[];
  devices: Omit<Device, 'secretHash'>[];
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** What the hub refused in a configuration change. */
    readonly problems: ConfigProblem[] = [],
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`/api/admin${path}`, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? null : JSON.stringify(init.body),
    cache: 'no-store',
  });
  const data = (await res.json().catch(() => ({}))) as { error?: string; problems?: ConfigProblem[] };
  if (!res.ok) throw new ApiError(res.status, data.error ?? `HTTP ${res.status}`, data.problems ?? []);
  return data as T;
}

/** A line of the config file in a preview (the hub's config-file.ts): kept as context, removed or added. */
export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  before?: number;
  after?: number;
  text: string;
}

export interface FileDiff {
  file: string;
  added: number;
  removed: number;
  hunks: DiffLine[][];
}

/** What a change does (a dry run) or did: `file` is the config file's lines, null without a file. */
export interface SaveResult {
  version: number | null;
  changes: ConfigChange[];
  secrets: Record<string, string>;
  file: FileDiff | null;
  /** The file a dry run was made on, sent back with the save. */
  base: string | null;
}
