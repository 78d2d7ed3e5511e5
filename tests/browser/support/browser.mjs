// Debian's Chromium driven by playwright-core (which never downloads a browser), pages checked with axe-core,
// and screenshots saved for a person to look at.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const screenshots = process.env.SATDAN_SCREENSHOTS || join(process.cwd(), 'screenshots');

export const phone = { width: 360, height: 740 };
export const desk = { width: 1280, height: 800 };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.SATDAN_CHROMIUM || '/usr/bin/chromium',
    // Root in a container has no user namespace for Chromium's sandbox; the pages are our own, on loopback.
    args: ['--no-sandbox'],
    timeout: 60_000,
  });
}

// A page in a fresh context (no cookies) that records every console error and failed request, so a
// Content-Security-Policy violation or a broken asset fails the journey.
export async function open(browser, { viewport = desk } = {}) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  page.problems = [];
  // A form answered 422 is the page working; what counts is a script error, a blocked or failed load, or an
  // asset (anything but the page itself) answered with an error.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') page.problems.push(`${r.status()}: ${r.url()}`);
  });
  page.on('pageerror', (e) => page.problems.push(`script: ${e.message}`));
  page.on('requestfailed', (r) => page.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  return page;
}

export function expectNoProblems(page) {
  assert.deepEqual(page.problems, [], 'the page logged errors or failed requests');
}

// axe-core in the page (run through the DevTools protocol, so the page's CSP stays as strict as it is);
// a serious or critical violation fails the journey.
export async function expectAccessible(page, what) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    globalThis.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [],
                   `accessibility of ${what}`);
}

export async function screenshot(page, name) {
  mkdirSync(screenshots, { recursive: true });
  const backend = process.env.SATDAN_TEST_BACKEND || 'sqlite';
  const clock = process.env.SATDAN_TEST_NOW ? `-at-${process.env.SATDAN_TEST_NOW.slice(0, 10)}` : '';
  await page.screenshot({ path: join(screenshots, `${name}-${backend}${clock}.png`), fullPage: true });
}

// Signs in through the form as a demo account and waits for the home page. Every demo account has the
// password the server was seeded with (server.mjs's demoPassword).
export async function signIn(page, serverUrl, username, password) {
  await page.goto(`${serverUrl}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(new RegExp(`^${serverUrl}/(\\?.*)?$`));
}
