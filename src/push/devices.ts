import type { ChannelSubscription } from '../api/types.js';

/** One browser that receives this user's notifications. */
export interface Device {
  /** The subscription's identifier (its endpoint): what `removeDevice()` takes. */
  identifier: string;
  /** Named after its push service: "Chrome", "Firefox", "Safari", "Edge", else the service's host. */
  name: string;
  /** When it was registered (ISO 8601), as the server says. */
  createdAt: string;
  /** True for this browser. */
  current: boolean;
}

// Push services by host: the endpoint is all the server keeps, and it names the browser family.
const SERVICES: [RegExp, string][] = [
  [/(^|\.)(fcm|android)\.googleapis\.com$/, 'Chrome'], // Chrome and every Chromium browser but Edge
  [/(^|\.)push\.services\.mozilla\.com$/, 'Firefox'],
  [/(^|\.)push\.apple\.com$/, 'Safari'],
  [/(^|\.)notify\.windows\.com$/, 'Edge'],
];

/** The name of the browser behind a push endpoint; the host for a service we do not know. */
export function deviceName(endpoint: string): string {
  let host: string;
  try {
    host = new URL(endpoint).host;
  } catch {
    return endpoint;
  }
  return SERVICES.find(([pattern]) => pattern.test(host))?.[1] ?? host;
}

/** Subscriptions as devices, newest first; `currentEndpoint` marks this browser. */
export function toDevices(
  subscriptions: readonly ChannelSubscription[],
  currentEndpoint?: string,
): Device[] {
  return subscriptions
    .map((s) => ({
      identifier: s.identifier,
      // Text only (a name is rendered): the identifier is checked, the settings are not.
      name: deviceName(
        typeof s.settings?.endpoint === 'string' ? s.settings.endpoint : s.identifier,
      ),
      createdAt: typeof s.created_at === 'string' ? s.created_at : '', // unchecked, like settings
      current: s.identifier === currentEndpoint,
    }))
    .sort(
      (a, b) =>
        (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0) || // undated: last
        a.identifier.localeCompare(b.identifier),
    );
}
