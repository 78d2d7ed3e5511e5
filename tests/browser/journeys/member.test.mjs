// A committee member on their phone: their own schedule with seats and co-attendees, their calendar feed in
// an app (address, QR code, rotating it), and recording their own attendance after a session.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPassword, skipReason, startServer } from '../support/server.mjs';
import { expectAccessible, expectNoProblems, launch, open, phone, screenshot, signIn } from '../support/browser.mjs';

const skip = skipReason() || false;
let server, browser;
let memberToken, memberId;
const seated = [];  // the upcoming sessions the office seats the demo member at: { id, topic }
let coAttendee;     // the name of who else is seated at the first of them

// The day after the demo member's last cell meeting of the demo's history (24/09/2026, 19:30–21:30 local):
// inside the week a member may record their own attendance, and before the 2027 plan.
const clock = '2026-09-25T01:00:00Z';

async function api(method, path, token, body) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function login(username) {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  assert.equal(res.status, 200);
  return res.json();
}

function noSidewaysOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function expectFits(page, what) {
  const overflow = await noSidewaysOverflow(page);
  assert.ok(overflow <= 0, `${what} is ${overflow} px wider than the phone`);
}

before(async () => {
  if (skip) return;
  server = await startServer({ now: clock });
  browser = await launch();
  const member = await login('demo-member');
  memberToken = member.token;
  memberId = member.account.member_id;
  // The office seats the member at the first two planned dialogues, and someone else beside them at the first.
  const office = (await login('demo-secretariat')).token;
  const planned = await api('GET', '/api/v1/sessions?kind=dialogue&status=planned&from=2026-09-26T00:00:00Z&limit=2', office);
  assert.equal(planned.status, 200);
  assert.equal(planned.json.items.length, 2);
  for (const s of planned.json.items) {
    const r = await api('POST', `/api/v1/sessions/${s.id}/assignments`, office, { member_id: memberId, need: 'district' });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    seated.push({ id: s.id, topic: s.topic });
  }
  const others = await api('GET', '/api/v1/members?level=district&limit=20', office);
  for (const m of others.json.items.filter((m) => m.id !== memberId)) {
    const r = await api('POST', `/api/v1/sessions/${seated[0].id}/assignments`, office, { member_id: m.id, need: 'district' });
    if (r.status === 201) { coAttendee = m.full_name; break; }
  }
  assert.ok(coAttendee, 'another district member could be seated');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a member sees their upcoming sessions with their seat and who else comes', { skip }, async () => {
  const page = await open(browser, { viewport: phone });
  await signIn(page, server.url, 'demo-member', demoPassword);
  const main = page.locator('main');
  assert.match(await main.innerText(), /Xin chào, .+\./);
  await page.getByRole('heading', { name: 'Lịch sắp tới của tôi' }).waitFor();

  const first = page.locator(`#buoi-${seated[0].id}`);
  const text = await first.innerText();
  assert.match(text, /Thứ \S+, \d\d\/\d\d\/2027, \d\d:\d\d–\d\d:\d\d/, 'the date and times, in Vietnamese');
  assert.ok(text.includes(seated[0].topic), 'the topic');
  assert.match(text, /Vai trò của tôi:?\s*Đại biểu cấp Huyện/);
  assert.ok(text.includes(coAttendee), `the co-attendee ${coAttendee}`);
  assert.match(await page.locator(`#buoi-${seated[1].id}`).innerText(), /Chưa có ai khác được phân công/);
  // An upcoming session has nothing to record yet.
  assert.equal(await first.locator('form').count(), 0);

  await page.getByRole('heading', { name: 'Các buổi trong 90 ngày qua' }).waitFor();
  await expectFits(page, 'the member home');
  await expectAccessible(page, 'the member home');
  await screenshot(page, 'member-home');
  expectNoProblems(page);
});

