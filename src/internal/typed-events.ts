// Typed events for our EventTargets, the way lib.dom types HTMLElement's: an event map per
// class, `addEventListener` overloads from it, and a dispatch helper whose `detail` must fit.

/** The `detail` of a map's event; `undefined` for a plain `Event`. */
export type DetailOf<M, K extends keyof M> = M[K] extends CustomEvent<infer D> ? D : undefined;

/** `addEventListener` / `removeEventListener` typed by an event map. */
export interface TypedEventTarget<M> {
  addEventListener<K extends keyof M & string>(
    type: K,
    listener: (event: M[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof M & string>(
    type: K,
    listener: (event: M[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
}

/** `EventTarget`, typed by an event map: `class Store extends typedEventTarget<StoreEventMap>() {}`. */
export function typedEventTarget<M>() {
  return EventTarget as unknown as new () => Omit<
    EventTarget,
    'addEventListener' | 'removeEventListener'
  > &
    TypedEventTarget<M>;
}

/** Dispatches `type` with a `detail` that the map says it carries (a wrong one fails to compile). */
export function emit<M, K extends keyof M & string>(
  target: EventTarget,
  type: K,
  ...[detail]: DetailOf<M, K> extends undefined ? [] : [DetailOf<M, K>]
): void {
  target.dispatchEvent(new CustomEvent(type, { detail }));
}
