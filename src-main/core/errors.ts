/**
 * The one error type of the core. Routes throw it; a single renderer per provider shape
 * (Anthropic, OpenAI, the admin API) turns it into a response, so every refusal carries the
 * same status, the same `x-should-retry` decision and a message a person can act on.
 */
export type ErrorKind =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'conflict_error'
  | 'request_too_large'
  | 'budget_exceeded'
  | 'unsupported_route'
  | 'upstream_unreachable'
  | 'upstream_timeout'
  | 'store_unavailable'
  | 'overloaded_error'
  | 'api_error';

const STATUS: Record<ErrorKind, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  conflict_error: 409,
  request_too_large: 413,
  budget_exceeded: 402,
  unsupported_route: 404,
  upstream_unreachable: 502,
  upstream_timeout: 504,
  store_unavailable: 503,
  overloaded_error: 529,
  api_error: 500,
};

/** Kinds where trying the same request again can succeed. */
const RETRYABLE: ReadonlySet<ErrorKind> = new Set(['upstream_unreachable', 'upstream_timeout', 'overloaded_error']);

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly status: number;
  readonly retryable: boolean;
  /** Per-field problems, so forms can show each message next to its input. */
  readonly fields: FieldIssue[];
  readonly headers: Record<string, string>;

  constructor(kind: ErrorKind, message: string, options: { fields?: FieldIssue[]; headers?: Record<string, string>; status?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.status = options.status ?? STATUS[kind];
    this.retryable = RETRYABLE.has(kind);
    this.fields = options.fields ?? [];
    this.headers = options.headers ?? {};
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Wraps anything thrown into an AppError without leaking internals (stack, SQL, credentials). */
export function toAppError(value: unknown): AppError {
  if (value instanceof AppError) return value;
  return new AppError('api_error', 'Internal error in agent-budget; see its log for details.');
}
