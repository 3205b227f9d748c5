/** What the demo server tells the page (a real site knows these at build time). */
export interface DemoConfig {
  apiKey: string;
  apiUrl: string;
  channelId: string;
  vapidPublicKey: string;
}

export const loadConfig = async () => (await (await fetch('/demo/config')).json()) as DemoConfig;
