import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { admin, ensureAdmin, type RunningServer, startServer } from './start-server.ts';

/**
 * The same UI in Firefox (Debian's firefox-esr), driven over WebDriver BiDi by puppeteer-core:
 * playwright-core only drives its own patched Firefox, which cannot be downloaded here.
 */
const firefoxPath = '/usr/bin/firefox-esr';
const hasFirefox = existsSync(firefoxPath);
const timeout = 120_000;

if (!hasFirefox && process.env.CI) {
  throw new Error(
    `Firefox not found at ${firefoxPath}: install it (apt-get install -y firefox-esr)`,
  );
}

/** Waits until the page shows this text somewhere in its body. */
async function waitForText(page: Page, text: string) {
  await page.waitForFunction(
    (wanted) => document.body.innerText.includes(wanted),
    { timeout: 30_000 },
    text,
  );
}

async function clickButton(page: Page, name: string) {
  const clicked = await page.evaluate((label) => {
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === label,
    );
    button?.click();
    return Boolean(button);
  }, name);
  expect(clicked).toBe(true);
}

if (hasFirefox) {
  describe('the web UI in Firefox', () => {
    let server: RunningServer;
    let browser: Browser;

    beforeAll(async () => {
      server = await startServer();
      await ensureAdmin(server.url);
      browser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: firefoxPath,
        headless: true,
      });
    }, timeout);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    }, timeout);

    test(
      'sign in, create a team, see it listed, sign out',
      async () => {
        const page = await browser.newPage();
        await page.setViewport({ width: 1366, height: 768 });
        await page.goto(`${server.url}/teams`);
        await page.waitForSelector('#email');
        expect(page.url()).toBe(`${server.url}/sign-in?next=%2Fteams`);
        await page.type('#email', admin.email);
        await page.type('#password', admin.password);
        await page.keyboard.press('Enter');
        await waitForText(page, 'Create team');
        expect(page.url()).toBe(`${server.url}/teams`);

        const name = await page.$eval('label[for$="-name"]', (label) => label.getAttribute('for'));
        await page.type(`#${name}`, 'Firefox Team');
        await clickButton(page, 'Create team');
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll('table a')].some((a) => a.textContent === 'Firefox Team'),
          { timeout: 30_000 },
        );
        const focusOutline = await page.evaluate(() => {
          const link = document.querySelector<HTMLAnchorElement>('nav a');
          link?.focus();
          return link ? getComputedStyle(link).outlineStyle : 'none';
        });
        expect(focusOutline).not.toBe('none');

        await clickButton(page, 'Sign out');
        await page.waitForSelector('#email');
        expect(page.url()).toBe(`${server.url}/sign-in`);
        await page.close();
      },
      timeout,
    );
  });
} else {
  console.warn(`Firefox suite not run: ${firefoxPath} not found (apt-get install -y firefox-esr)`);
  test('Firefox suite (not run: no firefox-esr)', () => {
    expect(existsSync(firefoxPath)).toBe(false);
  });
}
