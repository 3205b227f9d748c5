// `<notiflows-preferences>` in JSX (React 19 sets properties and listens to custom events
// itself): the element's attributes, properties and `onnotiflows-*` events, typed.
import type { CustomElements } from '@notiflows/web-push/jsx';

declare module 'react' {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends CustomElements {}
  }
}
