// An administrator at a desk creates a staff account, which then signs in; deactivates it, after which
// signing in is refused; and finds the creation in the audit log filtered to account creations.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPassword, skipReason, startServer } from '../support/server.mjs';
import { desk, expectAccessible, expectNoProblems, launch, open, screenshot, signIn } from '../support/browser.mjs';

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

async function typeSignIn(page, username, password) {
  await page.goto(`${server.url}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

test('an admin creates a staff account that signs in, deactivates it, and finds the creation in the audit log', { skip }, async () => {
  const admin = await open(browser, { viewport: desk });
  await signIn(admin, server.url, 'demo-admin', demoPassword);
  await admin.getByRole('link', { name: 'Tài khoản' }).first().click();
  await admin.waitForURL(/\/quan-tri\/tai-khoan$/);
  await admin.getByRole('heading', { name: 'Tài khoản', level: 1 }).waitFor();
  const table = await admin.locator('table').innerText();
  assert.match(table, /demo-member/);
  assert.match(table, /Cấp ủy viên/, 'roles are named in Vietnamese');
  assert.match(table, /(Thứ Hai|Thứ Ba|Thứ Tư|Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ nhật), \d\d\/\d\d\/\d{4} \d\d:\d\d/, 'the admin\'s own sign-in is dated');
  await expectAccessible(admin, 'the accounts page');
  await screenshot(admin, 'admin-accounts');

  // First a mistake: a password too short is refused beside its field, the rest is kept.
  const username = 'can-bo-moi';
  const password = 'mật khẩu ban đầu của cán bộ';
  await admin.getByLabel('Tên đăng nhập').fill(username);
  await admin.getByLabel('Tên hiển thị (không bắt buộc)').fill('Nguyễn Văn Mới');
  await admin.getByLabel('Vai trò').selectOption({ label: 'Cán bộ văn phòng' });
  await admin.getByLabel('Mật khẩu ban đầu').fill('ngắn');
  await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await admin.getByRole('heading', { name: 'Có lỗi cần sửa' }).waitFor();
  assert.equal(await admin.locator('#password-error').innerText(), 'Mật khẩu cần ít nhất 10 ký tự');
  assert.equal(await admin.getByLabel('Tên đăng nhập').inputValue(), username);
  await expectAccessible(admin, 'the accounts page with an error');
  await screenshot(admin, 'admin-accounts-error');

  await admin.getByLabel('Mật khẩu ban đầu').fill(password);
  await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await admin.waitForURL(/\/quan-tri\/tai-khoan\?thong-bao=da-tao$/);
  assert.match(await admin.locator('main').innerText(), /Đã tạo tài khoản\./);
  const row = admin.locator('tr', { hasText: username });
  assert.match(await row.innerText(), /Nguyễn Văn Mới\s+Cán bộ văn phòng\s+Không\s+Đang hoạt động\s+Chưa đăng nhập/);

  // The new account signs in, in a browser of its own.
  const staff = await open(browser, { viewport: desk });
  await signIn(staff, server.url, username, password);
  assert.match(await staff.locator('main').innerText(), /Vai trò của bạn: Cán bộ văn phòng\./);
  expectNoProblems(staff);
  await staff.context().close();

  await admin.reload();
  assert.doesNotMatch(await admin.locator('tr', { hasText: username }).innerText(), /Chưa đăng nhập/, 'the sign-in is recorded');
  await admin.getByRole('button', { name: `Ngừng hoạt động tài khoản ${username}` }).click();
  await admin.waitForURL(/thong-bao=da-ngung$/);
  assert.match(await admin.locator('tr', { hasText: username }).innerText(), /Ngừng hoạt động/);
  await admin.getByRole('button', { name: `Kích hoạt lại tài khoản ${username}` }).waitFor();
  await screenshot(admin, 'admin-accounts-deactivated');

  const refused = await open(browser, { viewport: desk });
  await typeSignIn(refused, username, password);
  assert.match(await refused.locator('main').innerText(), /Tên đăng nhập hoặc mật khẩu không đúng/);
  assert.match(refused.url(), /\/dang-nhap$/);
  expectNoProblems(refused);
  await refused.context().close();

  await admin.getByRole('link', { name: 'Nhật ký' }).first().click();
  await admin.waitForURL(/\/quan-tri\/nhat-ky$/);
  await expectAccessible(admin, 'the audit log');
  await admin.getByLabel('Việc').selectOption({ label: 'Tạo' });
  await admin.getByLabel('Đối tượng').selectOption({ label: 'Tài khoản' });
  await admin.getByRole('button', { name: 'Lọc' }).click();
  await admin.waitForURL(/viec=create/);
  const entries = admin.locator('tbody tr');
  const first = await entries.first().innerText();
  assert.match(first, /demo-admin\s+Tạo\s+Tài khoản #\d+/, 'the newest entry is the admin\'s creation');
  assert.match(first, new RegExp(`tên đăng nhập: ${username}; tên hiển thị: Nguyễn Văn Mới; vai trò: Cán bộ văn phòng`));
  for (const text of await entries.allInnerTexts()) assert.match(text, /\tTạo\tTài khoản #/, 'only account creations are listed');
  await expectAccessible(admin, 'the audit log filtered to account creations');
  await screenshot(admin, 'admin-audit-filtered');
  expectNoProblems(admin);
});
