/**
 * English text for a push whose payload is unusable. A module of its own so the service
 * worker ships these two strings without the locale files; the page stores the localised
 * ones for it (`fallbackTitle` / `fallbackBody` in each locale).
 */
export const EN_FALLBACK = { title: 'New notification', body: 'Open to see what’s new.' };
