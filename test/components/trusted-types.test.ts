import { expect, waitUntil } from '@open-wc/testing';
import { createProject, type Project } from '../helpers.js';
import { frameWith } from './element-helpers.js';

// A strict CSP with Trusted Types: the panel works when the page allows Lit's policy,
// `lit-html`, and `<notiflows-push>` (npm build) when it allows ours, `notiflows`
// (src/components/template.ts); each only then (docs/guide/security.md). Engines without
// Trusted Types skip.
const hasTrustedTypes = 'trustedTypes' in window;

(hasTrustedTypes ? describe : describe.skip)('Trusted Types', function () {
  this.timeout(30_000);
  let project: Project;
  beforeEach(async () => {
    project = await createProject();
  });
  afterEach(() => project.dispose());

  async function pageWith(csp: string) {
    const key = await project.sign('alice');
    return frameWith(`<meta http-equiv="Content-Security-Policy" content="${csp}">
      <script src="/dist/notiflows.iife.js"></script>
      <notiflows-preferences api-key="${project.apiKey}" api-url="${project.apiUrl}" user-key="${key}" locale="en"></notiflows-preferences>`);
  }

  it("renders under require-trusted-types-for 'script' with the lit-html policy allowed", async () => {
    const frame = await pageWith("require-trusted-types-for 'script'; trusted-types lit-html");
    const el = frame.contentDocument!.querySelector('notiflows-preferences')!;
    await waitUntil(
      () => !!el.shadowRoot?.querySelector('[role=switch]'),
      'did not render under Trusted Types',
      { timeout: 10_000 },
    );
    frame.remove();
  });

  it('does not run when the page does not allow the lit-html policy (why docs/guide/security.md names it)', async () => {
    const frame = await pageWith("require-trusted-types-for 'script'; trusted-types 'none'");
    await new Promise((r) => setTimeout(r, 1000));
    const el = frame.contentDocument!.querySelector('notiflows-preferences')!;
    expect(el.shadowRoot?.querySelector('[role=switch]') ?? null).to.equal(null);
    frame.remove();
  });

  /** A page with only `import '@notiflows/web-push/push'` and a `<notiflows-push>`, under `csp`. */
  async function pushPageWith(csp: string) {
    const key = await project.sign('alice');
    return frameWith(`<meta http-equiv="Content-Security-Policy" content="${csp}">
      <script type="module">import '/src/push.ts';</script>
      <notiflows-push api-key="${project.apiKey}" api-url="${project.apiUrl}" user-key="${key}"
        channel-id="${project.channelId}" vapid-public-key="${project.vapidPublicKey}"
        sw-scope="/notiflows-push-tt/" locale="en"></notiflows-push>`);
  }
  const pushCard = (frame: HTMLIFrameElement) =>
    frame
      .contentDocument!.querySelector('notiflows-push')!
      .shadowRoot?.querySelector('[part~=push]');

  it("renders <notiflows-push> under require-trusted-types-for 'script' with the notiflows policy allowed", async () => {
    const frame = await pushPageWith("require-trusted-types-for 'script'; trusted-types notiflows");
    await waitUntil(() => !!pushCard(frame), 'did not render under Trusted Types', {
      timeout: 10_000,
    });
    frame.remove();
  });

  it('renders <notiflows-push> where a trusted-types list without notiflows is not enforced', async () => {
    const frame = await pushPageWith('trusted-types lit-html');
    await waitUntil(() => !!pushCard(frame), 'an unenforced list stopped the element', {
      timeout: 10_000,
    });
    frame.remove();
  });

  it('does not render <notiflows-push> when the page allows only lit-html (why the docs name notiflows)', async () => {
    const frame = await pushPageWith("require-trusted-types-for 'script'; trusted-types lit-html");
    await new Promise((r) => setTimeout(r, 1000));
    expect(!!pushCard(frame)).to.equal(false);
    frame.remove();
  });
});
