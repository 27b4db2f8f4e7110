// Drives the dashboard in Debian's Chromium (headless, through playwright-core) against a running
// `observer serve` at OBSERVER_URL, loaded with the sample corpus, the shared example and
// hostile-article.txt. Writes a screenshot of each view to SCREENSHOT_DIR. Exits non-zero on the
// first failed check. Run by scripts/browser-test.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const base = process.env.OBSERVER_URL;
const shots = process.env.SCREENSHOT_DIR || 'screenshots';
assert.ok(base, 'set OBSERVER_URL to the served dashboard');
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
page.setDefaultTimeout(15000);

// Any script error or policy violation fails the test; the 404 of the missing event is expected.
const problems = [];
const dialogs = [];
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
page.on('console', (message) => {
  if (message.type() !== 'error') return;
  const text = message.text();
  if (/status of 404/.test(text)) return;
  problems.push(`console error: ${text}`);
});
page.on('dialog', (dialog) => {
  dialogs.push(dialog.message());
  dialog.dismiss();
});
// Nothing may be fetched from another origin.
const foreign = [];
page.on('request', (request) => {
  if (!request.url().startsWith(base) && !request.url().startsWith('data:')) foreign.push(request.url());
});

async function check(name, body) {
  const started = Date.now();
  await body();
  console.log(`ok   ${name} (${Date.now() - started} ms)`);
}

const eventRows = () => page.locator('#events tbody tr');
const rowIds = () => eventRows().evaluateAll((rows) => rows.map((row) => row.dataset.event));

