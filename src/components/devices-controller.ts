import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toNotiflowsError, type NotiflowsError } from '../api/errors.js';
import type { Device } from '../push/devices.js';
import type { PushState } from '../push/environment.js';
import type { PushSubscriber } from '../push/push-subscriber.js';

/** Show this many devices before "Show all". */
export const DEVICES_SHOWN = 3;
const REFRESH_AFTER_MS = 60_000;

/**
 * "Your devices" for the push card: loaded when first opened (a load of the panel costs
 * no request for it), refreshed when this browser subscribes or unsubscribes and when the
 * tab becomes visible after a minute; removal asks for confirmation inside the item.
 * Everything resets when the host's push subscriber changes (another user or channel).
 *
 * @example
 * class DevicesPanel extends LitElement {
 *   push?: PushSubscriber;
 *   readonly #devices = new DevicesController(this, () => this.push, (d) => console.log(`${d.name} removed`));
 *   render() {
 *     const d = this.#devices;
 *     return html`<button @click=${() => d.toggle()}>Your devices</button>
 *       ${d.open ? d.devices?.map((device) => html`<p>${device.name}</p>`) : nothing}`;
 *   }
 * }
 */
export class DevicesController implements ReactiveController {
  /** Whether the list is shown; `toggle()` flips it. */
  open = false;
  /** The user's browsers on this channel, newest first; undefined until the first load. */
  devices?: Device[];
  /** True while a load is in flight; the previous list, if any, stays meanwhile. */
  loading = false;
  /** Why the last load failed; cleared when the next one starts. */
  error?: NotiflowsError;
  /** Whether every device shows, not only the first {@link DEVICES_SHOWN}; set by `expand()`. */
  showAll = false;
  /** Identifier of the device whose removal waits for confirmation (set by `ask()`). */
  confirming?: string;
  /** Identifier of the device being removed; one removal runs at a time. */
  removing?: string;
  /** Why the last removal failed; cleared by `ask()` and by the next removal. */
  removeError?: NotiflowsError;

  readonly #host: ReactiveControllerHost;
  readonly #push: () => PushSubscriber | undefined;
  readonly #removed: (device: Device) => void;
  #bound?: PushSubscriber;
  #state?: PushState;
  #loadedAt = 0;
  /** Bumped by every load and every reset: a stale list never shows. */
  #seq = 0;
  /** Bumped when the subscriber (so the user) changes: a removal of the previous user's device says nothing here. */
  #generation = 0;

  constructor(
    host: ReactiveControllerHost,
    push: () => PushSubscriber | undefined,
    removed: (device: Device) => void,
  ) {
    this.#host = host;
    this.#push = push;
    this.#removed = removed;
    host.addController(this);
  }

  /** Starts refreshing an open list when the tab becomes visible again. */
  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisible);
  }

  /** Stops listening for visibility. */
  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisible);
  }

  /**
   * Follows the host's push subscriber: a new one clears everything shown; this browser
   * subscribing or unsubscribing reloads an open list.
   */
  hostUpdate(): void {
    const push = this.#push();
    if (push !== this.#bound) {
      // Another user, channel or worker: nothing of the previous list may show.
      Object.assign(this, {
        open: false,
        devices: undefined,
        loading: false,
        error: undefined,
        showAll: false,
        confirming: undefined,
        removing: undefined,
        removeError: undefined,
      });
      this.#bound = push;
      this.#state = push?.state;
      this.#seq++;
      this.#generation++;
      return;
    }
    const state = push?.state;
    if (state !== this.#state && (state === 'subscribed' || state === 'unsubscribed') && this.open)
      void this.load();
    this.#state = state;
  }

  /** Opens or closes the list; the first opening loads it. */
  toggle(): void {
    this.open = !this.open;
    if (this.open && !this.devices) void this.load();
    this.#host.requestUpdate();
  }

  /** Loads the list (again); only the latest load shows. */
  async load(): Promise<void> {
    const push = this.#push();
    if (!push) return;
    const seq = ++this.#seq;
    this.loading = true;
    this.error = undefined;
    this.#host.requestUpdate();
    try {
      const devices = await push.listDevices();
      if (seq !== this.#seq) return;
      this.devices = devices;
      this.#loadedAt = Date.now();
    } catch (error) {
      if (seq !== this.#seq) return;
      this.error = toNotiflowsError(error, 'network_error');
    }
    this.loading = false;
    this.#host.requestUpdate();
  }

  /** Asks to confirm the removal of a device; `undefined` cancels. */
  ask(identifier: string | undefined): void {
    this.confirming = identifier;
    this.removeError = undefined;
    this.#host.requestUpdate();
  }

  /**
   * Removes a device (this browser's own entry is `disable()`), drops it from the list and
   * calls `removed`. Ignored while another removal runs; a failure sets `removeError`.
   */
  async remove(device: Device): Promise<void> {
    const push = this.#push();
    if (!push || this.removing) return;
    const generation = this.#generation;
    this.removing = device.identifier;
    this.removeError = undefined;
    this.#host.requestUpdate();
    try {
      await push.removeDevice(device.identifier);
      if (generation !== this.#generation) return; // another user's panel now: nothing of this one shows
      this.devices = this.devices?.filter((d) => d.identifier !== device.identifier);
      this.confirming = undefined;
      this.#removed(device);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.removeError = toNotiflowsError(error, 'network_error');
    }
    this.removing = undefined;
    this.#host.requestUpdate();
  }

  /** Shows every device, past the first {@link DEVICES_SHOWN}. */
  expand(): void {
    this.showAll = true;
    this.#host.requestUpdate();
  }

  #onVisible = () => {
    if (
      document.visibilityState === 'visible' &&
      this.open &&
      Date.now() - this.#loadedAt > REFRESH_AFTER_MS
    )
      void this.load();
  };
}
