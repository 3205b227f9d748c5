import { css } from './css.js';

// Tokens: every colour, size and radius is a --notiflows-* custom property with a light
// and a dark set; `theme="auto"` follows prefers-color-scheme. No global CSS, no inline styles.
const dark = css`
  --_bg: var(--notiflows-dark-color-surface, #1c1f24);
  --_fg: var(--notiflows-dark-color-text, #e9ecef);
  --_muted: var(--notiflows-dark-color-muted, #a3aab5);
  --_line: var(--notiflows-dark-color-border, #373c44);
  --_accent: var(--notiflows-dark-color-primary, #91a7ff);
  --_on-accent: var(--notiflows-dark-color-on-primary, #11131a);
  --_danger: var(--notiflows-dark-color-danger, #ff8787);
  --_ok: var(--notiflows-dark-color-success, #8ce99a);
  --_off: var(--notiflows-dark-color-switch-off, #5c636e);
  color-scheme: dark;
`;

/** Out of sight, still read by screen readers. */
export const visuallyHidden = css`
  position: absolute;
  inline-size: 1px;
  block-size: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
`;

/** A card of ours on the page: its own background, so a dark theme reads on a light page. */
export const surface = css`
  background: var(--_bg);
  border: 1px solid var(--_line);
  border-radius: var(--_radius);
`;

/** What every element shares: the tokens, text, buttons, the push card ("Your devices" brings its own, devices-list.ts). */
export const baseStyles = css`
  :host {
    --_bg: var(--notiflows-color-surface, #ffffff);
    --_fg: var(--notiflows-color-text, #1b1d21);
    --_muted: var(--notiflows-color-muted, #5b616e);
    --_line: var(--notiflows-color-border, #d9dce1);
    --_accent: var(--notiflows-color-primary, #3b5bdb);
    --_on-accent: var(--notiflows-color-on-primary, #ffffff);
    --_danger: var(--notiflows-color-danger, #c92a2a);
    --_ok: var(--notiflows-color-success, #237032);
    --_off: var(--notiflows-color-switch-off, #adb5bd);
    --_radius: var(--notiflows-radius, 10px);
    --_space: var(--notiflows-spacing, 12px);
    --_switch-w: var(--notiflows-switch-width, 40px);
    --_switch-h: var(--notiflows-switch-height, 22px);
    --_focus: var(
      --notiflows-focus-ring,
      0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent)
    );
    display: block;
    container-type: inline-size; /* the layout follows the element's own width, not the page's */
    color-scheme: light;
    font: var(--notiflows-font, 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--_fg);
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light']):not([theme='dark'])) {
      ${dark}
    }
  }
  h2 {
    font-size: 1.2em;
    margin: 0 0 var(--_space);
  }
  h3 {
    font-size: 1em;
    margin: 0 0 calc(var(--_space) / 2);
  }
  p {
    margin: 0 0 calc(var(--_space) / 2);
  }
  .muted {
    color: var(--_muted);
  }
  button:focus-visible,
  .switch:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .button {
    font: inherit;
    border-radius: calc(var(--_radius) / 1.5);
    padding: 0.45em 1em;
    cursor: pointer;
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .button.secondary,
  .link {
    background: transparent;
    color: var(--_accent);
  }
  .link {
    border: 0;
    padding: 0;
    text-decoration: underline;
    cursor: pointer;
    font: inherit;
  }
  .button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  [part~='error'] {
    color: var(--_danger);
  }
  [part~='push'] {
    ${surface}
    padding: var(--_space);
    margin-bottom: var(--_space);
  }
  [part~='push-test'] {
    display: block;
    margin-block-start: calc(var(--_space) / 2);
  }
  .hint {
    font-size: 0.9em;
    color: var(--_muted);
  }
  .badge {
    font-size: 0.85em;
    color: var(--_muted);
  }
  .visually-hidden {
    ${visuallyHidden}
  }
`;
