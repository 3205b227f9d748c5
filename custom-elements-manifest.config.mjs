// `npm run manifest` (the last step of `npm run build`): custom-elements.json from the element's
// JSDoc (attributes, properties, events, parts, CSS properties), referenced by "customElements"
// in package.json; then, from that manifest, the framework types shipped as
// `@notiflows/web-push/jsx` (React 19, Preact), `/vue` and `/svelte` (dist/types/*.d.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateSvelteTypes } from 'custom-element-svelte-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';

const outdir = 'dist/types';
// Types point into the package's own declarations (dist/types/index.d.ts), never copied.
const ELEMENT = (decl) => `import('./index.js').${decl.name}`;
/** Our elements, by class: they are registered in define.ts, not with a decorator. */
const TAGS = {
  NotiflowsPreferences: 'notiflows-preferences',
  NotiflowsPush: 'notiflows-push',
  NotiflowsPushPrompt: 'notiflows-push-prompt',
};
const detail = (event) => `import('./index.js').NotiflowsEventMap['${event}']['detail']`;

/**
 * The manifest as the integrations should read it (custom-elements.json itself is unchanged):
 * - an event's `type` is its `detail` (the integrations wrap it in `CustomEvent<…>`; the
 *   manifest's `CustomEvent<{ keys: SwitchKey[]; … }>` would be wrapped twice and name types
 *   the generated file cannot see);
 * - an attribute is a string (`channel-types="email,sms"`), or the property's type when that is
 *   a string or a union of string literals (`theme`);
 * - a property takes the element's own declared type (`userKeyProvider`, `strings`), and
 *   read-only ones (`pushState`, `preferences`) are left out: they cannot be set;
 * - for Vue, whose templates look props up camelCased (`api-key` → `apiKey`), attributes are
 *   named that way, and where that is also the property's name (`:channelTypes="['email']"`
 *   sets the property) either value is accepted; event props are `onNotiflowsSave` (what
 *   `@notiflows-save` compiles to; Vue listens to `notiflows-save`);
 * - for Svelte, the properties without an attribute are plain props (`userKeyProvider={fn}`:
 *   Svelte sets a property when the element has it), not the generator's `bind:userKeyProvider`.
 */
function forIntegrations(manifest, { vue = false, svelte = false } = {}) {
  const copy = structuredClone(manifest);
  for (const mod of copy.modules) {
    for (const decl of mod.declarations ?? []) {
      if (!decl.customElement) continue;
      for (const attr of decl.attributes ?? []) {
        const type = attr.type?.text.replace(/ \| undefined$/, '') ?? 'string';
        const stringy = /^(string|'[^']*'( \| '[^']*')*)$/.test(type);
        const property = `${ELEMENT(decl)}['${attr.fieldName}']`;
        attr.frameworkType = { text: stringy ? property : 'string' };
        if (vue) {
          attr.name = camel(attr.name);
          if (!stringy && attr.name === attr.fieldName) attr.frameworkType.text += ` | ${property}`;
        }
      }
      decl.members = (decl.members ?? [])
        .filter((m) => !(m.kind === 'field' && m.readonly))
        .map((m) =>
          m.kind === 'field'
            ? { ...m, frameworkType: { text: `${ELEMENT(decl)}['${m.name}']` } }
            : m,
        );
      if (svelte) {
        const plain = decl.members.filter(
          (m) =>
            m.kind === 'field' &&
            !m.attribute &&
            !m.static &&
            (m.privacy ?? 'public') === 'public' &&
            !m.name.startsWith('#'),
        );
        decl.attributes.push(...plain.map((m) => ({ ...m, fieldName: m.name })));
        decl.members = decl.members.filter((m) => !plain.includes(m));
      }
      decl.events = (decl.events ?? []).map((e) => {
        const name = vue ? camel(`-${e.name}`) : e.name;
        const description = name === e.name ? e.description : `\`${e.name}\`: ${e.description}`;
        return { ...e, name, description, type: { text: detail(e.name) } };
      });
    }
  }
  return copy;
}

const common = { outdir, typesSrc: 'frameworkType', hideLogs: true };
const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());

