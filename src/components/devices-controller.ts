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
 */
export class DevicesController implements ReactiveController {
  open = false;
  devices?: Device[];
  loading = false;
  error?: NotiflowsError;
  showAll = false;
  /** The device whose removal waits for confirmation, and the one being removed. */
  confirming?: string;
  removing?: string;
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

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisible);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisible);
  }

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

  toggle(): void {
    this.open = !this.open;
    if (this.open && !this.devices) void this.load();
    this.#host.requestUpdate();
  }

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

  ask(identifier: string | undefined): void {
    this.confirming = identifier;
    this.removeError = undefined;
    this.#host.requestUpdate();
  }

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
