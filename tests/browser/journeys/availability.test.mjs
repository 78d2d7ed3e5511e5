// A member on a phone records a trip (after getting the dates the wrong way round), deletes it, and uploads
// busy times from a calendar file: the upload shows what it imported, and a broken file is explained in
// Vietnamese beside the field.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPassword, skipReason, startServer } from '../support/server.mjs';
import { expectAccessible, expectNoProblems, launch, open, phone, screenshot, signIn } from '../support/browser.mjs';

const skip = skipReason() || false;
let server, browser;

before(async () => {
  if (skip) return;
  // Before the demo's 2027 plan: the January 2027 dates below lie ahead whatever day the suite runs.
  server = await startServer({ now: '2026-12-01T01:00:00Z' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectNoSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
}

// Two mornings in January 2027, 08:00–11:00 in Hà Nội (UTC+7).
const calendarFile = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Sat Dan thu nghiem//VI',
  'BEGIN:VEVENT', 'UID:hop-1@thu-nghiem', 'DTSTART:20270105T010000Z', 'DTEND:20270105T040000Z', 'SUMMARY:Họp riêng', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:hop-2@thu-nghiem', 'DTSTART:20270112T010000Z', 'DTEND:20270112T040000Z', 'SUMMARY:Khám sức khỏe', 'END:VEVENT',
  'END:VCALENDAR', '',
].join('\r\n');

// Line 5 ends before line 4 starts.
const brokenFile = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'DTSTART:20270105T040000Z', 'DTEND:20270105T010000Z', 'END:VEVENT',
  'END:VCALENDAR', '',
].join('\r\n');

test('a member adds an unavailability after a wrong date order, sees it listed, and deletes it', { skip }, async () => {
  const page = await open(browser, { viewport: phone });
  await signIn(page, server.url, 'demo-member', demoPassword);
  await page.getByRole('link', { name: 'Ngày vắng mặt' }).click();
  await page.waitForURL(/\/vang-mat$/);
  await page.getByRole('heading', { name: 'Ngày vắng mặt', level: 1 }).waitFor();
  await expectAccessible(page, 'the unavailability page');
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'availability-phone');

  const reason = 'Đi công tác tỉnh Quảng Nam';
  await page.getByLabel('Từ ngày').fill('2027-01-07');
  await page.getByLabel('Đến ngày').fill('2027-01-05');
  await page.getByLabel('Lý do (không bắt buộc)').fill(reason);
  await page.getByRole('button', { name: 'Thêm ngày vắng mặt' }).click();
  await page.getByRole('heading', { name: 'Có lỗi cần sửa' }).waitFor();
  assert.equal(await page.locator('#end-error').innerText(), 'Ngày kết thúc phải sau hoặc trùng ngày bắt đầu');
  assert.equal(await page.getByLabel('Đến ngày').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Từ ngày').inputValue(), '2027-01-07', 'the input is kept');
  assert.equal(await page.getByLabel('Đến ngày').inputValue(), '2027-01-05');
  assert.equal(await page.getByLabel('Lý do (không bắt buộc)').inputValue(), reason);
  await expectAccessible(page, 'the unavailability page with an error');
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'availability-error-phone');

  await page.getByLabel('Đến ngày').fill('2027-01-09');
  await page.getByRole('button', { name: 'Thêm ngày vắng mặt' }).click();
  await page.waitForURL(/\/vang-mat\?thong-bao=da-them$/);
  assert.match(await page.locator('main').innerText(), /Đã thêm ngày vắng mặt\./);
  const item = page.locator('.period', { hasText: reason });
  assert.equal(await item.count(), 1);
  assert.match(await item.innerText(), /Thứ Năm, 07\/01\/2027 – Thứ Bảy, 09\/01\/2027/);
  await expectAccessible(page, 'the unavailability page with a period');
  await screenshot(page, 'availability-added-phone');

  await item.getByRole('link', { name: /^Xóa/ }).click();
  await page.getByRole('heading', { name: 'Xóa ngày vắng mặt' }).waitFor();
  assert.match(await page.locator('#xoa').innerText(), /Thứ Năm, 07\/01\/2027 – Thứ Bảy, 09\/01\/2027/);
  await expectAccessible(page, 'the delete confirmation');
  await screenshot(page, 'availability-delete-phone');
  await page.getByRole('button', { name: 'Xóa ngày vắng mặt' }).click();
  await page.waitForURL(/\/vang-mat\?thong-bao=da-xoa$/);
  assert.match(await page.locator('main').innerText(), /Đã xóa ngày vắng mặt\./);
  assert.equal(await page.locator('.period', { hasText: reason }).count(), 0, 'the period is gone');
  expectNoProblems(page);
});

