// The pages' side of the hub's HTTP API (http-api.ts): a call names its route, sends what the route
// takes, and gets the answer parsed with the route's schema — a hub and a page that disagree fail at
// once with zod's message, never as a wrong value read further on. A refusal throws `ApiError`.
import type { z } from 'zod';
import type { ErrorCode } from './commands.js';
import type { ConfigProblem } from './config-problems.js';
import { type ApiRoute, apiErrorSchema } from './http-api.js';

/** The hub refused: its status, its English message, its error code and problems when it gave them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: ErrorCode | undefined = undefined,
    readonly problems: ConfigProblem[] = [],
  ) {
    super(message);
  }
}

type Part<R, K extends string, Name extends string> = R extends Record<K, z.ZodType> ? Record<Name, z.input<R[K]>> : unknown;

/** What a call of route R sends: its path parameters, query and body, as their schemas take them. */
export type ApiRequest<R extends ApiRoute> = Part<R, 'params', 'params'> &
  Part<R, 'querystring', 'query'> &
  Part<R, 'body', 'body'> & {
    /** E.g. the device's HTTP Basic credentials. */
    headers?: Record<string, string>;
  };

/** What a call of route R answers with, parsed. */
export type ApiAnswer<R extends ApiRoute> = z.output<R['response']>;

/** The address of a call: `:name` parameters filled in, the query appended. */
export function apiUrl(route: ApiRoute, params: Record<string, string> = {}, query: Record<string, unknown> = {}): string {
  const path = route.url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const search = new URLSearchParams(
    Object.entries(query).flatMap(([k, v]) => (v === undefined || v === null ? [] : [[k, String(v)] as [string, string]])),
  ).toString();
  return search ? `${path}?${search}` : path;
}

export async function callApi<R extends ApiRoute>(route: R, request: ApiRequest<R>): Promise<ApiAnswer<R>> {
  const { params, query, body, headers } = request as {
    params?: Record<string, string>;
    query?: Record<string, unknown>;
    body?: unknown;
    headers?: Record<string, string>;
  };
  const res = await fetch(apiUrl(route, params, query), {
    method: route.method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    cache: 'no-store',
  });
  const answer: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const refusal = apiErrorSchema.safeParse(answer);
    if (!refusal.success) throw new ApiError(res.status, `HTTP ${res.status}`);
    throw new ApiError(res.status, refusal.data.error, refusal.data.code, refusal.data.problems);
  }
  return route.response.parse(answer) as ApiAnswer<R>;
}