test('a member subscribes to their feed, scans the QR code, and rotates the address', { skip }, async () => {
  const page = await open(browser, { viewport: phone });
  await signIn(page, server.url, 'demo-member', demoPassword);
  await page.getByRole('link', { name: 'Đồng bộ lịch' }).click();
  await page.waitForURL(/\/dang-ky-lich$/);
  await page.getByRole('heading', { name: 'Bạn chưa có địa chỉ lịch' }).waitFor();
  await expectAccessible(page, 'the subscribe page without an address');
  await screenshot(page, 'member-subscribe-none');

  await page.getByRole('button', { name: 'Tạo địa chỉ lịch' }).click();
  await page.getByRole('heading', { name: 'Địa chỉ lịch của bạn' }).waitFor();
  assert.match(await page.locator('main').innerText(), /sẽ không hiển thị lại/);
  const first = await page.getByLabel('Địa chỉ lịch (https)').inputValue();
  const webcal = await page.getByLabel('Địa chỉ lịch (webcal)').inputValue();
  assert.match(first, /^http:\/\/127\.0\.0\.1:\d+\/feeds\/m\/[A-Za-z0-9_-]+\.ics$/);
  assert.equal(webcal, first.replace(/^https?:/, 'webcal:'));
  const feed = await fetch(first);
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get('content-type'), /^text\/calendar/);
  // Unfolded (RFC 5545 §3.1) and unescaped, to read a text as written.
  const ics = (await feed.text()).replace(/\r\n[ \t]/g, '').replace(/\\([,;\\])/g, '$1');
  assert.match(ics, /BEGIN:VEVENT/);
  assert.ok(ics.includes(seated[0].topic), 'the feed holds the session the member is seated at');

  // One button per app, each carrying this address.
  const google = await page.getByRole('link', { name: 'Thêm vào Google Calendar' }).getAttribute('href');
  assert.equal(google, `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`);
  assert.equal(await page.getByRole('link', { name: 'Thêm vào Lịch của iPhone, iPad, Mac' }).getAttribute('href'), webcal);
  const outlook = new URL(await page.getByRole('link', { name: 'Thêm vào Outlook' }).getAttribute('href'));
  assert.equal(outlook.searchParams.get('url'), first);
  // The QR code is drawn and shows.
  const qr = page.getByRole('img', { name: 'Mã QR của địa chỉ lịch' });
  await qr.scrollIntoViewIfNeeded();
  const drawn = await qr.evaluate((img) => img.complete && img.naturalWidth > 0);
  assert.ok(drawn, 'the QR image loaded');
  await expectFits(page, 'the new address');
  await expectAccessible(page, 'the subscribe page with its new address');
  await screenshot(page, 'member-subscribe-address');

  // Later the address is not shown again; rotating asks for the box to be ticked.
  await page.goto(`${server.url}/dang-ky-lich`);
  await page.getByRole('heading', { name: 'Địa chỉ lịch đang hoạt động' }).waitFor();
  assert.equal(await page.getByLabel('Địa chỉ lịch (https)').count(), 0);
  await page.getByRole('button', { name: 'Tạo địa chỉ mới' }).click();
  await page.getByRole('link', { name: 'Hãy đánh dấu ô xác nhận trước khi tiếp tục' }).waitFor();
  assert.equal((await fetch(first)).status, 200, 'without the confirmation nothing changed');
  await expectAccessible(page, 'the rotate form with an error');
  await screenshot(page, 'member-subscribe-confirm');

  await page.getByLabel('Tôi hiểu rằng địa chỉ cũ sẽ ngừng hoạt động').check();
  await page.getByRole('button', { name: 'Tạo địa chỉ mới' }).click();
  await page.getByRole('heading', { name: 'Địa chỉ lịch của bạn' }).waitFor();
  const second = await page.getByLabel('Địa chỉ lịch (https)').inputValue();
  assert.notEqual(second, first);
  assert.equal((await fetch(first)).status, 404, 'the old address stopped working');
  assert.equal((await fetch(second)).status, 200, 'the new one works');

  // Reminders: fifteen minutes before, besides the defaults.
  await page.getByLabel('Trước 15 phút').check();
  await page.getByRole('button', { name: 'Lưu cài đặt nhắc' }).click();
  await page.getByText('Đã lưu cài đặt nhắc.').waitFor();
  assert.ok(await page.getByLabel('Trước 15 phút').isChecked());
  const settings = await api('GET', '/api/v1/me/feed', memberToken);
  assert.deepEqual(settings.json.reminders_minutes, [1440, 60, 15]);
  await expectFits(page, 'the subscribe page');
  await expectAccessible(page, 'the subscribe page after saving reminders');
  await screenshot(page, 'member-subscribe-saved');
  expectNoProblems(page);
});

test('a member records their own attendance the day after a session', { skip }, async () => {
  const page = await open(browser, { viewport: phone });
  await signIn(page, server.url, 'demo-member', demoPassword);
  // The most recent past session, still open for the member's own record.
  const item = page.locator('li.member-session', { has: page.locator('details.member-record') }).first();
  const sessionId = (await item.getAttribute('id')).replace('buoi-', '');
  await item.locator('summary').click();
  await item.getByLabel('Vắng có lý do').check();
  await item.getByLabel('Lý do vắng mặt').fill('');
  await item.getByRole('button', { name: 'Lưu điểm danh' }).click();
  // Refused: the reason is required; the choice is kept and the message stands beside the field.
  await page.getByRole('link', { name: 'Hãy nhập lý do vắng mặt' }).waitFor();
  const again = page.locator(`#buoi-${sessionId}`);
  assert.ok(await again.getByLabel('Vắng có lý do').isChecked(), 'the choice is kept');
  assert.equal(await again.getByLabel('Lý do vắng mặt').getAttribute('aria-invalid'), 'true');
  await expectAccessible(page, 'the attendance form with an error');
  await screenshot(page, 'member-attendance-error');

  await again.getByLabel('Lý do vắng mặt').fill('Đi công tác tại tỉnh');
  await again.getByRole('button', { name: 'Lưu điểm danh' }).click();
  await page.getByText('Đã ghi điểm danh của bạn.').waitFor();
  const recorded = await page.locator(`#buoi-${sessionId}`).innerText();
  assert.match(recorded, /Điểm danh của tôi:?\s*Vắng có lý do \(Lý do: Đi công tác tại tỉnh\)/);
  const held = await api('GET', `/api/v1/sessions/${sessionId}/attendance`, memberToken);
  const mine = held.json.records.find((r) => r.member_id === memberId);
  assert.equal(mine.status, 'absent_excused');
  assert.equal(mine.reason, 'Đi công tác tại tỉnh');
  await expectFits(page, 'the home after recording');
  await expectAccessible(page, 'the home after recording attendance');
  await screenshot(page, 'member-attendance-recorded');
  expectNoProblems(page);
});
