// The script-tag build (dist/notiflows.iife.js): everything in one file, exposed as
// `window.Notiflows`.
export * from './index.js';
