import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  apiOf,
  describeInChromium,
  heading,
  navLink,
  signedInAs,
  signedInPage as signIn,
} from './chromium.ts';

const timeout = 180_000;
const day = 86_400_000;
const week = 7 * day;

const member = { name: 'Mo Member', email: 'mo@example.com', password: 'member-password-1' };

async function personIdOf(page: Page, url: string): Promise<string> {
  return (await (await page.request.get(`${url}/api/session`)).json()).user.personId;
}

/** A value in each of the last `count` complete ISO weeks (Monday to Monday, UTC). */
function lastCompleteWeeks(count: number, value: number) {
  const today = new Date();
  const monday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const thisWeek = monday - ((today.getUTCDay() + 6) % 7) * day;
  return Array.from({ length: count }, (_, index) => ({
    at: new Date(thisWeek - (index + 1) * week + day).toISOString(),
    value,
  }));
}

/** A metric whose last three weeks are above 20, and a rule that says so: it fires at once. */
async function fireRule(page: Page, url: string, key: string, name: string) {
  const api = await apiOf(page, url);
  const ownerId = await personIdOf(page, url);
  await api('/metrics', { key, name, direction: 'lower', unit: 'tickets', ownerId });
  await api(`/metrics/${key}/datapoints`, { datapoints: lastCompleteWeeks(3, 50) }, 200);
  await api(
    `/metrics/${key}/rule`,
    {
      decision: 'If the backlog stays above 20 for two weeks, feature work waits',
      condition: 'above',
      threshold: 20,
      periods: 2,
      action: 'Pause feature work and clear the backlog',
    },
    200,
    'PUT',
  );
}

/** Waits until a control holds this value (what the page sets after a choice). */
async function waitForValue(page: Page, selector: string, value: string) {
  await page.waitForFunction(
    ([css, expected]) => document.querySelector<HTMLInputElement>(css ?? '')?.value === expected,
    [selector, value],
  );
}

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

