// The directory as the secretariat uses it: browse the units, search members without typing marks, add a
// member after a mistake, rename a cell, and read why a unit with villages cannot be deleted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPassword, skipReason, startServer } from '../support/server.mjs';
import { desk, expectAccessible, expectNoProblems, launch, open, phone, screenshot, signIn } from '../support/browser.mjs';

const skip = skipReason() || false;
let server, browser;

before(async () => {
  if (skip) return;
  server = await startServer({ now: '2026-12-01T01:00:00Z' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// What a search folds away: case, tone and vowel marks, đ.
const fold = (s) => s.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
const vietnamese = new Intl.Collator('vi');
const memberNames = (page) => page.locator('.member-list__name').allInnerTexts();

test('the secretariat browses, searches, adds a member, renames a cell and is refused a deletion', { skip }, async () => {
  const page = await open(browser, { viewport: desk });
  await signIn(page, server.url, 'demo-secretariat', demoPassword);

  // The tree: the district open, each commune with its counts.
  await page.getByRole('navigation', { name: 'Các mục chính' }).getByRole('link', { name: 'Danh mục' }).click();
  await page.waitForURL(/\/danh-muc$/);
  await page.getByRole('heading', { level: 1, name: 'Danh mục đơn vị' }).waitFor();
  // The innermost item holding the link: the commune's own, not the district's around it.
  const commune = page.locator('.unit-tree__item', { has: page.getByRole('link', { name: 'Tam Thành', exact: true }) }).last();
  assert.match(await commune.locator('.unit-tree__meta').first().innerText(), /^Xã · \d+ chi bộ · \d+ thành viên$/);
  // A commune's villages fold away without a script: open them with the summary.
  const villages = commune.locator('details').first();
  assert.equal(await villages.getAttribute('open'), null);
  await villages.locator('summary').click();
  await commune.getByRole('link', { name: 'Phú Lâm', exact: true }).waitFor();
  await expectAccessible(page, 'the unit tree');
  await screenshot(page, 'directory-tree');

  // A commune's page.
  await page.getByRole('link', { name: 'Tam Thành', exact: true }).click();
  await page.waitForURL(/\/danh-muc\/don-vi\/\d+$/);
  const communeUrl = page.url();
  await page.getByRole('heading', { level: 1, name: 'Xã Tam Thành' }).waitFor();
  await page.getByRole('heading', { name: 'Đơn vị trực thuộc' }).waitFor();
  await expectAccessible(page, 'a commune');
  await screenshot(page, 'directory-commune');

  // Everyone, then a search typed without marks.
  await page.goto(`${server.url}/danh-muc/thanh-vien`);
  const everyone = await memberNames(page);
  assert.ok(everyone.length > 100, `the demo district lists its members (${everyone.length})`);
  await page.getByLabel('Tên', { exact: true }).fill('nguyen');
  await page.getByRole('button', { name: 'Tìm' }).click();
  await page.waitForURL(/tim=nguyen/);
  const found = await memberNames(page);
  const expected = everyone.filter((n) => fold(n).split(' ').some((w) => w.startsWith('nguyen')));
  assert.ok(found.length > 0, 'some demo members are called Nguyễn');
  assert.ok(found.every((n) => /Nguy[eêễếềểệ]n/.test(n)), `only Nguyễn, Nguyên…: ${found.join(', ')}`);
  assert.ok(found.some((n) => n.includes('Nguyễn')), 'the marks were not needed');
  assert.deepEqual([...found].sort(), [...expected].sort(), 'every member with the name, and no other');
  assert.deepEqual(found, [...found].sort(vietnamese.compare), 'in Vietnamese order');
  assert.match(await page.locator('main').innerText(), new RegExp(`Tìm thấy ${found.length} thành viên`));
  await expectAccessible(page, 'the member search');
  await screenshot(page, 'directory-members-search');

  // A new member: first without a name (the error stands beside the field, the rest is kept), then right.
  await page.getByRole('link', { name: 'Thêm thành viên' }).click();
  await page.waitForURL(/\/danh-muc\/thanh-vien\/them$/);
  await page.getByLabel('Cấp', { exact: true }).selectOption({ label: 'Xã' });
  await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Xã Tam Thành' });
  await page.getByLabel('Chức vụ (không bắt buộc)').fill('Bí thư Chi bộ thôn Phú Lâm');
  await page.getByLabel('Số buổi tối đa mỗi tháng').fill('3');
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await page.getByRole('heading', { name: 'Có lỗi cần sửa' }).waitFor();
  assert.equal(await page.locator('#full_name-error').innerText(), 'Hãy nhập họ và tên');
  assert.equal(await page.getByLabel('Họ và tên').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Chức vụ (không bắt buộc)').inputValue(), 'Bí thư Chi bộ thôn Phú Lâm');
  assert.equal(await page.getByLabel('Số buổi tối đa mỗi tháng').inputValue(), '3');
  assert.equal(await page.getByLabel('Đơn vị', { exact: true }).locator('option:checked').innerText(), 'Xã Tam Thành');
  await expectAccessible(page, 'the member form with an error');
  await screenshot(page, 'directory-member-error');

  const newcomer = 'Nguyễn Thị Thu Hà';
  await page.getByLabel('Họ và tên').fill(newcomer);
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await page.waitForURL(/\/danh-muc\/thanh-vien\/\d+\?thong-bao=thanh-vien-da-them$/);
  await page.getByRole('heading', { level: 1, name: newcomer }).waitFor();
  assert.match(await page.getByRole('status').innerText(), /Đã thêm thành viên\./);
  const facts = await page.locator('.facts').innerText();
  assert.match(facts, /Bí thư Chi bộ thôn Phú Lâm/);
  assert.match(facts, /3 buổi mỗi tháng/);

  // In their charge: a village's cell; away: three days of a trip.
  await page.getByLabel('Đơn vị hoặc chi bộ phụ trách').selectOption({ label: 'Chi bộ thôn Phú Lâm' });
  await page.getByRole('button', { name: 'Thêm nơi phụ trách' }).click();
  await page.waitForURL(/thong-bao=phu-trach-da-them$/);
  await page.getByRole('link', { name: 'Chi bộ thôn Phú Lâm', exact: true }).waitFor();
  await page.getByLabel('Từ ngày').fill('05/01/2027');
  await page.getByLabel('Đến hết ngày').fill('07/01/2027');
  await page.getByLabel('Lý do (không bắt buộc)').fill('Đi công tác tỉnh');
  await page.getByRole('button', { name: 'Thêm thời gian vắng mặt' }).click();
  await page.waitForURL(/thong-bao=vang-mat-da-them$/);
  assert.match(await page.locator('main').innerText(), /Thứ Ba, 05\/01\/2027 – Thứ Năm, 07\/01\/2027 · Đi công tác tỉnh/);
  await expectAccessible(page, 'the new member');
  await screenshot(page, 'directory-member');

  // The server holds them: a search without marks finds them among the others.
  await page.goto(`${server.url}/danh-muc/thanh-vien?tim=${encodeURIComponent('nguyen thu ha')}`);
  assert.deepEqual(await memberNames(page), [newcomer]);

  // Rename a village's cell.
  await page.goto(communeUrl);
  await page.getByRole('link', { name: 'Phú Lâm', exact: true }).click();
  await page.getByRole('link', { name: 'Chi bộ thôn Phú Lâm', exact: true }).click();
  await page.waitForURL(/\/danh-muc\/chi-bo\/\d+$/);
  await expectAccessible(page, 'a cell');
  await screenshot(page, 'directory-cell');
  await page.getByRole('link', { name: 'Sửa chi bộ' }).click();
  await page.getByLabel('Tên chi bộ').fill('Chi bộ thôn Phú Lâm Đông');
  await expectAccessible(page, 'the cell form');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForURL(/\/danh-muc\/chi-bo\/\d+\?thong-bao=chi-bo-da-luu$/);
  await page.getByRole('heading', { level: 1, name: 'Chi bộ thôn Phú Lâm Đông' }).waitFor();
  assert.match(await page.getByRole('status').innerText(), /Đã lưu chi bộ\./);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Chi bộ thôn Phú Lâm Đông' }).waitFor();

  // A commune with villages cannot be deleted; the page says why.
  await page.goto(communeUrl);
  await page.getByRole('link', { name: 'Xoá đơn vị' }).click();
  await page.getByRole('heading', { level: 1, name: 'Xoá đơn vị Tam Thành' }).waitFor();
  await expectAccessible(page, 'the deletion question');
  await page.getByRole('button', { name: 'Xoá', exact: true }).click();
  const refusal = await page.getByRole('alert').innerText();
  assert.match(refusal, /Không thể xoá đơn vị Tam Thành vì vẫn còn \d+ đơn vị trực thuộc/);
  await expectAccessible(page, 'the refusal');
  await screenshot(page, 'directory-delete-refused');
  await page.goto(communeUrl);
  await page.getByRole('heading', { level: 1, name: 'Xã Tam Thành' }).waitFor();
  expectNoProblems(page);
});

test('the member list fits a phone', { skip }, async () => {
  const page = await open(browser, { viewport: phone });
  await signIn(page, server.url, 'demo-secretariat', demoPassword);
  await page.goto(`${server.url}/danh-muc/thanh-vien?tim=nguyen`);
  await page.getByRole('heading', { level: 1, name: 'Thành viên' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
  await expectAccessible(page, 'the member list on a phone');
  await screenshot(page, 'directory-members-phone');
  await page.goto(`${server.url}/danh-muc`);
  const treeOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(treeOverflow <= 0, `the tree is ${treeOverflow} px wider than the phone`);
  await expectAccessible(page, 'the tree on a phone');
  await screenshot(page, 'directory-tree-phone');
  expectNoProblems(page);
});
