import { expect } from '@open-wc/testing';
import { NotiflowsClient } from '../src/headless.js';
import { createProject } from './helpers.js';

describe('smoke', () => {
  it('reads preferences from a fake project', async () => {
    const project = await createProject();
    const client = new NotiflowsClient({ apiKey: project.apiKey, apiUrl: project.apiUrl, userKey: await project.sign('alice') });
    const prefs = await client.getPreferences();
    expect(prefs.channel_types.email).to.equal(true);
  });
});
