import { randomBytes } from 'node:crypto';
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
const hour = 3_600_000;

const viewer = { name: 'Vera Viewer', email: 'vera@example.com', password: 'viewer-password-1' };
const incidentTitle = 'Checkout answers 500';

/** Now to the whole minute: a datetime-local field (minutes) can name a deployment's exact time. */
const now = Math.floor(Date.now() / 60_000) * 60_000;
const sha = () => randomBytes(20).toString('hex');

/**
 * Fourteen successful production deployments of checkout, none synced from git (all pending):
 * one a week for 13 weeks (1, 8, … 85 days ago) and a second one a day ago. In the default
 * 90-day window: 14 ÷ (90 ÷ 7) = 1.09 a week; every ISO week but at most two has a deploy-day,
 * so the median is 1 deploy-day a week: high. A staging deployment does not count.
 */
const production = [
  ...Array.from({ length: 13 }, (_, week) => now - (1 + 7 * week) * day),
  now - day - 2 * hour,
].map((finishedAt) => ({ finishedAt, commit: sha() }));
/** The incident recorded in the form starts an hour after this one and ends 4 hours after it. */
const failed = production[1] as { finishedAt: number; commit: string };

/** A time as the browser's datetime-local fields take it, in the browser's time zone. */
const localInput = (page: Page, time: number) =>
  page.evaluate((at) => {
    const date = new Date(at);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }, time);

