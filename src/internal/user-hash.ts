import { sha256 } from './sha256.js';

/**
 * Who a stored record, queued change or broadcast belongs to: one user of one project (its
 * public key names it). Not the API URL: a site that moves `api-url` to a same-origin proxy
 * keeps its users' queued changes and devices. Hashed so IndexedDB and broadcasts never name
 * the user.
 */
export async function userHashOf(client: {
  apiKey: string;
  resolveUserId(): Promise<string>;
}): Promise<string> {
  return sha256([client.apiKey, await client.resolveUserId()].join('\n'));
}
