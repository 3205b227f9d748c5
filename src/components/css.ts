/**
 * CSS text and its one constructable sheet, shared by every shadow root that adopts it. Only
 * `css` makes one (the private field makes the type nominal).
 *
 * @example
 * static override styles = [baseStyles, css`p { ${surface} }`];
 */
export class Style {
  #sheet?: CSSStyleSheet;

  /** @internal */
  constructor(readonly text: string) {}

  /** Made at first use, not at import: a server has no `CSSStyleSheet`. */
  get sheet(): CSSStyleSheet {
    if (!this.#sheet) (this.#sheet = new CSSStyleSheet()).replaceSync(this.text);
    return this.#sheet;
  }
}

/** Our `css` tag: as Lit's, only our own styles can be nested in it (`${surface}`). */
export const css = (strings: TemplateStringsArray, ...styles: Style[]): Style =>
  new Style(strings.reduce((text, s, i) => text + styles[i - 1].text + s));

/**
 * Adds styles after those a shadow root has. Firefox 94–100 cannot adopt sheets: there they
 * go into one `<style>` ahead of the rendered content, which a render may clear.
 */
export const adoptStyles = (root: ShadowRoot, styles: Style[]): void => {
  if (root.adoptedStyleSheets)
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...styles.map((s) => s.sheet)];
  else {
    const style =
      root.firstChild?.nodeName === 'STYLE'
        ? root.firstChild
        : root.insertBefore(document.createElement('style'), root.firstChild);
    style.textContent += styles.map((s) => s.text).join('');
  }
};
