// The secretariat sets a cell's monthly rule in words, previews its dates, corrects a mistake the form points
// out, saves it, and later changes the rule from a date, keeping a session that was changed by hand.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPassword, skipReason, startServer } from '../support/server.mjs';
import { desk, expectAccessible, expectNoProblems, launch, open, phone, screenshot, signIn } from '../support/browser.mjs';

const skip = skipReason() || false;
let server, browser;

before(async () => {
  if (skip) return;
  // Before the 2027 plan: the new rule starts in January 2027, so every date the pages show is ahead.
  server = await startServer({ now: '2026-12-01T01:00:00Z' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The JSON API with the browser's own session (the session cookie holds the bearer token).
async function api(page, method, path, { body, ifMatch } = {}) {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'satdan_session');
  const headers = { Authorization: `Bearer ${cookie.value}` };
  if (body) headers['Content-Type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
  if (ifMatch !== undefined) headers['If-Match'] = `"${ifMatch}"`;
  const r = await fetch(`${server.url}${path}`, { method, headers, body: body && JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}

// The local (UTC+7) day of a UTC instant.
const localDay = (iso) => new Date(Date.parse(iso) + 7 * 3600 * 1000);

async function noSidewaysSpill(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
}

test('the secretariat creates a first-Tuesday rule, previews it, saves it and splits it from a date', { skip }, async () => {
  const page = await open(browser, { viewport: desk });
  await signIn(page, server.url, 'demo-secretariat', demoPassword);
  await page.getByRole('link', { name: 'Lịch định kỳ' }).first().click();
  await page.waitForURL(/\/lich-dinh-ky$/);
  await page.getByRole('heading', { level: 1, name: 'Lịch định kỳ' }).waitFor();
  // The demo's rules read in words, never as RRULE.
  const list = await page.locator('main').innerText();
  assert.match(list, /Ngày 5 hằng tháng, lúc 19:30/);
  assert.doesNotMatch(list, /FREQ=/);
  await expectAccessible(page, 'the list of series');
  await screenshot(page, 'series-list');

  const row = page.locator('tbody tr').first();
  const cellName = await row.getByRole('rowheader').innerText();
  const add = row.getByRole('link', { name: `Thêm lịch định kỳ cho ${cellName}` });
  await add.click();
  await page.waitForURL(/\/lich-dinh-ky\/moi\?chi-bo=\d+$/);
  assert.match(await page.locator('main').innerText(), new RegExp(`Chi bộ: ${cellName}`));
  await expectAccessible(page, 'the new series form');

  await page.getByLabel('Theo thứ trong tuần').check();
  await page.getByLabel('Thứ', { exact: true }).selectOption({ label: 'Thứ Ba' });
  await page.getByLabel('Tuần trong tháng').selectOption({ label: 'Tuần đầu tiên' });
  await page.getByLabel('Lặp lại sau mấy tháng').fill('1');
  await page.getByLabel('Bắt đầu từ ngày').fill('01/01/2027');
  await page.getByLabel('Giờ bắt đầu').fill('19:30');
  await page.getByLabel('Giờ kết thúc').fill('19:00');
  await page.getByLabel('Địa điểm (không bắt buộc)').fill('Nhà văn hóa thôn');

  // A mistake: the end before the start. The message stands beside the field, the input is kept.
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.locator('#end_time-error').waitFor();
  assert.equal(await page.locator('#end_time-error').innerText(), 'Giờ kết thúc phải sau giờ bắt đầu.');
  assert.equal(await page.getByLabel('Giờ kết thúc').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Địa điểm (không bắt buộc)').inputValue(), 'Nhà văn hóa thôn');
  assert.equal(await page.getByLabel('Bắt đầu từ ngày').inputValue(), '01/01/2027');
  assert.ok(await page.getByLabel('Theo thứ trong tuần').isChecked(), 'the chosen pattern is kept');
  await page.getByRole('link', { name: 'Giờ kết thúc phải sau giờ bắt đầu.' }).waitFor();
  await expectAccessible(page, 'the new series form with an error');
  await screenshot(page, 'series-new-error');

  await page.getByLabel('Giờ kết thúc').fill('21:30');
  await page.getByRole('button', { name: 'Xem trước' }).click();
  const preview = page.locator('[data-series-preview] li');
  await preview.first().waitFor();
  const dates = await preview.allInnerTexts();
  assert.equal(dates.length, 12);
  assert.equal(dates[0], 'Thứ Ba, 05/01/2027 19:30–21:30');
  for (const d of dates) {
    const m = d.match(/^Thứ Ba, (\d\d)\/\d\d\/\d{4} 19:30–21:30$/);
    assert.ok(m && Number(m[1]) <= 7, `${d} is a Tuesday of the first week`);
  }
  assert.equal(await page.getByLabel('Giờ kết thúc').inputValue(), '21:30', 'the form is kept under the preview');
  await expectAccessible(page, 'the new series form with its preview');
  await screenshot(page, 'series-new-preview');

  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForURL(/\/lich-dinh-ky\/\d+\?thong-bao=da-tao$/);
  const id = Number(page.url().match(/lich-dinh-ky\/(\d+)/)[1]);
  const shown = await page.locator('main').innerText();
  assert.match(shown, /Đã lưu lịch định kỳ/);
  assert.match(shown, /Thứ Ba tuần đầu tiên hằng tháng, lúc 19:30/);
  await expectAccessible(page, 'the series page');
  await screenshot(page, 'series-show');

  // The server holds the series and its sessions: first Tuesdays at 19:30 local time.
  const series = await api(page, 'GET', `/api/v1/series/${id}`);
  assert.equal(series.json.rrule, 'FREQ=MONTHLY;BYDAY=1TU');
  const sessions = (await api(page, 'GET', `/api/v1/sessions?limit=500&series_id=${id}`)).json.items;
  assert.ok(sessions.length >= 12, `${sessions.length} sessions`);
  assert.equal(sessions[0].start, '2027-01-05T12:30:00Z');
  for (const s of sessions) {
    const day = localDay(s.start);
    assert.ok(day.getUTCDay() === 2 && day.getUTCDate() <= 7, `${s.start} is a first Tuesday`);
  }

  // May's meeting is cancelled by hand: the split must leave it be.
  const may = sessions.find((s) => s.start.startsWith('2027-05-04'));
  assert.ok(may, 'a session on Tuesday 4 May 2027');
  const cancelled = await api(page, 'PATCH', `/api/v1/sessions/${may.id}`,
    { body: { status: 'cancelled', status_reason: 'Trùng lịch bầu cử' }, ifMatch: may.sequence });
  assert.equal(cancelled.status, 200);

  await page.reload();
  await page.getByLabel('Theo ngày trong tháng').check();
  await page.getByLabel('Ngày trong tháng', { exact: true }).selectOption({ label: 'Ngày 10' });
  await page.getByLabel('Áp dụng quy tắc mới từ ngày').fill('01/04/2027');
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await page.locator('[data-kept]').waitFor();
  assert.equal(await page.locator('[data-kept] li').count(), 1);
  assert.equal(await page.locator('[data-kept] li').innerText(), 'Thứ Ba, 04/05/2027 19:30–21:30 (đã hủy)');
  const replaced = await page.locator('[data-replaced] li').allInnerTexts();
  assert.equal(replaced[0], 'Thứ Ba, 06/04/2027 19:30–21:30');
  assert.ok(!replaced.some((r) => r.includes('04/05/2027')), 'the cancelled session is not replaced');
  assert.equal((await page.locator('[data-series-preview] ol li').allInnerTexts())[0], 'Thứ Bảy, 10/04/2027 19:30–21:30');
  await expectAccessible(page, 'the split preview');
  await screenshot(page, 'series-split-preview');

  await page.getByRole('button', { name: 'Xác nhận đổi quy tắc' }).click();
  await page.waitForURL(/\/lich-dinh-ky\/\d+\?thong-bao=da-doi-quy-tac$/);
  const nextId = Number(page.url().match(/lich-dinh-ky\/(\d+)/)[1]);
  assert.notEqual(nextId, id);
  assert.match(await page.locator('main').innerText(), /Ngày 10 hằng tháng, lúc 19:30/);
  await expectAccessible(page, 'the new series page after the split');
  const next = await api(page, 'GET', `/api/v1/series/${nextId}`);
  assert.equal(next.json.rrule, 'FREQ=MONTHLY;BYMONTHDAY=10');
  assert.equal((await api(page, 'GET', `/api/v1/series/${id}`)).json.until, '2027-03-31');
  const kept = await api(page, 'GET', `/api/v1/sessions/${may.id}`);
  assert.equal(kept.json.status, 'cancelled');
  expectNoProblems(page);
});

test('the rule builder fits a phone', { skip }, async () => {
  const page = await open(browser, { viewport: phone });
  await signIn(page, server.url, 'demo-secretariat', demoPassword);
  await page.goto(`${server.url}/lich-dinh-ky`);
  await noSidewaysSpill(page);
  await expectAccessible(page, 'the list of series on a phone');
  await screenshot(page, 'series-list-phone');
  await page.getByRole('link', { name: /^Thêm lịch định kỳ cho / }).first().click();
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await page.locator('[data-series-preview] li').first().waitFor();
  await noSidewaysSpill(page);
  await expectAccessible(page, 'the rule builder on a phone');
  await screenshot(page, 'series-new-phone');
  expectNoProblems(page);
});
