// `npm run manifest`: custom-elements.json from the element's JSDoc (attributes, properties,
// events, parts, CSS properties), referenced by "customElements" in package.json.
export default {
  globs: ['src/components/notiflows-preferences.ts'],
  outdir: '.',
  litelement: true,
  plugins: [{
    name: 'notiflows-tag-name',
    // The class is registered in define.ts, not with a decorator: name the tag here.
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.name !== 'NotiflowsPreferences') continue;
          decl.tagName = 'notiflows-preferences';
          decl.customElement = true;
          // Events are dispatched through one helper; keep the documented ones only.
          decl.events = (decl.events ?? []).filter((e) => e.name.startsWith('notiflows-'));
        }
      }
    },
  }],
};
