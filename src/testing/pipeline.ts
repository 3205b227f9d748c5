import { http, HttpResponse, type HttpHandler } from 'msw';
import type { LoggedRequest } from './fake-notiflows.js';
import { authenticate, claimedUser, corsHeaders, type Api } from './auth.js';
import { strike } from './faults.js';
import { ApiError, errorResponse, readBody } from './http.js';
import { now, type Project } from './project.js';
import { spendBudget } from './rate-limit.js';

/** What an endpoint is given, once its request went through the pipeline. */
export interface Call {
  /** The external id of the user it acts as (user API only). */
  userId: string;
  /** The path's params, decoded. */
  params: Record<string, string>;
  /** The JSON body, `undefined` when empty. */
  body: unknown;
}

/** One operation of an API: its answer to a call; an {@link ApiError} it throws is answered too. */
export type Endpoint = (project: Project, call: Call) => Promise<Response> | Response;

/** What msw gives a resolver. */
interface Incoming {
  request: Request;
  params: Record<string, string | readonly string[] | undefined>;
}

/** An msw resolver for an endpoint. */
type Resolver = (incoming: Incoming) => Promise<Response>;

/** Puts an endpoint of one API behind the pipeline, as an msw resolver. */
export type Serve = (api: Api, endpoint: Endpoint) => Resolver;

/**
 * The pipeline every request of one fake goes through: logged as it arrives, its steps taken
 * (see `respond`), errors answered with the error envelope, the answer stamped.
 */
export function pipeline(project: Project): Serve {
  let count = 0;
  return (api, endpoint) =>
    async ({ request, params }) => {
      const requestId = `req_${(++count).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      const entry = logRequest(project, request, requestId);
      let response: Response;
      try {
        response = await respond(project, api, endpoint, { request, params }, entry);
      } catch (error) {
        const apiError =
          error instanceof ApiError ? error : new ApiError(500, 'internal_error', String(error));
        response = errorResponse(apiError, requestId);
      }
      // A dropped connection (`Response.error()`) has no headers, and stays logged as 0.
      return response.type === 'error' ? response : stamp(project, request, entry, response);
    };
}

/** Answers CORS preflights anywhere below the base URL, for allowed origins. */
export function preflight(project: Project): HttpHandler {
  return http.options(
    `${project.fake.baseUrl}/*`,
    ({ request }) =>
      new HttpResponse(null, { status: 204, headers: corsHeaders(project.fake, request, true) }),
  );
}

/** Logs a request as it arrives, with the user its credential claims until it authenticates. */
function logRequest(project: Project, request: Request, requestId: string): LoggedRequest {
  const url = new URL(request.url);
  // The base URL's path; msw's `*` for any origin stands in front of it.
  const base = new URL(project.fake.baseUrl.replace(/^\*/, 'http://x'), url).pathname.replace(
    /\/$/,
    '',
  );
  const entry: LoggedRequest = {
    requestId,
    method: request.method,
    path: url.pathname.slice(base.length),
    status: 0,
    at: now(),
    user: claimedUser(request),
  };
  project.fake.requests.push(entry);
  return entry;
}

/**
 * A request's steps, as Notiflows takes them: received; authenticated (on the user API, then
 * counted against the user's budget); applied by the endpoint. A fault may answer after each.
 */
async function respond(
  project: Project,
  api: Api,
  endpoint: Endpoint,
  { request, params }: Incoming,
  entry: LoggedRequest,
): Promise<Response> {
  const received = await strike(project.faults, entry, 'received');
  if (received) return received;
  const caller = await authenticate(project, api, request);
  entry.auth = caller.auth;
  entry.user = caller.userId;
  if (api === 'user') spendBudget(project, caller.userId!);
  const authenticated = await strike(project.faults, entry, 'authenticated');
  if (authenticated) return authenticated;
  entry.body = await readBody(request);
  const response = await endpoint(project, {
    userId: caller.userId!,
    params: Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, decodeURIComponent(String(v))]),
    ),
    body: entry.body,
  });
  return (await strike(project.faults, entry, 'applied')) ?? response;
}

/** Stamps an answer as Notiflows does (request id, the server's `Date`, CORS) and logs its status. */
function stamp(project: Project, request: Request, entry: LoggedRequest, response: Response) {
  response.headers.set('x-request-id', entry.requestId);
  response.headers.set('date', new Date(project.clock()).toUTCString());
  for (const [k, v] of Object.entries(corsHeaders(project.fake, request, false)))
    response.headers.set(k, v);
  entry.status = response.status;
  return response;
}
