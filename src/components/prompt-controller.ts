import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { NotiflowsClientBase } from '../api/client-base.js';
import { toNotiflowsError } from '../api/errors.js';
import { loadRequests } from '../api/load-requests.js';
import type { NotiflowsEvent } from './notiflows-controller.js';
import type { PushState } from '../push/environment.js';
import type { PushSubscriber } from '../push/push-subscriber.js';
import { decide, PromptMemory, type PromptRules } from '../push/prompt-memory.js';
import { userHashOf } from '../internal/user-hash.js';

/** Hidden, asking, or (iPhone/iPad outside a Home Screen app) showing the install steps. */
export type PromptPhase = 'hidden' | 'open' | 'install';

/** A notiflow the prompt offers to choose, as the user ticked it. */
export interface PromptTopic {
  id: string;
  name: string;
  on: boolean;
}

/** What the prompt works with, read when needed (the host's user or channel may change). */
export interface PromptSource {
  /** The host's client and push subscriber; `pushStarted` settles once that has reconciled (before, its state is a guess). */
  session(): {
    client?: NotiflowsClientBase;
    push?: PushSubscriber;
    pushStarted?: Promise<unknown>;
    /** Keeps the subscriber alive past the host until the returned function is called. */
    holdPush(): () => void;
  };
  rules(): PromptRules;
  /** Notiflow ids to offer as topics; empty for none. */
  topics(): string[];
}

/** Where asking makes sense: push can work here (or after "Add to Home Screen") and nobody asked yet. */
const askable = (state?: PushState) => state === 'prompt' || state === 'ios-needs-install';

/**
 * The soft push prompt's behaviour, without its looks: when it shows (the rules, remembered
 * per user in {@link PromptMemory}), what "Allow" and "Not now" do, the funnel events. Allow
 * asks the browser inside the click and subscribes in one step; the chosen topics are saved
 * with one PUT once notifications are allowed.
 *
 * @example
 * class MyPrompt extends LitElement {
 *   readonly #prompt = new PromptController(this, source, (...[type, detail]) =>
 *     this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true })),
 *   );
 *   render() {
 *     return this.#prompt.phase === 'open'
 *       ? html`<button @click=${() => this.#prompt.allow()}>Allow</button>`
 *       : nothing;
 *   }
 * }
 */
export class PromptController implements ReactiveController {
  /** What shows now. */
  phase: PromptPhase = 'hidden';
  /** The topics offered, once their names are loaded (none if that failed). */
  topics: PromptTopic[] = [];

