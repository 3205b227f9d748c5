import type { PropertyValues, ReactiveController, ReactiveControllerHost } from 'lit';
import { adoptStyles, type Style } from './css.js';

/** How a reactive property meets its attribute: the part of Lit's declaration we use. */
export interface PropertyDeclaration {
  /** The attribute's name (default: the property's, lowercased); false: no attribute. */
  attribute?: string | false;
  /** Property to attribute after each change (string values). */
  reflect?: boolean;
  /** Attribute to property: present or not, or a number (default: the string). */
  type?: typeof Boolean | typeof Number;
  /** Attribute to property, by our own function. */
  converter?: { fromAttribute(value: string | null): unknown };
  /** Internal state: renders when it changes, no attribute. */
  state?: boolean;
}

/** A class's `static properties`. */
export type PropertyDeclarations = Record<string, PropertyDeclaration>;

type Values = Record<PropertyKey, unknown>;

/** Where there is no DOM (Node without a DOM shim), a class to extend so importing works. */
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/**
 * The base of our elements: what `LitElement` did for them, and no more, so that pages load
 * without Lit's element layer (1.3 kB gzip less on a page with `<notiflows-push>`).
 * Reactive properties from `static properties` (accessors on the prototype, attributes both
 * ways, values set before the element was defined kept), one update per microtask
 * (`willUpdate`, `render()` into an open shadow root with `static styles`, `updated`), and
 * Lit's reactive controllers. Templates are lit-html's; `commit` renders them. No decorators, no SSR hydration.
 *
 * @example
 * class Greeting extends ElementBase {
 *   static override properties = { name: {} };
 *   name = 'world';
 *   protected override render() {
 *     return html`Hello ${this.name}`;
 *   }
 *   protected override commit(result: unknown) {
 *     render(result, this.renderRoot, { host: this });
 *   }
 * }
 */
export abstract class ElementBase extends Base implements ReactiveControllerHost {
  /** The reactive properties this class adds to its base's. */
  static properties?: PropertyDeclarations;
  /** Adopted into the shadow root. */
  static styles?: Style | Style[];
  /** This class's reactive properties with its bases', once defined. @internal */
  static elementProperties = new Map<string, PropertyDeclaration>();
  /** Attribute name to property name. @internal */
  static attributeProperties = new Map<string, string>();

  /** Read by `customElements.define()`: the class is made ready then. */
  static get observedAttributes(): string[] {
    this.finalize();
    return [...this.attributeProperties.keys()];
  }

  /** Collects the properties of this class and its bases and puts their accessors on the prototype. */
  static finalize(): void {
    if (Object.hasOwn(this, 'elementProperties')) return;
    const base = Object.getPrototypeOf(this) as typeof ElementBase;
    base.finalize();
    this.elementProperties = new Map(base.elementProperties);
    if (Object.hasOwn(this, 'properties'))
      for (const [name, options] of Object.entries(this.properties!)) {
        this.elementProperties.set(name, options);
        const key = Symbol(name);
        Object.defineProperty(this.prototype, name, {
          get(this: Values) {
            return this[key];
          },
          set(this: ElementBase & Values, value: unknown) {
            const old = this[key];
            this[key] = value;
            this.requestUpdate(name, old);
          },
          configurable: true,
          enumerable: true,
        });
      }
    this.attributeProperties = new Map();
    for (const [name, options] of this.elementProperties) {
      const attribute = attributeOf(name, options);
      if (attribute) this.attributeProperties.set(attribute, name);
    }
  }

  /** The open shadow root it renders into, from the first connection on. */
  renderRoot!: ShadowRoot;

  #controllers = new Set<ReactiveController>();
  /** Changed properties and their previous values, for the next update. */
  #changed: PropertyValues = new Map();
  /** Properties to reflect to their attributes in the next update. */
  #reflect = new Set<string>();
  /** The property an attribute is being converted to or from (no echo back). */
  #reflecting?: string;
  /** Values set on the element before its class was defined, applied at the first update. */
  #early = new Map<string, unknown>();
  #pending = false;
  /** The last update, or the first connection before any. */
  #update: Promise<boolean>;
  #connect!: (value: boolean) => void;

