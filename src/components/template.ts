import type { TemplateResult } from 'lit/html.js';

/**
 * lit-html's template syntax for the elements a page meets first (`<notiflows-push>`, the
 * prompt): `html` and `nothing` make the very values lit-html's make, so these templates also
 * render inside the panel's, by lit-html; `render` renders them alone in 1.1 kB gzip, where
 * lit-html is 2.9 kB. It supports what those templates use, and throws on any other binding:
 * templates, arrays and `nothing` as children, and any other value as text (as lit-html);
 * `name=${}` (quoted or not), `?name=${}`, `.name=${}` and `@name=${}` as whole attribute
 * values. No directives: one throws, as does a binding the parser cannot see.
 *
 * Values never reach the HTML parser: text becomes text nodes and attributes are set one by
 * one, so server data is escaped as lit-html escapes it. Only the strings of a template
 * literal in code are parsed: as lit-html does, a look-alike object (from JSON, say) is refused.
 *
 * @example
 * render(html`<button ?disabled=${busy} @click=${go}>${label}</button>`, root, { host });
 */

/** lit-html's `nothing` (the same symbol): renders nothing, removes an attribute. */
export const nothing: unique symbol = Symbol.for('lit-nothing') as never;

/** A template, as lit-html's `html` makes it. */
export const html = (strings: TemplateStringsArray, ...values: unknown[]): TemplateResult =>
  ({ ['_$litType$']: 1, strings, values }) as TemplateResult;

/** Where a binding lands: the node it is on (by walk order) and the attribute it sets, if any. */
type Binding = [node: number, name?: string];
type Prepared = { template: HTMLTemplateElement; bindings: Binding[] };
type Setter = (value: unknown) => void;

const MARK = 'nf-';
const prepared = new WeakMap<TemplateStringsArray, Prepared>();

type Policy = { createHTML(html: string): string };
/**
 * Under Trusted Types the template's strings go to the parser through our own policy,
 * `notiflows` (a page allows it by name, as it allows lit-html's); made on first use, so a
 * page rendering only with lit-html needs only `lit-html`. Private to this module.
 */
let policy: Policy | undefined | null;
function trusted(html: string): string {
  if (policy === undefined) {
    const types = (
      globalThis as { trustedTypes?: { createPolicy(name: string, rules: Policy): Policy } }
    ).trustedTypes;
    try {
      policy = types?.createPolicy('notiflows', { createHTML: (s) => s }) ?? null;
    } catch {
      // Not in the page's `trusted-types` list: fine where Trusted Types are not enforced;
      // where they are, the parser refuses the plain string with the browser's own error.
      policy = null;
    }
  }
  return policy ? policy.createHTML(html) : html;
}

