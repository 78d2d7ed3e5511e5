// The secretariat staffs a quarter of one commune with a proposal: starts it, watches its progress reach the
// review, reads the cost, applies it and finds the assignments in the plan; a proposal made before a change
// to the plan is refused with a re-run button; a long proposal is cancelled from its progress page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPassword, skipReason, startServer } from '../support/server.mjs';
import { desk, expectAccessible, expectNoProblems, launch, open, phone, screenshot, signIn } from '../support/browser.mjs';

const skip = skipReason() || false;
let server, browser, token;

before(async () => {
  if (skip) return;
  // Before the demo's 2027 plan: the quarter proposed lies ahead, whatever the day the suite runs.
  server = await startServer({ now: '2026-12-01T01:00:00Z' });
  browser = await launch();
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'demo-secretariat', password: demoPassword }),
  });
  assert.equal(login.status, 200);
  token = (await login.json()).token;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function api(method, path, body) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function unitNamed(kind, name) {
  const r = await api('GET', `/api/v1/units?kind=${kind}&limit=500`);
  const unit = r.body.items.find((u) => u.name === name);
  assert.ok(unit, `the demo has the ${kind} ${name}`);
  return unit;
}

// "1.234": how the pages write numbers.
const vi = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

// Fills the proposal form and sends it; resolves on the page the server answers with.
async function propose(page, unitId, from, to, limit) {
  await page.goto(`${server.url}/de-xuat`);
  await page.getByLabel('Đơn vị').selectOption(String(unitId));
  await page.getByLabel('Từ ngày').fill(from);
  await page.getByLabel('Đến hết ngày').fill(to);
  await page.getByLabel(/Thời gian tính tối đa/).fill(limit ? String(limit) : '');
  await page.getByRole('button', { name: 'Lập đề xuất' }).click();
}

const reviewAddress = () => new RegExp(`^${server.url}/de-xuat/(\\d+)(\\?.*)?$`);
const proposalIdOf = (page) => Number(page.url().match(reviewAddress())[1]);

test('the secretariat staffs a quarter of a commune with a proposal and applies it', { skip }, async () => {
  const page = await open(browser, { viewport: desk });
  await signIn(page, server.url, 'demo-secretariat', demoPassword);
  const commune = await unitNamed('commune', 'Tam Thành');

  await page.getByRole('link', { name: 'Phân công tự động' }).click();
  await page.waitForURL(`${server.url}/de-xuat`);
  await expectAccessible(page, 'the proposals page');
  await screenshot(page, 'proposal-list');
  // The unit list is a tree with level words: the commune sits under the district, named with its level.
  const options = await page.getByLabel('Đơn vị').locator('option').allTextContents();
  assert.ok(options.some((o) => /^Huyện Phú Ninh$/.test(o.trim())), 'the district is listed with its level word');
  assert.ok(options.some((o) => /^\s+Xã Tam Thành$/.test(o)), 'the commune is listed, indented, with its level word');

  // A period that ends before it starts comes back with the message beside the field and the input kept.
  await propose(page, commune.id, '2027-03-31', '2027-01-01');
  await page.getByRole('heading', { name: 'Có lỗi cần sửa' }).waitFor();
  assert.equal(await page.locator('#den_ngay-error').innerText(), 'Ngày kết thúc phải trùng hoặc sau ngày bắt đầu');
  assert.equal(await page.getByLabel('Đơn vị').inputValue(), String(commune.id));
  await expectAccessible(page, 'the proposal form with an error');
  await screenshot(page, 'proposal-form-error');

  await propose(page, commune.id, '2027-01-01', '2027-03-31');
  await page.waitForURL(/\/de-xuat\/cong-viec\/[0-9a-f]+$/);
  // The progress page opens the review by itself once the job is done.
  await page.waitForURL(reviewAddress(), { timeout: 120_000 });
  const id = proposalIdOf(page);
  const saved = await api('GET', `/api/v1/schedule/proposals/${id}`);
  assert.equal(saved.status, 200);
  assert.equal(saved.body.within, commune.id);
  assert.equal(saved.body.status, 'open');
  assert.ok(saved.body.added.length > 0, 'the quarter had empty seats to fill');

  await page.getByRole('heading', { name: `Đề xuất phân công số ${id}` }).waitFor();
  const main = page.locator('main');
  assert.match(await main.innerText(), /Xã Tam Thành, 01\/01\/2027 – 31\/03\/2027/);
  // The cost, term by term, as the proposal holds it, and its total.
  const row = (term) => page.locator(`.cost-table tr[data-term="${term}"] td`);
  const cost = saved.body.cost;
  for (const [term, label] of [['uncovered', 'Chi bộ chưa có cấp ủy viên cấp trên dự trong kỳ'],
                               ['unfilled', 'Ghế bắt buộc còn trống'], ['travel', 'Thời gian di chuyển (phút)'],
                               ['outside', 'Dự ngoài địa bàn phụ trách'],
                               ['imbalance', 'Mất cân đối giữa các cấp ủy viên']]) {
    assert.equal(await page.locator(`.cost-table tr[data-term="${term}"] th`).innerText(), label);
    assert.equal(await row(term).first().innerText(), vi(cost[term]), `the ${term} count`);
  }
  assert.equal(await row('total').innerText(), vi(cost.total));
  assert.match(await main.innerText(), new RegExp(`Phân công được thêm: ${vi(saved.body.added.length)}`));
  // The monthly load: one column per month of the quarter, a row per member seated.
  const months = await page.locator('.load-table thead th').allInnerTexts();
  assert.deepEqual(months.slice(2), ['01/2027', '02/2027', '03/2027']);
  assert.ok(await page.locator('.load-table tbody tr').count() > 0);
  await expectAccessible(page, 'the review of a proposal');
  await screenshot(page, 'proposal-review');

  await page.getByRole('button', { name: 'Áp dụng' }).click();
  await page.waitForURL(new RegExp(`/de-xuat/${id}\\?thong-bao=da-ap-dung$`));
  await page.getByRole('status').filter({ hasText: 'Đã áp dụng đề xuất' }).waitFor();
  assert.match(await page.locator('main .lead').innerText(), /Đã áp dụng/);
  await expectAccessible(page, 'the applied proposal');
  await screenshot(page, 'proposal-applied');

  // The plan now holds every assignment the proposal added, in the commune's sessions of the quarter.
  const sessions = await api('GET', `/api/v1/sessions?within=${commune.id}&from=2027-01-01T00:00:00%2B07:00&to=2027-04-01T00:00:00%2B07:00&limit=500`);
  assert.equal(sessions.status, 200);
  const inQuarter = new Set(sessions.body.items.map((s) => s.id));
  const seated = new Map();
  for (const sid of new Set(saved.body.added.map((a) => a.session_id))) {
    assert.ok(inQuarter.has(sid), `session ${sid} is the commune's, in the quarter`);
    const r = await api('GET', `/api/v1/sessions/${sid}/assignments`);
    seated.set(sid, r.body.items);
  }
  for (const a of saved.body.added)
    assert.ok(seated.get(a.session_id).some((x) => x.member_id === a.member_id && x.need === a.need && x.manual === false),
              `member ${a.member_id} sits at session ${a.session_id}`);
  expectNoProblems(page);
});

