/** The soft prompt, `<notiflows-push-prompt>` (its install steps are the push card's). */
export const enPrompt = {
  promptTitle: 'Turn on notifications?',
  promptBody:
    'Get updates on this device, even when this site is closed. You can turn them off any time.',
  promptAllow: 'Allow',
  promptNotNow: 'Not now',
  promptTopics: 'Notify me about',
  promptClose: 'Close',
};

/** The prompt's strings: what a locale must say for it. */
export type PromptStrings = typeof enPrompt;
