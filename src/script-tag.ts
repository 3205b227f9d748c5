// The script-tag build (dist/notiflows.iife.js): defines <notiflows-preferences> and
// exposes everything as `window.Notiflows`.
import './define.js';

export * from './index.js';
