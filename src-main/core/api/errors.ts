/** The admin API's error rendering and validation helpers: zod issues become field messages. */
import type { ErrorRequestHandler } from 'express';
import type { ApiErrorBody } from '../../../src-shared/api.js';
import type { ServerResponse } from 'node:http';
import type { z } from 'zod';
import { AppError, toAppError } from '../errors.js';
import type { Logger } from '../logger.js';

export function validate<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'body', message: issue.message }));
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  throw new AppError('invalid_request_error', `Invalid request: ${summary}`, { fields });
}

/** Writes an error in the admin API's shape on a plain Node response (also used before express runs). */
export function writeApiError(res: ServerResponse, error: AppError): void {
  res.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8', 'x-should-retry': String(error.retryable), ...error.headers });
  const body: ApiErrorBody = { error: { type: error.kind, message: error.message, fields: error.fields } };
  res.end(JSON.stringify(body));
}

export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    // body-parser's own errors (bad JSON, too large) carry a status and a type.
    const parserError = error as { type?: string; status?: number };
    const appError =
      parserError.type === 'entity.parse.failed'
        ? new AppError('invalid_request_error', 'The request body is not valid JSON.')
        : parserError.type === 'entity.too.large'
          ? new AppError('request_too_large', 'The request body is too large.')
          : toAppError(error);
    if (appError.status >= 500) logger.error({ err: (error as Error).message }, 'admin API error');
    writeApiError(res, appError);
  };
}
