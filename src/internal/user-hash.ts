import { sha256 } from './sha256.js';

/**
 * Who a stored record, queued change or broadcast belongs to: one user of one project at
 * one API. Hashed so IndexedDB and broadcasts never name the user.
 */
export async function userHashOf(client: {
  apiUrl: string;
  apiKey: string;
  resolveUserId(): Promise<string>;
}): Promise<string> {
  return sha256([client.apiUrl, client.apiKey, await client.resolveUserId()].join('\n'));
}
