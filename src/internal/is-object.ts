/** A plain JSON object (not null, not an array): what every shape check starts from. */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
