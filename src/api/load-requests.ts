import { lazy } from '../internal/lazy.js';

/**
 * The user API's calls (src/api/requests.ts) for code a page loads before it sends anything:
 * a sign-out's DELETE, the soft prompt's topics. Already there wherever the preferences store
 * or the part that subscribes is loaded; a load that fails is a `network_error` like the
 * request it was for.
 */
export const loadRequests = lazy(() => import('./requests.js'), 'api/requests');