describeInChromium(
  'metric catalog: flags, attention budget, computed sources, notifications and settings',
  (suite) => {
    test(
      'an admin sets the attention budget; the catalog shows a team over it, each metric its flags and a suggestion, and filters by team',
      async () => {
        const { url } = suite.server;
        const page = await signIn(suite.browser, url, 900);
        const post = await apiOf(page, url);

        await navLink(page, 'Organisation settings').click();
        await heading(page, 'Organisation settings');
        // A webhook that is not http(s): refused, and the problem shows at its field.
        const webhook = page.getByLabel('Chat webhook URL');
        await webhook.fill('ftp://chat.example.com/hook');
        await page.getByRole('button', { name: 'Save settings' }).click();
        await page
          .locator('.field-error')
          .getByText('Chat webhook URL must be an http(s) URL', { exact: false })
          .waitFor();
        expect(await webhook.getAttribute('aria-invalid')).toBe('true');
        await webhook.fill('');
        await page.getByLabel('Attention budget').fill('1');
        await page.getByRole('button', { name: 'Save settings' }).click();
        await page.getByRole('status').getByText('Saved the settings.').waitFor();
        expect(await page.getByLabel('Attention budget').inputValue()).toBe('1');

        const payments = await post('/teams', { name: 'Payments' });
        const growth = await post('/teams', { name: 'Growth' });
        for (const [key, name] of [
          ['payments.refunds', 'Refunds'],
          ['payments.disputes', 'Disputes'],
        ]) {
          await post('/metrics', { key, name, direction: 'lower', teamId: payments.id });
        }
        await post('/metrics', {
          key: 'growth.signups',
          name: 'Sign-ups',
          direction: 'higher',
          teamId: growth.id,
        });

        await navLink(page, 'Metrics').click();
        await heading(page, 'Metrics');
        await page
          .getByText('Payments watches 2 active metrics — over its attention budget of 1.')
          .waitFor();
        const refunds = page.getByRole('row').filter({ hasText: 'payments.refunds' });
        const flags = refunds.getByRole('cell').last();
        await flags.getByText('No decision').waitFor();
        expect(await flags.getByRole('listitem').allTextContents()).toEqual([
          '⚑ No decision',
          '⚑ Not linked',
        ]);
        expect(await flags.textContent()).toContain(
          'Add a decision rule: what you will do when it crosses a threshold',
        );

        // One team: its count against the budget, and only its metrics.
        await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Growth' });
        await page
          .getByText('Growth watches 1 active metric, within its attention budget of 1.')
          .waitFor();
        await page.getByRole('row').filter({ hasText: 'growth.signups' }).waitFor();
        await page
          .getByRole('row')
          .filter({ hasText: 'payments.refunds' })
          .waitFor({ state: 'detached' });
        expect(await page.getByRole('row').filter({ hasText: 'payments.' }).count()).toBe(0);
        expect(new URL(page.url()).searchParams.get('team')).toBe(growth.id);
        await page.reload();
        await page.getByText('Growth watches 1 active metric', { exact: false }).waitFor();
        await page
          .getByLabel('Team', { exact: true })
          .locator('option:checked', { hasText: 'Growth' })
          .waitFor({ state: 'attached' });
        await page.close();
      },
      timeout,
    );

    test(
      'define a metric computed by Cairn: a SQL query without {{from}} is refused at its field; a built-in computation fills in unit and direction',
      async () => {
        const { url } = suite.server;
        const page = await signIn(suite.browser, url, 1400);
        const post = await apiOf(page, url);
        await post('/services', { name: 'checkout-api' });

        await navLink(page, 'Metrics').click();
        await heading(page, 'Metrics');
        await page.getByRole('button', { name: 'Define a metric' }).click();
        const form = page.getByRole('region', { name: 'Define a metric' });
        await form.getByLabel('Key').fill('checkout.deploys');
        await form.getByLabel('Name').fill('Checkout deployments');
        await form.getByLabel('Period', { exact: true }).selectOption('week');
        await form.getByLabel('Aggregation').selectOption('sum');
        await form.getByLabel('Target').fill('10');

        await form.getByLabel('Source', { exact: true }).selectOption('sql');
        await form
          .getByText('Stored encrypted and never shown again', { exact: false })
          .first()
          .waitFor();
        expect(await form.getByLabel('Connection URL').getAttribute('type')).toBe('password');
        await form.getByLabel('Connection URL').fill('postgres://reader:secret@db:5432/shop');
        await form.getByLabel('Query', { exact: true }).fill('select now() as period, 1 as value');
        await form.getByRole('button', { name: 'Define metric' }).click();
        await form
          .locator('.field-error')
          .getByText('Query must use {{from}} and {{to}}', { exact: false })
          .waitFor();
        expect(await form.getByLabel('Query', { exact: true }).getAttribute('aria-invalid')).toBe(
          'true',
        );

        await form.getByLabel('Source', { exact: true }).selectOption('builtin');
        // Each computation fills in its unit and which way is good.
        await form.getByLabel('Computation').selectOption('dora.lead-time');
        await waitForValue(page, '#new-metric-unit', 'hours');
        expect(await form.getByLabel('Lower is better').isChecked()).toBe(true);
        await form.getByLabel('Computation').selectOption('dora.deployment-frequency');
        await form.getByText('Successful deployments to production', { exact: false }).waitFor();
        await waitForValue(page, '#new-metric-unit', 'deployments');
        expect(await form.getByLabel('Higher is better').isChecked()).toBe(true);
        await form.getByLabel('Computed per').selectOption('service');
        await form.getByLabel('Which service').selectOption({ label: 'checkout-api' });
        await form.getByLabel('Run every (minutes)').fill('30');
        await form.getByRole('button', { name: 'Define metric' }).click();
        await form.getByRole('status').getByText('Defined Checkout deployments.').waitFor();

        await page.getByRole('button', { name: 'Close the form' }).click();
        const row = page.getByRole('row').filter({ hasText: 'checkout.deploys' });
        await row.waitFor();
        expect(await row.getByRole('cell').nth(4).textContent()).toBe('Built into Cairn');
        expect(await row.getByRole('cell').nth(2).textContent()).toContain('Higher is better');

        // Editing starts from the stored source and saves it with PUT …/source.
        await row.getByRole('link', { name: 'checkout.deploys' }).click();
        await heading(page, 'Checkout deployments');
        await page.getByRole('button', { name: 'Edit metric' }).click();
        const edit = page.getByRole('region', { name: 'Edit metric' });
        const service = edit.getByLabel('Which service');
        await service.locator('option:checked', { hasText: 'checkout-api' }).waitFor({
          state: 'attached',
        });
        expect(await edit.getByLabel('Computation').inputValue()).toBe('dora.deployment-frequency');
        expect(await edit.getByLabel('Run every (minutes)').inputValue()).toBe('30');
        await edit.getByLabel('Run every (minutes)').fill('45');
        await edit.getByRole('button', { name: 'Save changes' }).click();
        await page.getByText('Saved your changes.').waitFor();
        const source = await (
          await page.request.get(`${url}/api/metrics/checkout.deploys/source`)
        ).json();
        expect(source.everyMinutes).toBe(45);
        await page.close();
      },
      timeout,
    );

    test(
      'a rule that fires notifies its owner: the count in the navigation, the notifications page, Mark read and Mark all read',
      async () => {
        const { url } = suite.server;
        const page = await signIn(suite.browser, url, 900);
        await fireRule(page, url, 'support.backlog', 'Support backlog');
        await fireRule(page, url, 'support.reopened', 'Reopened tickets');

        await page.reload();
        await heading(page, /^Welcome/);
        await mainNav(page).getByRole('link', { name: 'Notifications (2)' }).waitFor();

        // The catalog's review panel lists the firings waiting for a review.
        await navLink(page, 'Metrics').click();
        await heading(page, 'Metrics');
        const due = page.getByRole('region', { name: 'Due for review' });
        const backlog = due.getByRole('listitem').filter({ hasText: 'support.backlog' }).first();
        await backlog.getByText('Rule fired', { exact: false }).waitFor();
        expect(
          await backlog.getByRole('link', { name: 'Support backlog' }).getAttribute('href'),
        ).toBe('/metrics/support.backlog');

        await mainNav(page).getByRole('link', { name: 'Notifications (2)' }).click();
        await heading(page, 'Notifications');
        const items = page.locator('.notification-list > li');
        const backlogItem = items.filter({ hasText: 'Support backlog was above 20 tickets' });
        await backlogItem.getByText('Unread').waitFor();
        expect(
          await backlogItem
            .getByRole('link', {
              name: 'Support backlog was above 20 tickets for 2 weeks in a row',
            })
            .getAttribute('href'),
        ).toBe('/metrics/support.backlog');
        await backlogItem
          .getByText('Agreed action: Pause feature work', { exact: false })
          .waitFor();

        await backlogItem.getByRole('button', { name: /^Mark read/ }).click();
        await mainNav(page).getByRole('link', { name: 'Notifications (1)' }).waitFor();
        await backlogItem.getByText('Unread').waitFor({ state: 'detached' });
        expect(await items.getByText('Unread', { exact: true }).count()).toBe(1);

        await page.getByRole('button', { name: 'Mark all read' }).click();
        await page.getByRole('status').getByText('Marked 1 notification read.').waitFor();
        await mainNav(page).getByRole('link', { name: 'Notifications', exact: true }).waitFor();
        await items.getByText('Unread', { exact: true }).waitFor({ state: 'detached' });
        expect(await items.count()).toBe(2);
        expect(await page.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);
        await page.close();
      },
      timeout,
    );

    test(
      'a member sees no organisation settings, and is told so at /settings',
      async () => {
        const { url } = suite.server;
        const admin = await signIn(suite.browser, url);
        await (await apiOf(admin, url))('/users', { ...member, role: 'member' });
        await admin.close();

        const page = await signedInAs(suite.browser, url, member);
        await mainNav(page).getByRole('link', { name: 'Notifications', exact: true }).waitFor();
        expect(await navLink(page, 'Organisation settings').count()).toBe(0);
        await page.goto(`${url}/settings`);
        await heading(page, 'Organisation settings');
        await page.getByText('You are not allowed to see this page.').waitFor();
        expect(await page.getByLabel('Attention budget').count()).toBe(0);
        await page.close();
      },
      timeout,
    );
  },
);
