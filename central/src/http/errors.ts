// How central's HTTP side refuses: as the hub's does (hub/src/http/errors.ts), every refusal answers
// `apiErrorSchema` — an English message, and the problems when there are some — with one status per cause.
import { type ApiErrorBody, configProblems, issueMessage } from '@vikno/shared';
import type { FastifyError, FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const BODY_LIMIT = 16 * 1024;

export interface Refusal {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
  /** Central's own fault: logged. */
  internal: boolean;
}

export function refusalOf(error: unknown): Refusal {
  if (error instanceof HttpError) return { status: error.status, body: { error: error.message }, headers: error.headers, internal: false };
  const e = error as Partial<FastifyError> & { problems?: ApiErrorBody['problems'] };
  const status = e.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const body: ApiErrorBody =
      status === 400
        ? { error: e.message ?? 'bad request', code: 'bad_request', ...(e.problems && { problems: e.problems }) }
        : { error: e.message ?? 'refused' };
    return { status, body, headers: {}, internal: false };
  }
  return { status: 500, body: { error: 'internal error' }, headers: {}, internal: true };
}

/** Checks a request's part with its zod schema; a refusal names each field (`query.from: …`). */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const where = httpPart ?? 'request';
    const message = result.error.issues.map((issue) => `${[where, ...issue.path].join('.')}: ${issueMessage(issue)}`).join('; ');
    return { error: Object.assign(new Error(message), { statusCode: 400, problems: configProblems(result.error, data) }) };
  };
