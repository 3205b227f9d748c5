import { decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import type { FakeNotiflows } from './fake-notiflows.js';
import { ApiError, notFound } from './http.js';
import type { Project } from './project.js';

/** The longest lifetime (`exp` − `iat`) the fake accepts for a user key, in seconds: 24 h. */
export const MAX_USER_KEY_LIFETIME = 24 * 3600;
/** How far in the future a user key's `iat` may be (the signer's clock ahead), in seconds. */
const IAT_LEEWAY = 60;

/** The two APIs: they authenticate differently. */
export type Api = 'user' | 'admin';

/** How a request authenticated, and as whom (the user API acts as a user). */
export type Caller =
  { auth: 'user_key' | 'user_id'; userId: string } | { auth: 'secret_key'; userId?: undefined };

const unauthenticated = (details: Record<string, unknown>) =>
  new ApiError(401, 'unauthenticated', 'Authentication required', details);

/**
 * Who a request acts as, checked as Notiflows does: the public key always; then on the user
 * API the origin and the user's credential, on the admin API the secret key.
 */
export async function authenticate(project: Project, api: Api, request: Request): Promise<Caller> {
  if (request.headers.get('x-notiflows-api-key') !== project.fake.apiKey)
    throw unauthenticated({ auth: 'api_key' });
  if (api === 'admin') {
    if (request.headers.get('x-notiflows-secret-key') !== project.fake.secretKey)
      throw unauthenticated({ auth: 'secret_key' });
    return { auth: 'secret_key' };
  }
  const origin = request.headers.get('origin');
  if (origin && !originAllowed(project.fake, origin)) {
    throw new ApiError(403, 'forbidden', 'Origin not allowed', { reason: 'origin_not_allowed' });
  }
  const caller = await userCredential(project, request);
  if (!project.fake.users.has(caller.userId)) throw notFound('user', caller.userId);
  return caller;
}

/** The user a user API request names: by its user key, or by id in development mode. */
async function userCredential(
  project: Project,
  request: Request,
): Promise<{ auth: 'user_key' | 'user_id'; userId: string }> {
  const key = request.headers.get('x-notiflows-user-key');
  if (key) {
    if (!project.signingKey) throw unauthenticated({ auth: 'user_key', reason: 'no_signing_key' });
    const signingKey = await project.signingKey;
    return { auth: 'user_key', userId: await verifyUserKey(key, signingKey, project.clock) };
  }
  const devId = request.headers.get('x-notiflows-user-id');
  if (!devId) throw unauthenticated({ auth: 'user_key', reason: 'missing' });
  if (!project.fake.developmentMode)
    throw unauthenticated({ auth: 'user_key', reason: 'development_mode_disabled' });
  return { auth: 'user_id', userId: devId };
}

/**
 * A user key as a server checks it, on the server's clock: RS256 signature, `sub`, `exp`
 * required and at most {@link MAX_USER_KEY_LIFETIME} after `iat`, `iat` not ahead by more
 * than a minute, `nbf` reached. 401 with `details.reason` otherwise.
 */
async function verifyUserKey(
  key: string,
  signingKey: Parameters<typeof jwtVerify>[1],
  clock: () => number,
): Promise<string> {
  let reason = 'invalid';
  try {
    const { payload } = await jwtVerify(key, signingKey as CryptoKey, {
      algorithms: ['RS256'],
      requiredClaims: ['exp', 'sub'],
      currentDate: new Date(clock()),
    });
    const t = clock() / 1000;
    const issued = payload.iat ?? t;
    if (issued > t + IAT_LEEWAY) reason = 'issued_in_future';
    else if (payload.exp! - issued > MAX_USER_KEY_LIFETIME) reason = 'lifetime_too_long';
    else if (typeof payload.sub === 'string' && payload.sub) return payload.sub;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) reason = 'expired';
    else if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf')
      reason = 'not_yet_valid';
  }
  throw unauthenticated({ auth: 'user_key', reason });
}

/** The user a request's credential names, unverified (for the log only). */
export function claimedUser(request: Request): string | undefined {
  const key = request.headers.get('x-notiflows-user-key');
  try {
    if (key) return decodeJwt(key).sub;
  } catch {
    // not a JWT: nobody
  }
  return request.headers.get('x-notiflows-user-id') ?? undefined;
}

function originAllowed(fake: FakeNotiflows, origin: string): boolean {
  return fake.allowedOrigins === '*' || fake.allowedOrigins.includes(origin);
}

/** The CORS headers for a request's origin, if allowed: a preflight's, or an answer's. */
export function corsHeaders(
  fake: FakeNotiflows,
  request: Request,
  preflight: boolean,
): Record<string, string> {
  const origin = request.headers.get('origin');
  if (!origin || !originAllowed(fake, origin)) return {};
  return {
    'access-control-allow-origin': origin,
    vary: 'origin',
    'access-control-expose-headers': 'x-request-id, retry-after, date',
    ...(preflight
      ? {
          'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
          'access-control-allow-headers':
            'content-type, x-notiflows-api-key, x-notiflows-user-key, x-notiflows-user-id',
          'access-control-max-age': '600',
        }
      : {}),
  };
}
