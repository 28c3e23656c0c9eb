import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { admin, ensureAdmin, type RunningServer, startServer } from './start-server.ts';

/** Debian's Chromium, driven by playwright-core; never a downloaded browser. */
export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

if (!hasChromium && process.env.CI) {
  throw new Error(
    'Chromium not found at /usr/bin/chromium: install it (apt-get install -y chromium)',
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function newPage(browser: Browser, height = 768): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height } });
  page.setDefaultTimeout(30_000);
  return page;
}

/** Waits for the page's main heading. */
export const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor();

/** A new page, signed in as the admin through the sign-in form. */
export async function signedInPage(browser: Browser, url: string, height?: number) {
  await ensureAdmin(url);
  return signedInAs(browser, url, admin, height);
}

export type Account = { name: string; email: string; password: string };

/** A new page, signed in through the sign-in form as this account (which must exist). */
export async function signedInAs(browser: Browser, url: string, account: Account, height?: number) {
  const page = await newPage(browser, height);
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await heading(page, `Welcome, ${account.name}`);
  return page;
}

/** A link of the main navigation, by its exact name. */
export const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

/**
 * The API as the signed-in page's user, with its CSRF token: POST (or PUT, PATCH), checked
 * against the status expected (201 unless said).
 */
export async function apiOf(page: Page, url: string) {
  const session = await (await page.request.get(`${url}/api/session`)).json();
  return async (path: string, data: unknown, status = 201, method = 'POST') => {
    const response = await page.request.fetch(`${url}/api${path}`, {
      method,
      headers: { 'x-csrf-token': session.csrfToken },
      data,
    });
    if (response.status() !== status) {
      throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
    }
    return (await response.json()) as { id: string };
  };
}

export type BrowserSuite = { server: RunningServer; browser: Browser };

/**
 * A describe block whose tests share a running server and Chromium (read them from the suite
 * once the tests run). Without Chromium it says plainly that it was not run.
 */
export function describeInChromium(
  name: string,
  body: (suite: BrowserSuite) => void,
  timeout = 180_000,
) {
  if (!hasChromium) {
    console.warn(`${name}: not run, ${chromiumPath} not found (apt-get install -y chromium)`);
    test(`${name} (not run: no chromium)`, () => {
      expect(existsSync(chromiumPath)).toBe(false);
    });
    return;
  }
  describe(name, () => {
    const suite = {} as BrowserSuite;
    beforeAll(async () => {
      suite.server = await startServer();
      suite.browser = await launchChromium();
    }, timeout);
    afterAll(async () => {
      await suite.browser?.close();
      await suite.server?.stop();
    }, timeout);
    body(suite);
  });
}
