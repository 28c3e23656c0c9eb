import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { beforeAll, expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import { signedInUser, testApp } from '../../test/factories.ts';
import { formatTimestamp } from '../db/db.ts';
import { startWorker } from '../jobs/runner.ts';
import { postChatJob, sendEmailJob } from '../notifications/jobs.ts';
import { createMailer } from '../shared/mailer.ts';
import { addPeriods, periodStart } from '../shared/periods.ts';
import { evaluateMetric } from './evaluate.ts';

/** The start of the ISO week `back` weeks before the current one (0: this week). */
const weekStart = (back: number) => addPeriods(periodStart(new Date(), 'week'), 'week', -back);
const week = (back: number) => formatTimestamp(weekStart(back));
const at = (back: number) => formatTimestamp(new Date(weekStart(back).getTime() + 86_400_000));

withDb('decision rules, firings, reviews and vanity flags', (db) => {
  let admin: Awaited<ReturnType<typeof signedInUser>>;
  let member: Awaited<ReturnType<typeof signedInUser>>;
  let bystander: Awaited<ReturnType<typeof signedInUser>>;
  beforeAll(async () => {
    admin = await signedInUser(db(), 'admin');
    member = await signedInUser(db(), 'member');
    bystander = await signedInUser(db(), 'member');
  });

  /** A weekly push metric owned by the member, with values by weeks back (oldest first). */
  async function weeklyMetric(key: string, values: [number, number][], extra = {}) {
    const { request } = testApp(db());
    const created = await request(
      'POST',
      '/api/metrics',
      {
        key,
        name: key,
        unit: 'ms',
        direction: 'lower',
        ownerId: member.user.personId,
        cadence: 'weekly',
        ...extra,
      },
      admin.headers,
    );
    expect(created.status).toBe(201);
    if (values.length > 0) {
      const pushed = await request(
        'POST',
        `/api/metrics/${key}/datapoints`,
        { datapoints: values.map(([back, value]) => ({ at: at(back), value })) },
        member.headers,
      );
      expect(pushed.status).toBe(200);
    }
    return request;
  }

  const unread = async (headers: Record<string, string>) =>
    (await testApp(db()).request('GET', '/api/notifications?unread=true', undefined, headers)).body;

  test('a rule fires once per streak of N breaching complete periods, tells who must act', async () => {
    // Weeks 7…1 back: 300, 450, 460 (fires: 2 in a row), 300 (clears), 420, 480, 500 (fires, ongoing).
    const request = await weeklyMetric('checkout.p90', [
      [7, 300],
      [6, 450],
      [5, 460],
      [4, 300],
      [3, 420],
      [2, 480],
      [1, 500],
      [0, 900], // the current week is not complete: never judged
    ]);
    const rule = await request(
      'PUT',
      '/api/metrics/checkout.p90/rule',
      {
        decision: 'If p90 stays above 400 ms for two weeks, we stop feature work on checkout',
        condition: 'above',
        threshold: 400,
        periods: 2,
        action: 'Stop feature work and fix latency',
        actorId: bystander.user.personId,
      },
      member.headers,
    );
    expect(rule.status).toBe(200);
    expect(rule.body).toMatchObject({
      condition: 'above',
      threshold: 400,
      periods: 2,
      firing: true,
    });

    const firings = await request(
      'GET',
      '/api/metrics/checkout.p90/firings',
      undefined,
      admin.headers,
    );
    expect(
      firings.body.items.map((firing: { periodStart: string; clearedAt: string | null }) => ({
        periodStart: firing.periodStart,
        clearedAt: firing.clearedAt,
      })),
    ).toEqual([
      { periodStart: week(2), clearedAt: null },
      { periodStart: week(5), clearedAt: week(4) },
    ]);
    expect(firings.body.items[0].breach).toEqual([
      { periodStart: week(3), value: 420 },
      { periodStart: week(2), value: 480 },
    ]);
    expect(firings.body.items[0].rule).toMatchObject({ threshold: 400, actor: 'A member' });

    // Only the firing still going on is news: the owner and whoever acts hear of it, once.
    const owner = await unread(member.headers);
    expect(owner.unread).toBe(1);
    expect(owner.items[0]).toMatchObject({
      kind: 'metric.rule-fired',
      title: 'checkout.p90 was above 400 ms for 2 weeks in a row',
      link: '/metrics/checkout.p90',
    });
    expect(owner.items[0].body).toContain('Agreed action: Stop feature work and fix latency');
    expect((await unread(bystander.headers)).unread).toBe(1);
    expect((await unread(admin.headers)).unread).toBe(0);
    const metric = await request('GET', '/api/metrics/checkout.p90', undefined, admin.headers);
    await evaluateMetric(db(), metric.body.id);
    expect((await unread(member.headers)).unread).toBe(1);
  });

  test('late values for complete periods queue a check of the rule; values for this period wait', async () => {
    const request = await weeklyMetric('late.values', []);
    const queued = async () =>
      (
        await db().query<{ n: number }>(
          `select count(*)::int as n from jobs where name = 'metrics.evaluate'
             and payload->>'metricId' = (select id::text from metrics where key = 'late.values')`,
        )
      )[0]?.n;
    const push = (back: number) =>
      request(
        'POST',
        '/api/metrics/late.values/datapoints',
        { datapoints: [{ at: at(back), value: 1 }] },
        member.headers,
      );
    await push(0);
    expect(await queued()).toBe(0);
    await push(3);
    expect(await queued()).toBe(1);
  });

  test('a review takes up the firings waiting for it; the review items say what is due', async () => {
    const { request } = testApp(db());
    const due = await request('GET', '/api/metric-reviews/due', undefined, member.headers);
    const item = due.body.items.find(
      (entry: { metric: string }) => entry.metric === 'checkout.p90',
    );
    expect(item.firings).toHaveLength(2);
    const review = await request(
      'POST',
      '/api/metrics/checkout.p90/reviews',
      { decision: 'keep', note: 'Latency work is planned for next sprint' },
      member.headers,
    );
    expect(review.status).toBe(201);
    const firings = await request(
      'GET',
      '/api/metrics/checkout.p90/firings',
      undefined,
      admin.headers,
    );
    expect(firings.body.items.map((firing: { reviewId: string }) => firing.reviewId)).toEqual([
      review.body.id,
      review.body.id,
    ]);
    const after = await request('GET', '/api/metric-reviews/due', undefined, member.headers);
    expect(after.body.items.map((entry: { metric: string }) => entry.metric)).not.toContain(
      'checkout.p90',
    );
  });

  test('outside a band, and rules only their owners, admins and leaders may set', async () => {
    const request = await weeklyMetric('uptime', [
      [3, 99.9],
      [2, 97],
      [1, 99.95],
    ]);
    const band = {
      decision: 'Outside 98–99.99 % we revisit the error budget',
      condition: 'outside',
      threshold: 98,
      thresholdHigh: 99.99,
      action: 'Revisit the error budget',
    };
    const refused = await request('PUT', '/api/metrics/uptime/rule', band, bystander.headers);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      "only the owner or a co-owner of 'uptime' (or an admin or leader) may set its decision rule",
    );
    const set = await request('PUT', '/api/metrics/uptime/rule', band, admin.headers);
    expect(set.body.firing).toBe(false);
    const firings = await request('GET', '/api/metrics/uptime/firings', undefined, admin.headers);
    expect(firings.body.items.map((firing: { periodStart: string }) => firing.periodStart)).toEqual(
      [week(2)],
    );
    const bad = await request(
      'PUT',
      '/api/metrics/uptime/rule',
      { ...band, thresholdHigh: null },
      admin.headers,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { path: 'thresholdHigh', message: 'outside a band needs thresholdHigh, the band’s high end' },
    ]);
    expect(
      (await request('GET', '/api/metrics/uptime/rule', undefined, admin.headers)).body,
    ).toMatchObject({ condition: 'outside', thresholdHigh: 99.99 });
  });

  test('a firing goes to the chat webhook when one is set', async () => {
    const received: unknown[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/secret-token`;
    const { request } = testApp(db());
    const settings = await request(
      'PATCH',
      '/api/settings',
      { chatWebhookUrl: url },
      admin.headers,
    );
    expect(settings.body).toMatchObject({ chatWebhookUrl: url, attentionBudget: 12 });
    const audit = await request('GET', '/api/audit?entityType=settings', undefined, admin.headers);
    expect(JSON.stringify(audit.body)).not.toContain('secret-token');

    await weeklyMetric('errors.rate', [
      [2, 5],
      [1, 6],
    ]);
    await request(
      'PUT',
      '/api/metrics/errors.rate/rule',
      { decision: 'Above 1 % we roll back', condition: 'above', threshold: 1, action: 'Roll back' },
      admin.headers,
    );
    const worker = startWorker({ db: db(), jobs: [postChatJob], pollMs: 20 });
    try {
      await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
    } finally {
      await worker.stop();
      server.close();
      await request('PATCH', '/api/settings', { chatWebhookUrl: null }, admin.headers);
    }
    expect(received[0]).toEqual({
      text: expect.stringContaining('errors.rate was above 1 ms for the week'),
    });
  });

  test('a firing is emailed to its people when an admin turned email on', async () => {
    const received: { to: string; subject: string; text: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, done) {
        simpleParser(stream).then((mail) => {
          received.push({
            to: mail.to && !Array.isArray(mail.to) ? mail.to.text : '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
          });
          done();
        }, done);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const { request } = testApp(db());
    await request('PATCH', '/api/settings', { emailNotifications: true }, admin.headers);
    await weeklyMetric('build.minutes', [
      [2, 30],
      [1, 35],
    ]);
    await request(
      'PUT',
      '/api/metrics/build.minutes/rule',
      {
        decision: 'Above 20 we split the build',
        condition: 'above',
        threshold: 20,
        action: 'Split it',
      },
      admin.headers,
    );
    const worker = startWorker({
      db: db(),
      jobs: [sendEmailJob],
      pollMs: 20,
      mailer: createMailer(`smtp://127.0.0.1:${port}`, 'Cairn <cairn@example.com>'),
      publicUrl: 'https://cairn.example.com',
    });
    try {
      await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
    } finally {
      await worker.stop();
      smtp.close();
      await request('PATCH', '/api/settings', { emailNotifications: false }, admin.headers);
    }
    expect(received[0]).toMatchObject({
      to: member.user.email,
      subject: 'build.minutes was above 20 ms for the week',
    });
    expect(received[0]?.text).toContain('Agreed action: Split it');
    expect(received[0]?.text).toContain(
      'Open it in Cairn: https://cairn.example.com/metrics/build.minutes',
    );
  });

  test('vanity flags: no decision, not linked, not reviewed in twice its cadence, quiet', async () => {
    const steady: [number, number][] = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((back, index) => [
      back,
      100 + (index % 2),
    ]);
    const request = await weeklyMetric('signups', steady, { direction: 'higher' });
    const flagsOf = async () => {
      const metric = (await request('GET', '/api/metrics/signups', undefined, admin.headers)).body;
      return { flags: metric.flags, suggestion: metric.suggestion, id: metric.id };
    };
    expect((await flagsOf()).flags).toEqual(['no-decision', 'unlinked']);

    const { id } = await flagsOf();
    await evaluateMetric(db(), id);
    const checked = await request('GET', '/api/metrics/signups', undefined, admin.headers);
    expect(checked.body.evaluatedAt).toEqual(expect.any(String));
    expect(await flagsOf()).toMatchObject({
      flags: ['no-decision', 'unlinked', 'quiet'],
      suggestion: 'Retire it: it informs no decision and has not left its normal range lately',
    });

    const linked = await request(
      'POST',
      '/api/metrics/signups/links',
      { kind: 'outcome', title: 'Grow self-serve', url: 'https://wiki.example/outcomes/1' },
      member.headers,
    );
    expect(linked.status).toBe(201);
    await request(
      'PUT',
      '/api/metrics/signups/rule',
      {
        decision: 'Below 50 a day we revisit onboarding',
        condition: 'below',
        threshold: 50,
        action: 'Revisit',
      },
      member.headers,
    );
    expect((await flagsOf()).flags).toEqual(['quiet']);

    // A value far outside its trailing band: no longer quiet.
    await request(
      'POST',
      '/api/metrics/signups/datapoints',
      { datapoints: [{ at: at(1), value: 160 }] },
      member.headers,
    );
    await evaluateMetric(db(), id);
    expect((await flagsOf()).flags).toEqual([]);

    // Time passes: created and last reviewed more than two weeks ago.
    await db().query("update metrics set created_at = now() - interval '15 days' where id = $1", [
      id,
    ]);
    expect(await flagsOf()).toMatchObject({
      flags: ['unreviewed'],
      suggestion: 'Review it: keep, change or retire, with a note',
    });
    await request(
      'POST',
      '/api/metrics/signups/reviews',
      { decision: 'keep', note: 'Drives the onboarding plan' },
      member.headers,
    );
    expect((await flagsOf()).flags).toEqual([]);
  });

  test('the series: change on the period before, notable values, rule breaches, breakdown, CSV', async () => {
    const values: [number, number][] = [
      [9, 10],
      [8, 11],
      [7, 10],
      [6, 11],
      [5, 10],
      [4, 11],
      [3, 10],
      [2, 11],
      [1, 30],
    ];
    const request = await weeklyMetric('queue.depth', values, { target: 8, guardrailHigh: 25 });
    await request(
      'POST',
      '/api/metrics/queue.depth/datapoints',
      {
        datapoints: [
          { at: at(1), value: 20, dimensions: { region: 'eu' } },
          { at: at(1), value: 10, dimensions: { region: 'us' } },
        ],
      },
      member.headers,
    );
    const series = await request(
      'GET',
      '/api/metrics/queue.depth/series?periods=3&dimension=region',
      undefined,
      admin.headers,
    );
    expect(series.status).toBe(200);
    expect(series.body).toMatchObject({
      period: 'week',
      target: 8,
      guardrailHigh: 25,
      rule: null,
      dimensions: ['region'],
      from: week(2),
      to: formatTimestamp(addPeriods(weekStart(0), 'week', 1)),
    });
    const [before, last] = series.body.points;
    expect(before).toMatchObject({ periodStart: week(2), value: 11, notable: false });
    // Trailing 8 weeks alternate 10/11: mean 10.5, s = 0.5345, band 10.5 ± 1.604.
    expect(last).toMatchObject({
      periodStart: week(1),
      value: 30,
      change: 19,
      complete: true,
      notable: true,
    });
    expect(last.changePercent).toBeCloseTo(172.727, 2);
    expect(last.expected.mean).toBeCloseTo(10.5, 6);
    expect(last.expected.high).toBeCloseTo(10.5 + 3 * Math.sqrt(2 / 7), 6);
    expect(series.body.breakdown).toEqual({
      dimension: 'region',
      slices: [
        { value: 'eu', points: [{ periodStart: week(1), value: 20 }] },
        { value: 'us', points: [{ periodStart: week(1), value: 10 }] },
      ],
    });

    const csv = await request(
      'GET',
      '/api/metrics/queue.depth/datapoints.csv',
      undefined,
      admin.headers,
    );
    expect(csv.status).toBe(200);
    const lines = String(csv.text).trim().split('\n');
    expect(lines[0]).toBe('at,value,region');
    expect(lines).toHaveLength(12);
    expect(lines).toContain(`${at(1)},20,eu`);
    // The export is the import format: it reads back into another metric as it was.
    await request(
      'POST',
      '/api/metrics',
      { key: 'queue.copy', name: 'Copy', direction: 'lower' },
      admin.headers,
    );
    const imported = await request('POST', '/api/metrics/queue.copy/datapoints/import', csv.text, {
      ...member.headers,
      'content-type': 'text/csv',
    });
    expect(imported.body).toMatchObject({ rows: 11, written: 11, rejected: [] });
    const copy = await request(
      'GET',
      '/api/metrics/queue.copy/datapoints.csv',
      undefined,
      admin.headers,
    );
    expect(copy.text).toBe(csv.text);
    const seriesCsv = await request(
      'GET',
      '/api/metrics/queue.depth/series.csv?periods=2',
      undefined,
      admin.headers,
    );
    expect(String(seriesCsv.text).split('\n').slice(0, 2)).toEqual([
      'period_start,value,change,change_percent,notable,expected_low,expected_high,breach,complete',
      expect.stringMatching(new RegExp(`^${week(1)},30,19,172\\.72`)),
    ]);
    // A period with slices only (no value of its own) still has its row in the breakdown.
    await request(
      'POST',
      '/api/metrics/queue.depth/datapoints',
      { datapoints: [{ at: at(0), value: 5, dimensions: { region: 'eu' } }] },
      member.headers,
    );
    const breakdownCsv = await request(
      'GET',
      '/api/metrics/queue.depth/series.csv?periods=2&dimension=region',
      undefined,
      admin.headers,
    );
    const rows = String(breakdownCsv.text).trim().split('\n');
    expect(rows[0]).toBe(
      'period_start,value,change,change_percent,notable,expected_low,expected_high,breach,complete,region=eu,region=us',
    );
    expect(rows[1]).toMatch(new RegExp(`^${week(1)},30,19,.*,20,10$`));
    expect(rows[2]).toBe(`${week(0)},,,,,,,,,5,`);
  });

  test('the attention budget says which teams watch too many active metrics', async () => {
    const { request } = testApp(db());
    const team = await request('POST', '/api/teams', { name: 'Payments' }, admin.headers);
    for (const key of ['pay.one', 'pay.two']) {
      await request(
        'POST',
        '/api/metrics',
        { key, name: key, direction: 'higher', teamId: team.body.id },
        admin.headers,
      );
    }
    const refused = await request('PATCH', '/api/settings', { attentionBudget: 0 }, admin.headers);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: 'attentionBudget', message: 'attentionBudget must be at least 1' },
    ]);
    await request('PATCH', '/api/settings', { attentionBudget: 1 }, admin.headers);
    const attention = await request('GET', '/api/metric-attention', undefined, member.headers);
    expect(attention.body.budget).toBe(1);
    expect(attention.body.teams).toContainEqual({
      teamId: team.body.id,
      team: 'Payments',
      active: 2,
      over: true,
    });
    await request('PATCH', '/api/metrics/pay.two', { retired: true }, admin.headers);
    const after = await request('GET', '/api/metric-attention', undefined, member.headers);
    expect(after.body.teams).toContainEqual({
      teamId: team.body.id,
      team: 'Payments',
      active: 1,
      over: false,
    });
    await request('PATCH', '/api/settings', { attentionBudget: 12 }, admin.headers);
  });
});
