import type { NotiflowsClientOptions } from '../api/client-base.js';
import { devMessage, NotiflowsError } from '../api/errors.js';
import { emit, typedEventTarget } from '../internal/typed-events.js';
import type { PushHint, PushState } from './environment.js';
import {
  missingPushSetting,
  shareClient,
  sharePush,
  type Held,
  type SharedClient,
  type SharedPush,
} from './page-shared.js';
import type {
  PushSubscriber,
  PushSubscriberEventMap,
  PushSubscriberOptions,
} from './push-subscriber.js';

/** What {@link PagePush.configure} takes: the element's attributes, as options. */
export type PagePushOptions = NotiflowsClientOptions &
  Pick<
    PushSubscriberOptions,
    'channelId' | 'vapidPublicKey' | 'serviceWorkerUrl' | 'serviceWorkerScope'
  >;

/**
 * Web push on this page for a UI of your own (a bell, a menu item, a button in a modal): the
 * same subscriber as `<notiflows-push>`, the prompt and the panel when they are configured
 * alike, so your button and theirs make one POST and show one state. Fires `change` and
 * `error` as {@link PushSubscriber} does. The script tag has it as `Notiflows.push`.
 *
 * @example
 * import { push } from '@notiflows/web-push/headless';
 * push.configure({ apiKey: 'pk_live_…', userKeyProvider, channelId, vapidPublicKey });
 * push.addEventListener('change', () => (bell.dataset.state = push.state ?? ''));
 * bell.onclick = () => push.enable(); // from the click: the browser's prompt needs it
 */
export class PagePush extends typedEventTarget<PushSubscriberEventMap>() {
  #client?: Held<SharedClient>;
  #push?: Held<SharedPush>;
  #listening?: AbortController;

  /**
   * Binds to the user and channel given (another call rebinds; the previous subscriber is
   * let go); when the key provider starts returning another user's key, it rebinds to that
   * user and fires `change`. Throws a `NotiflowsError` (`invalid_config`,
   * `secret_key_in_browser`) for settings that cannot work.
   */
  configure(options: PagePushOptions): void {
    const missing = missingPushSetting(options);
    if (missing) throw missing;
    const client = shareClient(options);
    let push: Held<SharedPush>;
    try {
      push = sharePush({ ...options, client: client.value.client });
    } catch (error) {
      client.release();
      throw error;
    }
    this.release();
    this.#client = client;
    this.#push = push;
    const listening = (this.#listening = new AbortController());
    const { signal } = listening;
    // The provider now returns another user's key (the site switched users): bind to that
    // user, as the elements do, and say so.
    const onUserChange = (key: string) =>
      queueMicrotask(() => {
        if (signal.aborted) return;
        this.configure({ ...options, userKey: key });
        emit<PushSubscriberEventMap, 'change'>(this, 'change', {
          state: this.subscriber!.state,
          previous: push.value.push.state,
        });
      });
    client.value.userChange.add(onUserChange);
    signal.addEventListener('abort', () => client.value.userChange.delete(onUserChange));
    push.value.push.addEventListener(
      'change',
      (e) => emit<PushSubscriberEventMap, 'change'>(this, 'change', e.detail),
      { signal },
    );
    push.value.push.addEventListener(
      'error',
      (e) => emit<PushSubscriberEventMap, 'error'>(this, 'error', e.detail),
      { signal },
    );
  }

  /** The bound subscriber, once configured. */
  get subscriber(): PushSubscriber | undefined {
    return this.#push?.value.push;
  }

  /** Settles once the subscriber has reconciled: `state` is this browser's from then on. */
  get ready(): Promise<PushState | undefined> {
    return Promise.resolve(this.#push?.value.started).then(() => this.state);
  }

  /** This browser's push state for the configured user; undefined until configured and checked ({@link ready}). */
  get state(): PushState | undefined {
    return this.#push?.value.checked ? this.subscriber?.state : undefined;
  }

  /** Advice to show with the state. */
  get hint(): PushHint | undefined {
    return this.subscriber?.hint;
  }

  /** What went wrong, with state `error`. */
  get error(): NotiflowsError | undefined {
    return this.subscriber?.error;
  }

  /** Asks permission and subscribes; call it straight from a click (the prompt is asked before any await). */
  async enable(): Promise<PushState> {
    return this.#bound().enable();
  }

  /** Stops push on this browser for this user: server DELETE, then the local unsubscribe. */
  async disable(): Promise<PushState> {
    return this.#bound().disable();
  }

  /** Shows a local test notification (display, not delivery); needs permission. */
  async showTestNotification(text: { title: string; body: string }): Promise<void> {
    return this.#bound().showTestNotification(text);
  }

  /** Lets the subscriber go (disposed once no element holds it either). */
  release(): void {
    this.#listening?.abort();
    this.#push?.release();
    this.#client?.release();
    this.#push = this.#client = this.#listening = undefined;
  }

  #bound(): PushSubscriber {
    const push = this.subscriber;
    if (!push) throw new NotiflowsError('invalid_config', devMessage('push_not_configured'));
    return push;
  }
}

/** The page's {@link PagePush}: `Notiflows.push` for the script tag. */
export const push = new PagePush();
