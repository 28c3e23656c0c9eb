import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  chromiumPath,
  hasChromium,
  heading,
  launchChromium,
  newPage as openPage,
  signedInPage as signIn,
} from './chromium.ts';
import { admin, ensureAdmin, type RunningServer, startServer } from './start-server.ts';

const timeout = 120_000;

if (hasChromium) {
  describe('first run in a browser', () => {
    let server: RunningServer;
    let browser: Browser;

    beforeAll(async () => {
      server = await startServer();
      browser = await launchChromium();
    }, timeout);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    }, timeout);

    const newPage = () => openPage(browser);
    const signedInPage = () => signIn(browser, server.url);

    test(
      'setup, a team and a person, sign out and back in',
      async () => {
        const page = await newPage();

        // A fresh server asks for the first admin.
        await page.goto(`${server.url}/`);
        await page.waitForURL(`${server.url}/setup`);
        await heading(page, 'Set up Cairn');
        await page.getByLabel('Your name').fill(admin.name);
        await page.getByLabel('Email').fill(admin.email);
        await page.getByLabel('Password').fill(admin.password);
        await page.getByRole('button', { name: 'Create admin account' }).click();
        await page.waitForURL(`${server.url}/`);
        await heading(page, `Welcome, ${admin.name}`);
        expect(await page.getByText('Record deployments and incidents').isVisible()).toBe(true);

        // Create a team.
        await page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: 'Teams' })
          .click();
        await page.waitForURL(`${server.url}/teams`);
        await heading(page, 'Teams');
        await page.getByText('No teams yet.').waitFor();
        await page.getByLabel('Name', { exact: true }).fill('Platform');
        await page.getByLabel('Mission (optional)').fill('Make shipping boring');
        await page.getByRole('button', { name: 'Create team' }).click();
        await page.getByRole('status').getByText('Platform').waitFor();
        await page.getByRole('cell', { name: 'Make shipping boring' }).waitFor();

        // Open it and add a person to it.
        await page.getByRole('table').getByRole('link', { name: 'Platform' }).click();
        await page.waitForURL(/\/teams\/[0-9a-f-]{36}$/);
        await heading(page, 'Platform');
        const teamId = page.url().split('/').at(-1) ?? '';
        await page.getByRole('link', { name: 'Add a person to this team' }).click();
        await page.waitForURL(`${server.url}/people?teamId=${teamId}`);
        await heading(page, 'People');
        const teamSelect = page.locator('#new-person-team');
        await page.waitForFunction(
          (id) => (document.querySelector('#new-person-team') as HTMLSelectElement)?.value === id,
          teamId,
        );
        expect(await teamSelect.inputValue()).toBe(teamId);
        await page.getByLabel('Name', { exact: true }).fill('Grace Hopper');
        await page.getByLabel('Emails (optional)').fill('grace@example.com');
        await page.getByLabel('Job role (optional)').fill('Engineering manager');
        await page.getByRole('button', { name: 'Add person' }).click();
        await page.getByRole('status').getByText('Grace Hopper').waitFor();
        const graceRow = page.getByRole('row').filter({ hasText: 'Grace Hopper' });
        await graceRow.getByRole('link', { name: 'Platform' }).waitFor();

        // Home counts both; this is the screenshot for the README.
        await page.getByRole('link', { name: 'Home' }).click();
        await heading(page, `Welcome, ${admin.name}`);
        const teamsStat = page.getByRole('link', { name: /Teams$/ }).filter({ hasText: '1' });
        await teamsStat.waitFor();
        const screenshot =
          process.env.CAIRN_SCREENSHOT || join(tmpdir(), 'cairn-e2e-screenshots', 'home.png');
        await mkdir(dirname(screenshot), { recursive: true });
        await page.screenshot({ path: screenshot });

        // Sign out: pages need signing in again.
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(`${server.url}/sign-in`);
        await page.goto(`${server.url}/teams`);
        await page.waitForURL(`${server.url}/sign-in?next=%2Fteams`);

        // A wrong password is refused with the server's message.
        await page.getByLabel('Email').fill(admin.email);
        await page.getByLabel('Password').fill('not-the-password');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('alert').getByText('wrong email or password').waitFor();

        // Sign in again: back to where we were going, with the data still there.
        await page.getByLabel('Password').fill(admin.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${server.url}/teams`);
        await page.getByRole('table').getByRole('link', { name: 'Platform' }).waitFor();
        await page.getByRole('link', { name: 'People', exact: true }).click();
        await page.waitForURL(`${server.url}/people`);
        const row = page.getByRole('row').filter({ hasText: 'Grace Hopper' });
        expect(await row.textContent()).toContain('Engineering manager');
        expect(await row.getByRole('link', { name: 'Platform' }).isVisible()).toBe(true);

        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(`${server.url}/sign-in`);
        await heading(page, 'Sign in');
        await page.close();
      },
      timeout,
    );

    test(
      'keyboard only: sign in with Tab and Enter, skip link, visible focus, navigation',
      async () => {
        await ensureAdmin(server.url);
        const page = await newPage();
        await page.goto(`${server.url}/sign-in`);
        await heading(page, 'Sign in');

        expect(await focusedId(page)).toBe('email');
        await page.keyboard.type(admin.email);
        await page.keyboard.press('Tab');
        expect(await focusedId(page)).toBe('password');
        await page.keyboard.type(admin.password);
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.url}/`);
        await heading(page, `Welcome, ${admin.name}`);

        // The first Tab reaches the skip link, with a visible focus ring; Enter skips to <main>.
        await page.keyboard.press('Tab');
        expect(await focusedText(page)).toBe('Skip to main content');
        expect(await focusRingVisible(page)).toBe(true);
        await page.keyboard.press('Enter');
        expect(await focusedId(page)).toBe('main');
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);

        // The navigation is reachable with Tab, and Enter follows a link.
        await page.reload();
        await heading(page, `Welcome, ${admin.name}`);
        const seen: string[] = [];
        for (let step = 0; step < 10 && seen.at(-1) !== 'Teams'; step++) {
          await page.keyboard.press('Tab');
          seen.push(await focusedText(page));
        }
        expect(seen).toContain('Teams');
        expect(await focusRingVisible(page)).toBe(true);
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.url}/teams`);
        await heading(page, 'Teams');

        // A form submits with Enter: search then create a team from the keyboard.
        await page.getByLabel('Name', { exact: true }).focus();
        await page.keyboard.type('Payments');
        await page.keyboard.press('Enter');
        await page.getByRole('status').getByText('Payments').waitFor();
        await page.close();
      },
      timeout,
    );

    test(
      'API tokens: shown once, usable as Bearer, revoked in the UI; the API reference lists routes',
      async () => {
        const page = await signedInPage();

        await page.getByRole('link', { name: 'API tokens' }).click();
        await page.getByLabel('Name').fill('GitHub Actions');
        await page.getByRole('button', { name: 'Create token' }).click();
        await page.getByRole('heading', { name: 'Token “GitHub Actions” created' }).waitFor();
        const secret = await page.getByLabel('The new token').inputValue();
        expect(secret).toMatch(/^cairn_/);
        const bearer = { authorization: `Bearer ${secret}` };
        expect((await fetch(`${server.url}/api/teams`, { headers: bearer })).status).toBe(200);

        await page.getByRole('button', { name: 'I have saved it' }).click();
        expect(await page.getByLabel('The new token').count()).toBe(0);
        const row = page.getByRole('row').filter({ hasText: 'GitHub Actions' });
        await row.getByRole('button', { name: 'Revoke' }).click();
        await row
          .getByRole('button', { name: /Revoke|Yes/ })
          .last()
          .click();
        await row.getByText('revoked').waitFor();
        expect((await fetch(`${server.url}/api/teams`, { headers: bearer })).status).toBe(401);

        await page.getByRole('link', { name: 'API reference' }).click();
        await page.getByText('/api/teams/{id}').first().waitFor();
        await page.getByLabel('Filter').fill('healthz');
        await page.getByText('/healthz').waitFor();
        expect(await page.getByText('/api/teams/{id}').count()).toBe(0);
        await page.close();
      },
      timeout,
    );

    test(
      'a team cannot be put under its own sub-team; changing my password',
      async () => {
        const page = await signedInPage();

        // Core, with Checkout under it: Core's "Part of" offers neither.
        await page.getByRole('link', { name: 'Teams', exact: true }).click();
        await heading(page, 'Teams');
        for (const [name, parent] of [
          ['Core', ''],
          ['Checkout', 'Core'],
        ] as const) {
          await page.getByLabel('Name', { exact: true }).fill(name);
          if (parent) await page.getByLabel('Part of (optional)').selectOption({ label: parent });
          await page.getByRole('button', { name: 'Create team' }).click();
          await page.getByRole('status').getByText(name).waitFor();
          expect(await focusedText(page)).toBe(`Created ${name}.`);
        }
        await page.getByRole('table').getByRole('link', { name: 'Core' }).first().click();
        await heading(page, 'Core');
        await page.getByRole('button', { name: 'Edit team' }).click();
        const parents = await page.locator('#edit-team-parent option').allTextContents();
        expect(parents).not.toContain('Core');
        expect(parents).not.toContain('Checkout');
        expect(parents).toContain('No parent team');

        // Change my password: a wrong current one is refused, then it works both ways.
        await page.getByRole('link', { name: 'Change password' }).click();
        await heading(page, 'Change password');
        const change = async (current: string, next: string) => {
          await page.getByLabel('Current password').fill(current);
          await page.getByLabel('New password').fill(next);
          await page.getByRole('button', { name: 'Change password' }).click();
        };
        await change('not-the-password', 'another-long-password');
        await page.getByRole('alert').waitFor();
        await change(admin.password, 'another-long-password');
        await page.getByRole('status').getByText('Changed your password').waitFor();
        await change('another-long-password', admin.password);
        await expect
          .poll(async () => {
            const body = JSON.stringify({ email: admin.email, password: admin.password });
            const headers = { 'content-type': 'application/json' };
            return (await fetch(`${server.url}/api/session`, { method: 'POST', headers, body }))
              .status;
          })
          .toBe(200);
        await page.close();
      },
      timeout,
    );

    test(
      'audit log: filter by entity, hide sign-ins, show only the changed fields',
      async () => {
        const page = await signedInPage();
        const { csrfToken } = (await (
          await page.request.get(`${server.url}/api/session`)
        ).json()) as {
          csrfToken: string;
        };
        const headers = { 'x-csrf-token': csrfToken };
        const created = await page.request.post(`${server.url}/api/teams`, {
          headers,
          data: { name: 'Audited', mission: 'Before' },
        });
        const { id } = (await created.json()) as { id: string };
        await page.request.patch(`${server.url}/api/teams/${id}`, {
          headers,
          data: { name: 'Audited team' },
        });

        await page.goto(`${server.url}/audit`);
        await heading(page, 'Audit log');
        expect(await page.getByLabel('Only changes').isChecked()).toBe(true);
        await page.getByText(/sign-ins? (and|or) sign-outs? hidden on the loaded pages/).waitFor();
        expect(await page.getByRole('cell', { name: /^session\./ }).count()).toBe(0);

        // Filter to teams: linkable, and the entity is named and linked.
        await page.getByLabel('Entity').selectOption({ label: 'Teams' });
        await page.waitForURL(`${server.url}/audit?entityType=team`);
        const update = page
          .getByRole('row')
          .filter({ hasText: 'team.update' })
          .filter({ hasText: 'Audited team' });
        await update.getByRole('link', { name: 'Audited team' }).waitFor();
        expect(await update.getByRole('link').getAttribute('href')).toBe(`/teams/${id}`);

        // Only the changed fields, with the full JSON behind a second toggle.
        await update.getByRole('button', { name: /^Show changes/ }).click();
        const changes = page.getByRole('list', { name: /^Fields changed by entry/ });
        await changes.waitFor();
        // The arrow is hidden from screen readers, which hear "to" instead.
        expect(await changes.textContent()).toMatch(/name: Audited → +to Audited team/);
        expect(await changes.textContent()).not.toContain('mission');
        await page.getByRole('button', { name: 'Show full JSON' }).click();
        await page.getByRole('heading', { name: 'Before' }).waitFor();

        // Unchecking shows the sign-ins again.
        await page.getByLabel('Entity').selectOption({ label: 'Users' });
        await page.getByLabel('Only changes').uncheck();
        await page.getByRole('cell', { name: 'session.create' }).first().waitFor();
        await page.close();
      },
      timeout,
    );
  });
} else {
  console.warn('browser suite not run: /usr/bin/chromium not found (apt-get install -y chromium)');
  test('browser suite (not run: no chromium)', () => {
    expect(existsSync(chromiumPath)).toBe(false);
  });
}

function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
}

function focusRingVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return false;
    const style = getComputedStyle(element);
    return style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
  });
}
