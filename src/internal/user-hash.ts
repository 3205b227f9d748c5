import { sha256 } from './sha256.js';

/**
 * Who a stored record, queued change or broadcast belongs to: one user of one project, named
 * by `project` if the site gives it, else by its public key. Not the API URL: a site that
 * moves `api-url` to a same-origin proxy keeps its users' queued changes and devices. Hashed
 * so IndexedDB and broadcasts never name the user.
 *
 * Resolves to the hash to store under, then the one data stored before `project` was set
 * carries (read as this user's and moved to the first, so a later key rotation keeps it).
 */
export async function userHashesOf(client: {
  apiKey: string;
  project?: string;
  resolveUserId(): Promise<string>;
}): Promise<string[]> {
  const user = await client.resolveUserId();
  const byKey = await sha256(`${client.apiKey}\n${user}`);
  // The prefix keeps a project named like a key apart from that key.
  return client.project ? [await sha256(`project:${client.project}\n${user}`), byKey] : [byKey];
}

/** The hash this user's data is stored under now (the first of {@link userHashesOf}). */
export async function userHashOf(client: Parameters<typeof userHashesOf>[0]): Promise<string> {
  return (await userHashesOf(client))[0]!;
}
