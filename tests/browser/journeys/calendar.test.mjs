// The secretariat plans from the home page and the calendar: the four blocks of the home hold the numbers the
// JSON API gives for the same data, and the calendar moves by month, switches to week and list, and filters
// by commune and kind down to exactly the sessions the API lists. On a desk and on a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPassword, skipReason, startServer } from '../support/server.mjs';
import { desk, expectAccessible, expectNoProblems, launch, open, phone, screenshot, signIn } from '../support/browser.mjs';

const skip = skipReason() || false;
let server, browser, token;

// Monday 4 January 2027, 08:00 in Hà Nội time: the demo's 2027 plan is in view and its first weeks are here.
const now = '2027-01-04T01:00:00Z';
const weekFrom = '2027-01-03T17:00:00Z';   // Monday 4 January, 00:00 local
const weeksTo = '2027-01-17T17:00:00Z';    // Monday 18 January, 00:00 local
const monthFrom = '2026-12-31T17:00:00Z';  // 1 January 2027, 00:00 local
const monthTo = '2027-01-31T17:00:00Z';
const quarterTo = '2027-03-31T17:00:00Z';

async function api(method, path, body) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// Every item of a paged list.
async function all(path) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r = await api('GET', `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
    items.push(...r.body.items);
    cursor = r.body.next_cursor;
  } while (cursor);
  return items;
}

const sessionsBetween = (from, to, extra = '') => all(`/api/v1/sessions?from=${from}&to=${to}${extra}`);

before(async () => {
  if (skip) return;
  server = await startServer({ now });
  browser = await launch();
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo-secretariat', password: demoPassword }),
  });
  token = (await login.json()).token;

  // Make the numbers worth reading: a district member takes two optional seats this month and then has
  // their cap lowered to one; a proposal for one commune waits to be applied.
  const members = await all('/api/v1/members');
  const meetings = (await sessionsBetween(weekFrom, weeksTo, '&kind=cell_meeting&status=planned'))
    .filter((s) => s.start >= weekFrom);
  let seated = 0;
  for (const m of members.filter((x) => x.level === 'district')) {
    seated = 0;
    for (const s of meetings) {
      const r = await api('POST', `/api/v1/sessions/${s.id}/assignments`, { member_id: m.id, need: 'district' });
      if (r.status === 201) seated += 1;
      if (seated === 2) break;
    }
    if (seated === 2) {
      const r = await api('PATCH', `/api/v1/members/${m.id}`, { max_per_month: 1 });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      break;
    }
  }
  assert.equal(seated, 2, 'a district member could be seated twice this month');
  const units = await all('/api/v1/units');
  const commune = units.find((u) => u.kind === 'commune');
  const proposal = await api('POST', '/api/v1/schedule/proposals',
                             { within: commune.id, from: '2027-01-17T17:00:00Z', to: '2027-01-24T17:00:00Z', time_limit_seconds: 5 });
  assert.equal(proposal.status, 201, JSON.stringify(proposal.body));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// What the home page should say, worked out from the JSON API alone.
async function expectedHome() {
  const planned = (await sessionsBetween(weekFrom, weeksTo, '&status=planned')).filter((s) => s.start >= weekFrom);
  let gapSeats = 0;
  for (const s of planned) {
    const seats = (await api('GET', `/api/v1/sessions/${s.id}/assignments`)).body;
    const list = Array.isArray(seats) ? seats : seats.items;
    for (const [need, count] of Object.entries(s.needs ?? {}))
      gapSeats += Math.max(0, count - list.filter((a) => a.need === need).length);
  }
  const members = await all('/api/v1/members');
  let overCap = 0;
  for (const m of members) {
    const mine = (await sessionsBetween(monthFrom, monthTo, `&member_id=${m.id}`)).filter((s) => s.start >= monthFrom);
    if (mine.length > m.max_per_month) overCap += 1;
  }
  // The top level: the first of the member levels that a unit of the deployment is.
  const units = await all('/api/v1/units');
  const top = ['province', 'district', 'commune'].find((level) => units.some((u) => u.kind === level));
  const visited = new Set();
  for (const m of members.filter((x) => x.level === top))
    for (const s of await sessionsBetween(monthFrom, quarterTo, `&member_id=${m.id}`))
      if (s.cell_id && s.status !== 'cancelled' && s.start >= monthFrom) visited.add(s.cell_id);
  const cells = await all('/api/v1/cells');
  return { gapSeats, overCap, cellsLeft: cells.length - visited.size };
}

// "1.234" → 1234
const number = (text) => Number(text.replaceAll('.', ''));
const metric = async (page, name) => number(await page.locator(`[data-metric="${name}"]`).innerText());

// The sessions the calendar shows, by id.
const shownIds = async (page) =>
  (await page.locator('[data-session]').evaluateAll((els) => els.map((e) => Number(e.dataset.session)))).sort((a, b) => a - b);

test('the secretariat reads the plan at a desk and works the calendar', { skip }, async () => {
  const page = await open(browser, { viewport: desk });
  await signIn(page, server.url, 'demo-secretariat', demoPassword);
  for (const heading of ['Buổi còn trống chỗ bắt buộc', 'Cấp ủy viên vượt định mức trong tháng',
                         'Đề xuất phân công chờ áp dụng', 'Độ phủ chi bộ quý 1/2027'])
    await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
  const expected = await expectedHome();
  assert.ok(expected.gapSeats > 0, 'the demo leaves seats to fill in its first weeks');
  assert.equal(await metric(page, 'gap-seats'), expected.gapSeats);
  assert.equal(await metric(page, 'over-cap'), expected.overCap);
  assert.equal(expected.overCap, 1, 'the member whose cap was lowered');
  assert.equal(await metric(page, 'proposals'), 1);
  assert.equal(await metric(page, 'cells-left'), expected.cellsLeft);
  assert.match(await page.locator('#vuot-dinh-muc').innerText(), /2 buổi trong tháng 1\/2027, định mức 1 buổi/);
  assert.match(await page.locator('#de-xuat-cho').innerText(), /Đề xuất số \d+: .+, từ 18\/01\/2027 đến 24\/01\/2027/);
  // Each session with an empty seat links to its page.
  const firstGap = page.locator('.dash-gap a').first();
  assert.match(await firstGap.getAttribute('href'), /^\/buoi-hop\/\d+$/);
  await expectAccessible(page, 'the planning home');
  await screenshot(page, 'calendar-home-desk');

  // The calendar opens on this month.
  await page.getByRole('link', { name: 'Lịch sinh hoạt' }).first().click();
  await page.waitForURL(/\/lich$/);
  await page.getByRole('heading', { name: 'Tháng 1 năm 2027' }).waitFor();
  assert.ok(await page.locator('.cal-events .cal-event--gap').count() > 0, 'a session with an empty seat is marked');
  assert.match(await page.locator('.cal-events .cal-event--gap').first().innerText(), /[Tt]rống \d+ chỗ/);
  await expectAccessible(page, 'the calendar, January');
  await screenshot(page, 'calendar-month-desk');

  await page.getByRole('link', { name: 'Tháng sau' }).click();
  await page.getByRole('heading', { name: 'Tháng 2 năm 2027' }).waitFor();
  assert.match(page.url(), /ngay=2027-02-01/);
  // February 2027 begins on a Monday and has four weeks: the grid is exactly the month.
  const februaryIds = (await sessionsBetween('2027-01-31T17:00:00Z', '2027-02-28T17:00:00Z'))
    .filter((s) => s.start >= '2027-01-31T17:00:00Z').map((s) => s.id).sort((a, b) => a - b);
  assert.ok(februaryIds.length > 0);
  assert.deepEqual(await visibleMonthIds(page), februaryIds, 'the month shows every session of February');
  await expectAccessible(page, 'the calendar, February');

  await page.getByRole('link', { name: 'Tuần', exact: true }).click();
  await page.getByRole('heading', { name: 'Tuần từ 01/02 đến 07/02/2027' }).waitFor();
  await page.getByRole('heading', { name: 'Thứ Hai, 01/02/2027' }).waitFor();
  await expectAccessible(page, 'the calendar, a week');
  await screenshot(page, 'calendar-week-desk');

  await page.getByRole('link', { name: 'Danh sách', exact: true }).click();
  await page.getByRole('heading', { name: 'Tháng 2 năm 2027' }).waitFor();
  assert.match(page.url(), /xem=danh-sach/);
  assert.deepEqual(await shownIds(page), februaryIds, 'the list holds every session of the month');

  // Filter by a commune and by kind: exactly the sessions the API lists for the same question.
  const units = await all('/api/v1/units');
  const commune = units.filter((u) => u.kind === 'commune').sort((a, b) => a.name.localeCompare(b.name, 'vi'))[0];
  await page.getByLabel('Đơn vị').selectOption({ label: commune.name });
  await page.getByLabel('Loại buổi').selectOption({ label: 'Sinh hoạt chi bộ' });
  await page.getByRole('button', { name: 'Lọc' }).click();
  await page.waitForURL(/loai=cell_meeting/);
  const expectedCells = (await sessionsBetween('2027-01-31T17:00:00Z', '2027-02-28T17:00:00Z',
                                               `&within=${commune.id}&kind=cell_meeting`))
    .filter((s) => s.start >= '2027-01-31T17:00:00Z');
  assert.ok(expectedCells.length > 0);
  assert.deepEqual(await shownIds(page), expectedCells.map((s) => s.id).sort((a, b) => a - b));
  for (const kind of await page.locator('.cal-event__kind').allInnerTexts()) assert.equal(kind, 'Sinh hoạt chi bộ');
  assert.equal(await page.getByLabel('Đơn vị').inputValue(), String(commune.id), 'the form keeps the filter');
  await expectAccessible(page, 'the calendar filtered');
  await screenshot(page, 'calendar-list-filtered-desk');

  await page.getByLabel('Đơn vị').selectOption({ label: 'Tất cả đơn vị' });
  await page.getByLabel('Loại buổi').selectOption({ label: 'Đối thoại với nhân dân' });
  await page.getByRole('button', { name: 'Lọc' }).click();
  await page.waitForURL(/loai=dialogue/);
  const dialogues = (await sessionsBetween('2027-01-31T17:00:00Z', '2027-02-28T17:00:00Z', '&kind=dialogue'))
    .filter((s) => s.start >= '2027-01-31T17:00:00Z');
  assert.deepEqual(await shownIds(page), dialogues.map((s) => s.id).sort((a, b) => a - b));
  expectNoProblems(page);
});

// The month grid shows at most a few sessions a day and links to the week for the rest: the ids it names,
// plus the ids of the days it cut short, seen through their week pages.
async function visibleMonthIds(page) {
  const ids = new Set(await shownIds(page));
  const more = await page.locator('.cal-day__more a').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
  for (const href of more) {
    const res = await page.request.get(`${server.url}${href}`);
    for (const m of (await res.text()).matchAll(/data-session="(\d+)"/g)) ids.add(Number(m[1]));
  }
  return [...ids].sort((a, b) => a - b);
}

test('on a phone the home and the month read as lists without spilling sideways', { skip }, async () => {
  const page = await open(browser, { viewport: phone });
  await signIn(page, server.url, 'demo-secretariat', demoPassword);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(await overflow() <= 0, 'the home fits the phone');
  await expectAccessible(page, 'the planning home on a phone');
  await screenshot(page, 'calendar-home-phone');

  await page.goto(`${server.url}/lich`);
  await page.getByRole('heading', { name: 'Tháng 1 năm 2027' }).waitFor();
  assert.ok(await overflow() <= 0, 'the month fits the phone');
  // The month is a list of the days that have sessions, each named in full.
  await page.getByText('Thứ Ba, 05/01/2027').first().waitFor();
  await expectAccessible(page, 'the calendar month on a phone');
  await screenshot(page, 'calendar-month-phone');

  await page.getByRole('link', { name: 'Tuần', exact: true }).click();
  await page.getByRole('heading', { name: 'Tuần từ 04/01 đến 10/01/2027' }).waitFor();
  assert.ok(await overflow() <= 0, 'the week fits the phone');
  await expectAccessible(page, 'the calendar week on a phone');
  await screenshot(page, 'calendar-week-phone');
  expectNoProblems(page);
});