describeInChromium('delivery: the four keys, deployments and incidents in a browser', (suite) => {
  const card = (page: Page, name: string) => page.getByRole('article', { name });

  test(
    'record deployments and an incident; read the keys and drill down to the incident',
    async () => {
      const page = await signIn(suite.browser, suite.server.url, 900);
      const post = await apiOf(page, suite.server.url);
      const team = await post('/teams', { name: 'Payments' });
      await post('/services', { name: 'checkout', teamId: team.id });
      for (const deployment of production) {
        await post('/deployments', {
          service: 'checkout',
          environment: 'production',
          commit: deployment.commit,
          finishedAt: new Date(deployment.finishedAt).toISOString(),
        });
      }
      await post('/deployments', {
        service: 'checkout',
        environment: 'staging',
        commit: sha(),
        finishedAt: new Date(now - 3 * day).toISOString(),
      });

      // Record the incident through the form: a resolution before the start is refused there.
      await navLink(page, 'Incidents').click();
      await heading(page, 'Incidents');
      await page.getByText('No incidents recorded.').waitFor();
      await page.getByRole('button', { name: 'Record an incident' }).click();
      const form = page.getByRole('region', { name: 'Record an incident' });
      await form.getByLabel('Service').selectOption({ label: 'checkout' });
      await form.getByLabel('Title').fill(incidentTitle);
      await form.getByLabel('Severity').selectOption('sev2');
      const started = await localInput(page, failed.finishedAt + hour);
      await form.getByLabel('Impact started (your local time)').fill(started);
      await form
        .getByLabel('Resolved (your local time)')
        .fill(await localInput(page, failed.finishedAt));
      await form.getByRole('button', { name: 'Record incident' }).click();
      await form
        .locator('.field-error')
        .getByText('Resolved must not be before Impact started')
        .waitFor();
      expect(await form.getByLabel('Resolved (your local time)').getAttribute('aria-invalid')).toBe(
        'true',
      );
      await form
        .getByLabel('Resolved (your local time)')
        .fill(await localInput(page, failed.finishedAt + 4 * hour));
      await form.getByRole('button', { name: 'Record incident' }).click();
      await form
        .getByRole('status')
        .getByText(`Recorded ${incidentTitle}, counted against a deployment of checkout.`)
        .waitFor();
      const listed = page.getByRole('row').filter({ hasText: incidentTitle });
      await listed.waitFor();
      expect(await listed.getByRole('cell').nth(1).textContent()).toBe('checkout');
      expect(await listed.getByRole('cell').nth(2).textContent()).toBe('sev2');
      // Resolved: not among the open ones.
      await page.getByLabel('Open incidents only').click();
      await page.getByText('No open incidents.').waitFor();

      // The dashboard: the first service, the default 90 days.
      await navLink(page, 'Delivery').click();
      await heading(page, 'Delivery');
      const frequency = card(page, 'Deployment frequency');
      await frequency.getByText('1.1 / week').waitFor();
      await frequency.getByText('High · DORA 2023').waitFor();
      expect(await frequency.locator('dd').first().textContent()).toBe('14');
      await card(page, 'Lead time for changes').getByText('No data').waitFor();
      const failure = card(page, 'Change failure rate');
      expect(await failure.locator('.dora-value').textContent()).toMatch(/^7\.1\s?%$/);
      await failure.getByText('High · DORA 2023').waitFor();
      const restore = card(page, 'Time to restore');
      expect(await restore.locator('.dora-value').textContent()).toBe('4 h');
      await restore.getByText('High · DORA 2023').waitFor();
      await page.getByText('14 deployments are pending.').waitFor();

      // A team counts its services: the same numbers, and the scope is in the URL.
      await page.getByLabel('Service or team').selectOption({ label: 'Payments' });
      await page.getByText('14 production deployments of the 1 service of Payments').waitFor();
      expect(new URL(page.url()).searchParams.get('team')).toBe(team.id);
      await frequency.getByText('1.1 / week').waitFor();

      // The change-failure card lists the failed deployment; its page shows the incident.
      await failure.getByRole('button', { name: 'Show the 1 failed deployment' }).click();
      await page.getByRole('heading', { name: 'Failed deployments (1)' }).waitFor();
      expect(new URL(page.url()).searchParams.get('key')).toBe('failure');
      const rows = page.locator('#dora-deployments tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('1 incident');
      expect(await rows.first().getByRole('cell').last().textContent()).toBe('4 h');
      // The keyboard reaches every card: Enter on frequency lists all of them again.
      await frequency.getByRole('button', { name: 'Show all 14 deployments' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'All deployments (14)' }).waitFor();
      await page.goBack();
      await page.getByRole('heading', { name: 'Failed deployments (1)' }).waitFor();
      const short = failed.commit.slice(0, 7);
      await rows
        .first()
        .getByRole('link', { name: `Deployment of ${short}` })
        .click();
      await heading(page, `Deployment of checkout · ${short}`);
      await page.getByText('Yes: 1 incident').waitFor();
      await page.getByRole('link', { name: incidentTitle }).click();

      await heading(page, incidentTitle);
      await page.getByText('sev2 incident of checkout, resolved').waitFor();
      await page.getByText(/last production deployment that finished before the impact/).waitFor();
      await page.getByRole('button', { name: 'Delete incident' }).waitFor();

      // The service page sums the keys up and adds a webhook, whose secret it shows once.
      await page.getByRole('link', { name: 'checkout', exact: true }).first().click();
      await heading(page, 'checkout');
      await page.locator('.dora-summary').getByText('1.1 / week').waitFor();
      await page.getByLabel('Deploy workflows (optional)').fill('Deploy');
      await page.getByRole('button', { name: 'Add webhook' }).click();
      await page.getByText('Copy the secret now: it will not be shown again.').waitFor();
      const url = await page.getByLabel('URL', { exact: true }).inputValue();
      expect(url).toMatch(new RegExp(`^${suite.server.url}/api/webhooks/[0-9a-f-]+/deliveries$`));
      expect(
        (await page.getByLabel('Secret', { exact: true }).inputValue()).length,
      ).toBeGreaterThan(15);
      await page.getByRole('row').filter({ hasText: 'deploys: Deploy' }).waitFor();
      await page.close();
    },
    timeout,
  );

  test(
    'a viewer reads incidents and deployments but records and deletes nothing',
    async () => {
      const admin = await signIn(suite.browser, suite.server.url, 900);
      await (await apiOf(admin, suite.server.url))('/users', { ...viewer, role: 'viewer' });
      await admin.close();

      const page = await signedInAs(suite.browser, suite.server.url, viewer, 900);
      await navLink(page, 'Incidents').click();
      await heading(page, 'Incidents');
      await page.getByRole('link', { name: incidentTitle }).waitFor();
      expect(await page.getByRole('button', { name: 'Record an incident' }).count()).toBe(0);

      await page.getByRole('link', { name: incidentTitle }).click();
      await heading(page, incidentTitle);
      expect(await page.getByRole('button', { name: 'Edit incident' }).count()).toBe(0);
      await page.getByRole('link', { name: `Deployment of ${failed.commit.slice(0, 7)}` }).click();
      await heading(page, /^Deployment of checkout/);
      expect(await page.getByRole('button', { name: 'Delete deployment' }).count()).toBe(0);
      await page.close();
    },
    timeout,
  );
});