  readonly #host: ReactiveControllerHost;
  readonly #source: PromptSource;
  readonly #emit: (...event: NotiflowsEvent) => void;
  #bound?: PushSubscriber;
  #memory?: PromptMemory;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(
    host: ReactiveControllerHost,
    source: PromptSource,
    emit: (...event: NotiflowsEvent) => void,
  ) {
    this.#host = host;
    this.#source = source;
    this.#emit = emit;
    host.addController(this);
  }

  /** Follows the host's push subscriber: a new one (another user) decides again. */
  hostUpdate(): void {
    const push = this.#source.session().push;
    if (push !== this.#bound) {
      this.#bound = push;
      this.#close();
      if (push) this.#consider(push).catch(() => undefined); // no user yet, or it changed: no prompt
    } else if (this.phase === 'open' && !askable(push?.state)) {
      this.#close(); // subscribed or blocked meanwhile, from another element or tab
    }
  }

  /** Stops a prompt that waits for its delay. */
  hostDisconnected(): void {
    this.#bound = undefined;
    this.#close();
  }

  /**
   * "Allow": asks the browser now (call it from the click), subscribes, saves the topics;
   * on iPhone/iPad outside a Home Screen app, shows the install steps instead.
   */
  allow(): void {
    const push = this.#bound;
    const memory = this.#memory;
    if (!push || !memory || this.phase !== 'open') return;
    const enabled = push.state === 'prompt' ? push.enable() : undefined; // first: the click counts
    // What the answer acts on is this click's: its user's client and topics, and the
    // subscriber kept alive even if the page removes the prompt (on the accept event, say) or
    // switches users meanwhile.
    if (enabled) {
      const session = this.#source.session();
      const release = session.holdPush();
      void this.#answered(enabled, memory, session.client, this.topics).finally(release);
    }
    void memory.accepted();
    this.phase = enabled ? 'hidden' : 'install';
    this.#host.requestUpdate();
    this.#emit('notiflows-prompt-accept', undefined);
  }

  /** "Not now" (and Escape): hidden for the snooze days; on the install steps, just closes. */
  dismiss(): void {
    const memory = this.#memory;
    if (this.phase === 'open' && memory) {
      void memory.dismissed(this.#source.rules().snoozeDays);
      this.#emit('notiflows-prompt-dismiss', undefined);
    }
    this.#close();
  }

  /** Ticks or unticks a topic. */
  choose(id: string, on: boolean): void {
    this.topics = this.topics.map((t) => (t.id === id ? { ...t, on } : t));
    this.#host.requestUpdate();
  }

  #close(): void {
    clearTimeout(this.#timer);
    if (this.phase === 'hidden') return;
    this.phase = 'hidden';
    this.#host.requestUpdate();
  }

  async #consider(push: PushSubscriber): Promise<void> {
    const { client, pushStarted } = this.#source.session();
    await pushStarted;
    if (push !== this.#bound || !client || !askable(push.state)) return;
    const memory = new PromptMemory({ user: await userHashOf(client) });
    const rules = this.#source.rules();
    const decision = decide(rules, await memory.visit(), Date.now());
    if (!decision.show || push !== this.#bound) return;
    this.#memory = memory;
    this.#timer = setTimeout(() => void this.#open(push, client, memory, rules), decision.waitMs);
  }

  async #open(
    push: PushSubscriber,
    client: NotiflowsClientBase,
    memory: PromptMemory,
    rules: PromptRules,
  ): Promise<void> {
    const ids = this.#source.topics();
    if (ids.length && push.state === 'prompt') this.topics = await loadTopics(client, ids);
    // Still askable, and no other tab showed it or heard "Not now" during the delay.
    if (push !== this.#bound || !askable(push.state) || !(await memory.shown(rules))) return;
    this.phase = 'open';
    this.#emit('notiflows-prompt-show', undefined);
    this.#host.requestUpdate();
  }

  /** The browser's answer: counted and told; once allowed, the ticked topics in one PUT. */
  async #answered(
    enabled: Promise<unknown>,
    memory: PromptMemory,
    client: NotiflowsClientBase | undefined,
    topics: PromptTopic[],
  ): Promise<void> {
    await enabled.catch(() => undefined); // the state and its error are the subscriber's
    const permission = Notification.permission;
    void memory.permission(permission);
    this.#emit('notiflows-prompt-permission', { permission });
    if (permission !== 'granted' || !topics.length || !client) return;
    const notiflows = Object.fromEntries(
      topics.map((t) => [t.id, { channel_types: { web_push: t.on } }]),
    );
    try {
      await (await loadRequests()).updatePreferences(client, { notiflows });
    } catch (error) {
      this.#emit('notiflows-error', { error: toNotiflowsError(error, 'network_error') });
    }
  }
}

/**
 * The offered notiflows the user has on and that can push, named, ticked where push is on for
 * them now; read with the prompt's user's client. None if that read fails: the prompt still asks.
 */
async function loadTopics(client: NotiflowsClientBase, ids: string[]): Promise<PromptTopic[]> {
  const prefs = await loadRequests()
    .then(({ getPreferences }) => getPreferences(client))
    .catch(() => undefined);
  return ids.flatMap((id) => {
    const n = prefs?.notiflows[id];
    // One the user turned off stays off: the prompt is no way to turn it back on.
    return n?.enabled && 'web_push' in n.channel_types
      ? [{ id, name: n.name ?? id, on: n.channel_types.web_push !== false }]
      : [];
  });
}
