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
  if (!client.project) return [byKey];
  // The key's mode (pk_live_, pk_test_) stays part of it: a live and a test project given the
  // same name are still two; the prefix keeps a project named like a key apart from that key.
  const mode = /^pk_([a-z]+)_/.exec(client.apiKey)?.[1] ?? '';
  return [await sha256(`project:${mode}:${client.project}\n${user}`), byKey];
}

/** The hash this user's data is stored under now (the first of {@link userHashesOf}). */
export async function userHashOf(client: Parameters<typeof userHashesOf>[0]): Promise<string> {
  return (await userHashesOf(client))[0]!;
}