/** The strings as one parsed `<template>`, with a marker where each value goes (once per template). */
function prepare(strings: TemplateStringsArray): Prepared {
  let known = prepared.get(strings);
  if (known) return known;
  let source = '';
  const names: (string | undefined)[] = [];
  strings.forEach((s, i) => {
    source += s;
    if (i === strings.length - 1) return;
    if (source.lastIndexOf('<') > source.lastIndexOf('>')) {
      // In a tag: the whole value of an attribute, maybe quoted.
      const attribute = /([.?@]?[\w-]+)=(["']?)$/.exec(source);
      // Only the whole value: `class="a ${b}"` or `title="${a} b"` would lose its fixed part.
      if (!attribute || !strings[i + 1]!.startsWith(attribute[2]!))
        throw new Error(`Unsupported binding after: ${s}`);
      names[i] = attribute[1];
      source = `${source.slice(0, -attribute[0].length)}${MARK}${i}${attribute[2] ? `=${attribute[2]}` : ''}`;
    } else source += `<!--${MARK}${i}-->`;
  });
  const template = document.createElement('template');
  template.innerHTML = trusted(source);
  const bindings: Binding[] = [];
  nodesOf(template.content).forEach((node, at) => {
    if (node instanceof Comment) {
      if (node.data.startsWith(MARK)) bindings[+node.data.slice(MARK.length)] = [at];
    } else
      for (const { name } of [...(node as Element).attributes])
        if (name.startsWith(MARK)) {
          const i = +name.slice(MARK.length);
          bindings[i] = [at, names[i]];
          (node as Element).removeAttribute(name);
        }
  });
  // A binding the parser swallowed (in a <textarea>, a comment): said, not dropped.
  if (strings.slice(1).some((_, i) => !bindings[i]))
    throw new Error(`Unsupported binding in: ${strings.join('${…}')}`);
  prepared.set(strings, (known = { template, bindings }));
  return known;
}

/** Elements and comments, in document order: where bindings can be. */
function nodesOf(root: Node): Node[] {
  const nodes: Node[] = [];
  const walker = document.createTreeWalker(root, 129);
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

/** A template from `html` (or lit-html's): its strings are a template literal's, which JSON cannot make. */
const isTemplate = (value: unknown): value is TemplateResult => {
  const result = value as TemplateResult | null;
  return (
    result?.['_$litType$'] === 1 &&
    Array.isArray(result.strings) &&
    Object.hasOwn(result.strings, 'raw')
  );
};

/** A setter for one attribute binding: skips a value equal to the last one, as lit-html does. */
function attributeSetter(element: Element, name: string, host: unknown): Setter {
  const kind = name[0];
  const bare = name.slice(1);
  let last: unknown = {};
  let listener: unknown;
  if (kind === '@')
    element.addEventListener(bare, (event) => {
      if (typeof listener === 'function') listener.call(host ?? element, event);
    });
  return (value) => {
    if (kind === '@') return void (listener = value);
    if (value === last) return;
    last = value;
    if (kind === '?') element.toggleAttribute(bare, !!value && value !== nothing);
    else if (kind === '.')
      (element as unknown as Record<string, unknown>)[bare] = value === nothing ? undefined : value;
    else if (value === nothing) element.removeAttribute(name);
    else element.setAttribute(name, String(value ?? ''));
  };
}

/** Everything between a start and an end comment: a text, a template's nodes, or a list of parts. */
class ChildPart {
  readonly #start = document.createComment('');
  readonly #end: Comment;
  readonly #host: unknown;
  #strings?: TemplateStringsArray;
  #setters: Setter[] = [];
  #items?: ChildPart[];
  #text?: Text;

  constructor(end: Comment, host: unknown) {
    this.#end = end;
    this.#host = host;
    end.before(this.#start);
  }

  /** Shows `value`: a template of the same strings as before is updated in place, not rebuilt. */
  set(value: unknown): void {
    if (isTemplate(value)) {
      if (this.#strings !== value.strings) {
        this.#clear();
        const { template, bindings } = prepare(value.strings);
        const fragment = document.importNode(template.content, true);
        const nodes = nodesOf(fragment);
        this.#setters = bindings.map(([at, name]) => {
          if (name) return attributeSetter(nodes[at] as Element, name, this.#host);
          const part = new ChildPart(nodes[at] as Comment, this.#host);
          return (v: unknown) => part.set(v);
        });
        this.#strings = value.strings;
        this.#end.before(fragment);
      }
      this.#setters.forEach((set, i) => set(value.values[i]));
    } else if (Array.isArray(value)) {
      if (!this.#items) this.#clear();
      const items = (this.#items ??= []);
      while (items.length > value.length) items.pop()!.remove();
      while (items.length < value.length) {
        const end = document.createComment('');
        this.#end.before(end);
        items.push(new ChildPart(end, this.#host));
      }
      value.forEach((v, i) => items[i]!.set(v));
    } else if (value === nothing || value == null) {
      this.#clear();
    } else if (typeof value === 'object' && ('_$litType$' in value || '_$litDirective$' in value)) {
      throw new Error('Unsupported value: a look-alike template or a directive');
    } else if (this.#text) {
      // Anything else is text, as in lit-html. Unchanged text is left alone: a live region
      // would read it again.
      if (this.#text.data !== String(value)) this.#text.data = String(value);
    } else {
      this.#clear();
      this.#end.before((this.#text = new Text(String(value))));
    }
  }

  /** Removes what it shows, then its comments. */
  remove(): void {
    this.#clear();
    this.#start.remove();
    this.#end.remove();
  }

  #clear(): void {
    while (this.#start.nextSibling !== this.#end) this.#start.nextSibling!.remove();
    this.#strings = this.#items = this.#text = undefined;
    this.#setters = [];
  }
}

const roots = new WeakMap<Node, ChildPart>();

/** Renders `value` at the end of `container`, updating in place what an earlier call rendered there. */
export function render(
  value: unknown,
  container: Element | DocumentFragment,
  options?: { host?: unknown },
): void {
  let part = roots.get(container);
  if (!part) {
    part = new ChildPart(container.appendChild(document.createComment('')), options?.host);
    roots.set(container, part);
  }
  part.set(value);
}