export default {
  globs: [
    'src/components/notiflows-element.ts',
    'src/components/notiflows-preferences.ts',
    'src/components/notiflows-push.ts',
    'src/components/notiflows-push-prompt.ts',
  ],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'notiflows-tag-name',
      // The classes are registered in define.ts, not with a decorator: name the tags here.
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            // What a user of the element can touch: private and protected members (the
            // element's internals, inherited ones too) stay out of the manifest.
            decl.members &&= decl.members.filter(
              (m) => (m.privacy ?? 'public') === 'public' && !m.name.startsWith('#'),
            );
            // The shared base class is no element of its own.
            if (!TAGS[decl.name]) delete decl.customElement;
            if (!TAGS[decl.name]) continue;
            decl.tagName = TAGS[decl.name];
            decl.customElement = true;
            // Events are dispatched through one helper; keep the documented ones only.
            decl.events = (decl.events ?? []).filter((e) => e.name.startsWith('notiflows-'));
            // `static properties` lists the internal state too (`{ state: true }`, no
            // attribute); its fields are protected, but the analyzer reports them again as
            // public fields without a type or a description: those are left out.
            decl.members = decl.members.filter(
              (m) => m.kind !== 'field' || m.type || m.description || m.static,
            );
            decl.attributes = (decl.attributes ?? []).filter((a) =>
              decl.members.some(
                (m) => m.name === a.fieldName && (m.privacy ?? 'public') === 'public',
              ),
            );
          }
        }
      },
    },
    {
      name: 'notiflows-framework-types',
      packageLinkPhase({ customElementsManifest: manifest }) {
        const events = manifest.modules
          .flatMap((m) => m.declarations ?? [])
          .filter((d) => d.customElement)
          .flatMap((d) => d.events.map((e) => e.name))
          .filter((name, i, all) => all.indexOf(name) === i);

        // React 19 and Preact both turn `onnotiflows-save` into a `notiflows-save` listener.
        generateJsxTypes(forIntegrations(manifest), { ...common, fileName: 'jsx.d.ts' });

        // Vue: `@notiflows-save` compiles to the `onNotiflowsSave` prop (vue-tsc looks that name
        // up; Vue listens to `notiflows-save`), so the event props are named that way.
        generateVuejsTypes(forIntegrations(manifest, { vue: true }), {
          ...common,
          fileName: 'vue.d.ts',
        });

        // Svelte: the generator writes `on:notiflows-save` (Svelte 4, legacy mode in 5); Svelte 5
        // attributes `onnotiflows-save={…}` are added as "global events". Svelte sets a prop as
        // a property when the element has it: `userKeyProvider={fn}`.
        const svelte5 = events
          .map(
            (e) => `/** \`${e}\` (Svelte 5) */ 'on${e}'?: (e: CustomEvent<${detail(e)}>) => void;`,
          )
          .join('\n');
        generateSvelteTypes(forIntegrations(manifest, { svelte: true }), {
          ...common,
          fileName: 'svelte.d.ts',
          globalEvents: svelte5,
        });
        svelteFixes(`${outdir}/svelte.d.ts`);
      },
    },
  ],
};

/**
 * The Svelte generator's file is a module (it exports `CustomElements`), where
 * `declare namespace svelteHTML` would declare a local namespace instead of adding to Svelte's
 * global one, and its base props name `JSX.Element` and `JSX.CSSProperties`, which a Svelte
 * project does not have. Fail loudly if a new version of the generator changes that text.
 */
function svelteFixes(file) {
  let text = readFileSync(file, 'utf8');
  const replace = (from, to) => {
    if (!text.includes(from)) throw new Error(`svelte types: "${from}" not found in ${file}`);
    text = text.replace(from, to);
  };
  replace('children?: JSX.Element;', 'children?: unknown;');
  replace('style?: JSX.CSSProperties;', 'style?: string;');
  const start = text.indexOf('declare namespace svelteHTML');
  if (start < 0) throw new Error(`svelte types: no svelteHTML namespace in ${file}`);
  const namespace = text.slice(start).trimEnd().replace('declare namespace', 'namespace');
  const indented = namespace.replace(/^(?=.)/gm, '  ');
  text = `${text.slice(0, start)}declare global {\n${indented}\n}\n`;
  writeFileSync(file, text);
}