test('a member uploads busy times, sees what was imported, and a broken file is explained', { skip }, async () => {
  const page = await open(browser, { viewport: phone });
  await signIn(page, server.url, 'demo-member', demoPassword);
  await page.getByRole('link', { name: 'Lịch bận' }).click();
  await page.waitForURL(/\/lich-ban$/);
  await expectAccessible(page, 'the busy-times page');
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'busy-times-phone');

  await page.getByLabel('Tên nguồn lịch').fill('lich_thu_nghiem');
  await page.getByLabel('Tệp lịch (.ics)').setInputFiles({ name: 'lich.ics', mimeType: 'text/calendar', buffer: Buffer.from(calendarFile) });
  await page.getByRole('button', { name: 'Tải lên' }).click();
  await page.waitForURL(/\/lich-ban\?thong-bao=da-tai-len$/);
  const main = page.locator('main');
  assert.match(await main.innerText(), /Đã nhập lịch bận từ tệp\./);
  const source = page.locator('.busy-source', { hasText: 'Nguồn: lich_thu_nghiem' });
  const imported = await source.innerText();
  assert.match(imported, /2 khoảng bận từ nay đến hết thời gian lập kế hoạch\./);
  assert.match(imported, /Thứ Ba, 05\/01\/2027 08:00–11:00/);
  assert.match(imported, /Thứ Ba, 12\/01\/2027 08:00–11:00/);
  assert.doesNotMatch(imported, /Họp riêng/, 'the events\' titles stay private');
  await expectAccessible(page, 'the busy-times page after an upload');
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'busy-times-imported-phone');

  await page.getByLabel('Tên nguồn lịch').fill('lich_hong');
  await page.getByLabel('Tệp lịch (.ics)').setInputFiles({ name: 'hong.ics', mimeType: 'text/calendar', buffer: Buffer.from(brokenFile) });
  await page.getByRole('button', { name: 'Tải lên' }).click();
  await page.getByRole('heading', { name: 'Có lỗi cần sửa' }).waitFor();
  assert.equal(await page.locator('#file-error').innerText(), 'Không đọc được tệp lịch ở dòng 5: sự kiện kết thúc trước khi bắt đầu.');
  assert.equal(await page.getByLabel('Tên nguồn lịch').inputValue(), 'lich_hong', 'the source is kept');
  assert.equal(await page.locator('.busy-source', { hasText: 'lich_hong' }).count(), 0, 'nothing was imported');
  await expectAccessible(page, 'the busy-times page with an error');
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'busy-times-error-phone');

  await page.goto(`${server.url}/lich-ban`);
  await page.getByRole('link', { name: 'Xóa nguồn lich_thu_nghiem' }).click();
  await page.getByRole('heading', { name: 'Xóa lịch bận' }).waitFor();
  await expectAccessible(page, 'the remove confirmation');
  await page.getByRole('button', { name: 'Xóa lịch bận của nguồn này' }).click();
  await page.waitForURL(/\/lich-ban\?thong-bao=da-xoa-nguon$/);
  assert.equal(await page.locator('.busy-source', { hasText: 'lich_thu_nghiem' }).count(), 0, 'the source is gone');
  expectNoProblems(page);
});