  constructor() {
    super();
    this.#update = new Promise((resolve) => (this.#connect = resolve));
    for (const name of (this.constructor as typeof ElementBase).elementProperties.keys())
      if (Object.hasOwn(this, name)) {
        this.#early.set(name, (this as Values)[name]);
        delete (this as Values)[name];
      }
    this.requestUpdate();
  }

  /** Adds a controller; it hears of the connection at once if the element is connected. */
  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.renderRoot && this.isConnected) controller.hostConnected?.();
  }

  /** Removes a controller. */
  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  /** Resolves after the next update: true unless another was requested meanwhile. */
  get updateComplete(): Promise<boolean> {
    return this.#update;
  }

  /**
   * Asks for an update in a microtask; given a property and its previous value, notes it as
   * changed (no update if the value is the same).
   */
  requestUpdate(name?: string, old?: unknown): void {
    if (name !== undefined) {
      if (Object.is((this as Values)[name], old)) return;
      if (!this.#changed.has(name)) this.#changed.set(name, old);
      const declared = (this.constructor as typeof ElementBase).elementProperties.get(name);
      if (declared?.reflect && this.#reflecting !== name) this.#reflect.add(name);
    }
    if (!this.#pending) this.#update = this.#enqueue();
  }

  /** Renders from the first connection on; controllers hear of each connection. */
  connectedCallback(): void {
    if (!this.renderRoot) {
      this.renderRoot = this.attachShadow({ mode: 'open' });
      adoptStyles(this.renderRoot, [(this.constructor as typeof ElementBase).styles ?? []].flat());
    }
    this.#connect(true);
    this.#controllers.forEach((c) => c.hostConnected?.());
  }

  /** Controllers hear of the disconnection. */
  disconnectedCallback(): void {
    this.#controllers.forEach((c) => c.hostDisconnected?.());
  }

  /** An observed attribute changed: its property takes the converted value. */
  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const ctor = this.constructor as typeof ElementBase;
    const name = ctor.attributeProperties.get(attribute)!;
    if (this.#reflecting === name) return;
    const { type, converter } = ctor.elementProperties.get(name)!;
    this.#reflecting = name;
    (this as Values)[name] = converter
      ? converter.fromAttribute(value)
      : type === Boolean
        ? value !== null
        : type === Number && value !== null
          ? Number(value)
          : value;
    this.#reflecting = undefined;
  }

  /** Before each render: derive state from the changed properties. */
  protected willUpdate(_changed: PropertyValues): void {}

  /** What the shadow root shows: a lit-html template. */
  protected abstract render(): unknown;

  /**
   * Puts what `render()` returned into the shadow root: each element names its renderer, so a
   * page loads only the one its elements use (lit-html's, or the small one of ./template.ts).
   */
  protected abstract commit(result: unknown): void;

  /** After each render. */
  protected updated(_changed: PropertyValues): void {}

  async #enqueue(): Promise<boolean> {
    this.#pending = true;
    try {
      await this.#update;
    } catch (error) {
      // The last update threw: it is reported again, and this one goes ahead.
      void Promise.reject(error);
    }
    this.#perform();
    return !this.#pending;
  }

  #perform(): void {
    this.#early.forEach((value, name) => ((this as Values)[name] = value));
    this.#early.clear();
    const changed = this.#changed;
    let result: unknown;
    try {
      this.willUpdate(changed);
      this.#controllers.forEach((c) => c.hostUpdate?.());
      result = this.render();
      this.#reflect.forEach((name) => this.#reflectToAttribute(name));
      this.#reflect.clear();
    } finally {
      // Changes made from here on are for the next update.
      this.#changed = new Map();
      this.#pending = false;
    }
    this.commit(result);
    this.#controllers.forEach((c) => c.hostUpdated?.());
    this.updated(changed);
  }

  #reflectToAttribute(name: string): void {
    const declared = (this.constructor as typeof ElementBase).elementProperties.get(name)!;
    const attribute = attributeOf(name, declared);
    if (!attribute) return;
    const value = (this as Values)[name];
    this.#reflecting = name;
    if (value == null) this.removeAttribute(attribute);
    else this.setAttribute(attribute, String(value));
    this.#reflecting = undefined;
  }
}

/** A property's attribute name, if it has one. */
const attributeOf = (name: string, { attribute, state }: PropertyDeclaration) =>
  state || attribute === false ? undefined : (attribute ?? name.toLowerCase());
