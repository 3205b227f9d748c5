import { expect, waitUntil } from '@open-wc/testing';
import { createProject, type Project } from '../helpers.js';

// A strict CSP with Trusted Types: the element works when the page allows Lit's policy,
// `lit-html`, and only then (docs/guide/security.md). Engines without Trusted Types skip.
const hasTrustedTypes = 'trustedTypes' in window;

(hasTrustedTypes ? describe : describe.skip)('Trusted Types', function () {
  this.timeout(30_000);
  let project: Project;
  beforeEach(async () => {
    project = await createProject();
  });
  afterEach(() => project.dispose());

  async function pageWith(csp: string) {
    const frame = document.createElement('iframe');
    const key = await project.sign('alice');
    frame.srcdoc = `<!doctype html><meta http-equiv="Content-Security-Policy" content="${csp}">
      <script src="/dist/notiflows.iife.js"></script>
      <notiflows-preferences api-key="${project.apiKey}" api-url="${project.apiUrl}" user-key="${key}" locale="en"></notiflows-preferences>`;
    document.body.append(frame);
    await new Promise((r) => frame.addEventListener('load', r, { once: true }));
    return frame;
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
});
