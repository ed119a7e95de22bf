/**
 * Registers the admin API's JSON routes against the shared contract (src-shared/routes.ts): a
 * handler returns the route's response type, and the router writes it (204 when there is none).
 * A path missing from the contract, or an answer that no longer fits it, fails `npm run typecheck`.
 */
import { Router, type Request, type Response } from 'express';
import type { ApiMethod, ApiPath, ApiResponse, ApiRoute, PathParams } from '../../../src-shared/routes.js';

/** The request as the handler sees it: the path's `:name` segments as strings. */
type RouteRequest<P extends string> = Request<{ [K in keyof PathParams<P>]: string }>;
type Handler<P extends string, R extends ApiRoute> = (req: RouteRequest<P>, res: Response) => ApiResponse<R> | Promise<ApiResponse<R>>;
type Register<M extends ApiMethod> = <P extends ApiPath<M>>(path: P, handler: Handler<P, Extract<ApiRoute, `${M} ${P}`>>) => void;

export interface ContractRouter {
  /** The express router to mount; non-JSON routes (the badge) may be added to it directly. */
  router: Router;
  get: Register<'GET'>;
  post: Register<'POST'>;
  put: Register<'PUT'>;
  patch: Register<'PATCH'>;
  delete: Register<'DELETE'>;
}

export function contractRouter(): ContractRouter {
  const router = Router();
  const on =
    (method: 'get' | 'post' | 'put' | 'patch' | 'delete') =>
    (path: string, handler: (req: never, res: Response) => unknown) =>
      router[method](path, async (req, res) => {
        // Express fills `req.params` from the same path the handler's type was derived from.
        const body = await handler(req as never, res);
        if (body === undefined) res.status(204).end();
        else res.json(body);
      });
  return { router, get: on('get'), post: on('post'), put: on('put'), patch: on('patch'), delete: on('delete') };
}
