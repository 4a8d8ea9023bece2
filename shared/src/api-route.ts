// A route of the shared description (http-api.ts, central-api.ts) as fastify takes it: its method, its
// path and the schemas it is checked with, so that a handler's request and answer are typed by them.

import type { z } from 'zod';
import type { ApiRoute } from './http-api.js';

type Part<R, K extends string> = R extends Record<K, infer S> ? S : undefined;

export function routeOf<R extends ApiRoute, More extends Record<number, z.ZodType> = Record<never, never>>(route: R, more?: More) {
  const { method, url, params, querystring, body, response } = route;
  const schema = {
    ...(params && { params }),
    ...(querystring && { querystring }),
    ...(body && { body }),
    response: { 200: response, ...more },
  };
  return {
    method,
    url,
    schema: schema as {
      params: Part<R, 'params'>;
      querystring: Part<R, 'querystring'>;
      body: Part<R, 'body'>;
      response: { 200: R['response'] } & More;
    },
  };
}
