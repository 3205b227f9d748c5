// WebKit (Safari's engine) for the test runner: Debian's WebKitGTK MiniBrowser driven by
// WebKitWebDriver under a virtual display (toolchain.md, Part 3). Started here, stopped
// when the runner exits.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { webdriverLauncher } from '@web/test-runner-webdriver';

export const MINIBROWSER = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
].find((p) => existsSync(p));

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function waitForPort(port, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = net
        .connect(port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        })
        .on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`WebKitWebDriver did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts WebKitWebDriver under xvfb-run; stopped when this process exits. */
export async function startWebKitDriver() {
  if (!MINIBROWSER || !existsSync('/usr/bin/WebKitWebDriver')) {
    console.error(
      'WebKit not found: `sudo apt-get install webkit2gtk-driver xvfb` (Debian/Ubuntu), or run with BROWSERS=chromium,firefox.',
    );
    process.exit(1);
  }
  const port = await freePort();
  const driver = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], {
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-driver.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.on(signal, () => {
      stop();
      process.exit(130);
    });
  await waitForPort(port);
  return {
    port,
    stop,
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true, // webdriverio 9 asks for BiDi by default; WebKitWebDriver refuses it
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    },
  };
}

/** A WTR launcher for the MiniBrowser. */
export async function webkit() {
  const { port, capabilities } = await startWebKitDriver();
  return webdriverLauncher({
    automationProtocol: 'webdriver',
    hostname: '127.0.0.1',
    port,
    path: '/',
    // Navigation commands return once the navigation starts: the runner waits for the test
    // page itself. Once in CI the about:blank between two files never answered and the file
    // failed on UND_ERR_HEADERS_TIMEOUT; not waiting for loads removes one way to hang there.
    capabilities: { ...capabilities, pageLoadStrategy: 'none' },
  });
}
