/** `@notiflows/web-push`: the headless API plus the element class (import `./define` to register it). */
export * from './headless.js';