test('a proposal made before a change to the plan is refused, and re-run', { skip }, async () => {
  const page = await open(browser, { viewport: desk });
  await signIn(page, server.url, 'demo-secretariat', demoPassword);
  const commune = await unitNamed('commune', 'Tam An');
  await propose(page, commune.id, '2027-04-01', '2027-06-30');
  await page.waitForURL(reviewAddress(), { timeout: 120_000 });
  const id = proposalIdOf(page);
  const proposal = (await api('GET', `/api/v1/schedule/proposals/${id}`)).body;
  // Meanwhile someone seats a member by hand at a session the proposal read.
  const seat = proposal.added[0];
  const byHand = await api('POST', `/api/v1/sessions/${seat.session_id}/assignments`, { member_id: seat.member_id, need: seat.need });
  assert.equal(byHand.status, 201, JSON.stringify(byHand.body));

  await page.getByRole('button', { name: 'Áp dụng' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /lịch đã thay đổi kể từ khi lập đề xuất này/);
  assert.equal((await api('GET', `/api/v1/schedule/proposals/${id}`)).body.status, 'open', 'nothing was applied');
  await expectAccessible(page, 'a stale proposal refused');
  await screenshot(page, 'proposal-stale');

  // "Chạy lại" makes a new proposal for the same commune and period.
  await alert.getByRole('button', { name: 'Chạy lại' }).click();
  await page.waitForURL((url) => reviewAddress().test(url.toString()) && proposalIdOf(page) !== id, { timeout: 120_000 });
  const again = (await api('GET', `/api/v1/schedule/proposals/${proposalIdOf(page)}`)).body;
  assert.equal(again.within, commune.id);
  assert.equal(again.from, proposal.from);
  assert.equal(again.to, proposal.to);
  assert.match(await page.locator('main .lead').innerText(), /Xã Tam An, 01\/04\/2027 – 30\/06\/2027/);
  expectNoProblems(page);
});

test('a long proposal is cancelled from its progress page', { skip }, async () => {
  const page = await open(browser, { viewport: phone });
  await signIn(page, server.url, 'demo-secretariat', demoPassword);
  const district = (await api('GET', '/api/v1/units?kind=district')).body.items[0];
  // The whole district over a year: long enough to be running when the button is pressed.
  await propose(page, district.id, '2027-01-01', '2027-12-31', 60);
  await page.waitForURL(/\/de-xuat\/cong-viec\/[0-9a-f]+$/);
  const job = page.url().split('/').pop();
  await page.getByRole('heading', { name: 'Đang lập đề xuất phân công' }).waitFor();
  assert.ok(await page.locator('progress').count() === 1, 'a progress bar');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
  await expectAccessible(page, 'the progress of a proposal');
  await screenshot(page, 'proposal-progress-phone');

  // If the year were solved before the click, the review would have replaced this page and the click fail.
  await page.getByRole('button', { name: 'Hủy lập đề xuất' }).click();
  const state = async () => (await api('GET', `/api/v1/schedule/jobs/${job}`)).body;
  let ended = await state();
  while (ended.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    ended = await state();
  }
  assert.equal(ended.status, 'cancelled');
  assert.equal(ended.proposal_id, null, 'a cancelled job saves nothing');
  // The page the button led to says so once the job has stopped (its script reloads it then): the job's
  // own page, or the list when the job had not started yet.
  await page.locator('main').getByText(/Không có đề xuất nào được lưu/).first().waitFor();
  assert.match(page.url(), new RegExp(`/de-xuat(/cong-viec/${job})?(\\?thong-bao=[a-z-]+)?$`));
  await expectAccessible(page, 'a cancelled job');
  await screenshot(page, 'proposal-cancelled-phone');
  // A poll of the progress still in flight when the button took the browser away is abandoned, not failed.
  page.problems = page.problems.filter((p) => !/^request failed: .*\/de-xuat\/cong-viec\/[0-9a-f]+\.json net::ERR_ABORTED$/.test(p));
  expectNoProblems(page);
});