try {
  await check('the map shows markers for the located events', async () => {
    await page.goto(base);
    await page.locator('#map circle.marker').first().waitFor();
    const markers = await page.locator('#map circle.marker').count();
    assert.ok(markers >= 10, `only ${markers} markers`);
    assert.ok(await page.locator('#map .countries path').count() > 100, 'country borders missing');
    // Both kinds of precision are drawn: exact places as dots, regions as rings.
    assert.ok(await page.locator('#map circle.marker.exact').count() > 0, 'no exact place');
    assert.ok(await page.locator('#map circle.marker.region').count() > 0, 'no region');
    await eventRows().first().waitFor();
    await page.screenshot({ path: join(shots, '1-dashboard.png'), fullPage: true });
    await page.locator('#map-panel').screenshot({ path: join(shots, '2-map.png') });
  });

  await check('the truce panel lists the shared example\'s truces', async () => {
    const karabakh = page.locator('#truces article.truce', { hasText: 'Nagorno-Karabakh' });
    await karabakh.first().waitFor();
    assert.ok(await karabakh.count() >= 2, `${await karabakh.count()} Nagorno-Karabakh truces`);
    const texts = await karabakh.allTextContents();
    assert.ok(texts.some((t) => /Broker\s*Russia/.test(t)), `no truce brokered by Russia in ${texts}`);
    assert.ok(texts.some((t) => /humanitarian truce/.test(t) && /Status\s*broken/.test(t)), `no broken humanitarian truce in ${texts}`);
    for (const truce of await karabakh.all()) {
      assert.match(await truce.textContent(), /Parties\s*ARM, AZE/);
      // Both parties' allegations are on the axis, each on its own row.
      const accusers = await truce.locator('svg text.accuser').allTextContents();
      assert.ok(accusers.includes('ARM') && accusers.includes('AZE'), `rows ${accusers}`);
      assert.ok(await truce.locator('svg circle.violation.accusation').count() >= 2);
      assert.equal(await truce.locator('svg line.effective').count(), 1);
      // Every dot lies on the axis (from x = 170 to 620 in the drawing's coordinates).
      const xs = await truce.locator('svg circle.violation').evaluateAll((dots) => dots.map((d) => +d.getAttribute('cx')));
      assert.ok(xs.every((x) => x >= 150 && x <= 630), `dots off the axis at ${xs}`);
    }
    // A dot opens the article it comes from.
    const dot = karabakh.last().locator('svg circle.violation').first();
    const eventId = await dot.getAttribute('data-event');
    await dot.dispatchEvent('click');
    await page.locator('#article-panel:not([hidden]) mark.evidence').first().waitFor();
    assert.equal(new URL(page.url()).searchParams.get('event'), eventId);
    assert.match(await page.locator('#article-text').textContent(), /Azerbaijani President Ilham Aliyev/);
    await page.locator('#truces-panel').screenshot({ path: join(shots, '2a-truces.png') });
  });

  await check('the claims panel sets Aliyev\'s gains beside the Armenian "repulsed"', async () => {
    const pair = page.locator('#claims article.contradiction[data-kind="gains_versus_repulsed"]',
      { hasText: 'Aliyev' });
    await pair.first().waitFor();
    const sides = pair.first().locator('.side-by-side .claim');
    assert.equal(await sides.count(), 2);
    const [gains, repulsed] = await sides.allTextContents();
    assert.match(gains, /^AZE/);
    assert.match(gains, /gains · stance: unverified/);
    assert.match(gains, /Ilham Aliyev said his country has made territorial gains/);
    assert.match(repulsed, /^ARM/);
    assert.match(repulsed, /repulsed · stance/);
    assert.match(repulsed, /said it had repulsed Azeri attacks/);
    assert.match(gains + repulsed, /Al Jazeera, 2020-10-20/);
    await page.locator('#claims-panel').screenshot({ path: join(shots, '2b-claims.png') });
    // Back to the unfiltered view, with no article open, for the timeline.
    await page.goto(base);
  });

  await check('brushing the timeline filters the event list and the URL', async () => {
    await page.waitForFunction(() => document.querySelectorAll('#timeline .bars rect').length > 0);
    await eventRows().first().waitFor();
    const before = await rowIds();
    // Drag over the shortest bar of the timeline: its events fit on one page of the list.
    const bars = await page.locator('#timeline .bars rect').evaluateAll((rects) => rects.map((r) => {
      const box = r.getBoundingClientRect();
      return { x: box.x + box.width / 2, height: box.height, top: box.y + box.height / 2 };
    })).then((all) => all.filter((bar) => bar.height > 0));
    const shortest = bars.reduce((a, b) => (b.height < a.height ? b : a));
    await page.mouse.move(shortest.x - 3, shortest.top);
    await page.mouse.down();
    await page.mouse.move(shortest.x + 3, shortest.top, { steps: 4 });
    await page.mouse.up();
    await page.waitForURL(/since=.*until=/);
    const url = new URL(page.url());
    const since = url.searchParams.get('since');
    const until = url.searchParams.get('until');
    await page.waitForFunction((ids) => {
      const rows = [...document.querySelectorAll('#events tbody tr')].map((row) => row.dataset.event);
      return rows.length > 0 && rows.join() !== ids.join();
    }, before);
    const dates = await eventRows().evaluateAll((rows) => rows.map((row) => row.cells[0].textContent));
    for (const date of dates) {
      const [first, last = first] = date.split(' to ');
      assert.ok(last >= since && first <= until, `${date} outside ${since}..${until}`);
    }
    assert.ok(dates.length < before.length, `${dates.length} rows after brushing, ${before.length} before`);
    await page.locator('#timeline-panel').screenshot({ path: join(shots, '3-timeline.png') });
    // The filter is in the URL: loading it again shows the same list.
    await page.goto(url.toString());
    await eventRows().first().waitFor();
    assert.deepEqual(await rowIds(), await eventRows().evaluateAll((rows) => rows.map((r) => r.dataset.event)));
    assert.equal(await page.locator('#filters input[name="since"]').inputValue(), since);
  });

  await check('clicking a marker opens its article with the evidence highlighted', async () => {
    await page.goto(`${base}/?place=Kharkiv`);
    const marker = page.locator('#map circle.marker').first();
    await marker.waitFor();
    const eventId = await marker.getAttribute('data-event');
    await marker.dispatchEvent('click');
    await page.locator('#article-panel:not([hidden]) mark.evidence').first().waitFor();
    assert.equal(new URL(page.url()).searchParams.get('event'), eventId);
    const explanation = await page.evaluate(async (id) => (await fetch(`/api/events/${id}/explain`)).json(), eventId);
    const highlighted = await page.locator('mark.evidence[data-fields~="event"]').allTextContents();
    assert.ok(highlighted.join('').includes(explanation.event.evidence.text), `${highlighted} lacks ${explanation.event.evidence.text}`);
    const fieldRows = await page.locator('table.fields tbody tr').count();
    assert.equal(fieldRows, explanation.fields.length);
    const spanned = explanation.fields.filter((f) => f.evidence).map((f) => f.field);
    for (const field of spanned.slice(0, 3)) {
      assert.ok(await page.locator(`mark.evidence[data-fields~="${field}"]`).count() > 0, `no mark for ${field}`);
    }
    assert.match(await page.locator('#article-headline').textContent(), /Kharkiv/);
    await page.locator('#article-panel').screenshot({ path: join(shots, '4-article.png') });
  });

  await check('hostile title and text render as inert text', async () => {
    await page.goto(`${base}/?q=Marseille`);
    const item = page.locator('#articles li').first();
    await item.waitFor();
    assert.match(await item.textContent(), /<script>window.__xss/);
    await item.click();
    await page.locator('#article-headline').waitFor();
    await page.locator('mark.evidence').first().waitFor();
    const headline = await page.locator('#article-headline').textContent();
    assert.ok(headline.includes("<script>window.__xss = 'title-script'</script>"), headline);
    assert.ok(headline.includes('"><img src=x onerror='), headline);
    const text = await page.locator('#article-text').textContent();
    assert.ok(text.includes("<script>window.__xss = 'text-script'</script>"), text);
    assert.ok(text.includes(`"><img src=x onerror="window.__xss='text-img'">`), text);
    assert.equal(await page.locator('#article img, #articles img, #article script, #articles script, #articles b').count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.deepEqual(dialogs, []);
    await page.locator('#article-panel').screenshot({ path: join(shots, '5-hostile-article.png') });
  });

  await check('empty and error states are shown', async () => {
    await page.goto(`${base}/?actor=${encodeURIComponent('no such actor anywhere')}`);
    await page.locator('#events-status.empty').waitFor();
    await page.locator('#map-status.empty').waitFor();
    await page.goto(`${base}/?event=no-such-event`);
    await page.locator('#article-status.error').waitFor();
    assert.match(await page.locator('#article-status').textContent(), /no event with id/);
    await page.screenshot({ path: join(shots, '6-empty-and-error.png'), fullPage: true });
  });

  assert.deepEqual(problems, [], 'the page reported errors');
  assert.deepEqual(foreign, [], 'the page fetched from another origin');
} finally {
  await browser.close();
}
console.log(`screenshots in ${shots}`);
