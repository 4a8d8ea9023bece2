// How the hub's HTTP side refuses: every refusal, whichever part finds it (a route, the engine, the
// request's schema, fastify's body parser, the static file server), answers `apiErrorSchema` — an
// English message, and the error code and problems when there are some — with one status per cause.
import { type ApiErrorBody, type ConfigProblem, configProblems, type ErrorCode, issueMessage } from '@vikno/shared';
import type { FastifyError, FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { EngineError } from '../engine/engine.js';

/** A request the route refuses with a status and a message the caller can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: { code?: ErrorCode; problems?: ConfigProblem[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export const BODY_LIMIT = 64 * 1024;

/** The status of an engine's refusal: an unknown thing is 404, a bad request 400, the rest a conflict. */
function refusalStatus(code: ErrorCode): number {
  if (code.startsWith('unknown_')) return 404;
  if (code === 'bad_request' || code === 'bad_phone') return 400;
  return 409;
}

/** What fastify's own refusals say, in the hub's words (its codes are in fastify's docs, Errors). */
const FRAMEWORK: Record<string, (error: FastifyError) => string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => `the body is larger than ${BODY_LIMIT} bytes`,
  FST_ERR_CTP_INVALID_JSON_BODY: (e) => `the body is not JSON: ${e.message}`,
  FST_ERR_CTP_EMPTY_JSON_BODY: () => 'the body is not JSON: it is empty',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => 'send JSON (content-type: application/json)',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => 'the content-length does not match the body',
  FST_ERR_BAD_URL: () => 'the address is not valid: a % escape is malformed',
};

export interface Refusal {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
}

/** The answer to an error thrown while serving a request; `internal` when it is the hub's fault. */
export function refusalOf(error: unknown): Refusal & { internal: boolean } {
  const refusal = (status: number, body: ApiErrorBody, headers: Record<string, string> = {}) => ({
    status,
    body,
    headers,
    internal: false,
  });
  if (error instanceof HttpError) {
    const { code, problems, headers } = error.details;
    return refusal(error.status, { error: error.message, ...(code && { code }), ...(problems && { problems }) }, headers);
  }
  if (error instanceof EngineError) return refusal(refusalStatus(error.code), { error: error.message, code: error.code });
  const e = error as Partial<FastifyError>;
  const status = e.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const said = e.code ? FRAMEWORK[e.code] : undefined;
    const message = said ? said(e as FastifyError) : status === 403 ? 'outside the app' : (e.message ?? 'refused');
    return refusal(status, status === 400 ? { error: message, code: 'bad_request' } : { error: message });
  }
  return { status: 500, body: { error: 'internal error' }, headers: {}, internal: true };
}

/**
 * Checks a request's parameters, query or body with its zod schema. A refusal names each field
 * (`body.score: at most 5`) and carries the problems as catalog keys, so a page can say them in its
 * own language — the admin config editor does, at the place of each.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const where = httpPart ?? 'request';
    const message = result.error.issues.map((issue) => `${[where, ...issue.path].join('.')}: ${issueMessage(issue)}`).join('; ');
    return { error: new HttpError(400, message, { code: 'bad_request', problems: configProblems(result.error, data) }) };
  };
