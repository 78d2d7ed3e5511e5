// Signing in, out and changing a password, as people do it: in Vietnamese, on a phone and at a desk.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPassword, skipReason, startServer } from '../support/server.mjs';
import { desk, expectAccessible, expectNoProblems, launch, open, phone, screenshot } from '../support/browser.mjs';

const skip = skipReason() || false;
let server, browser;

before(async () => {
  if (skip) return;
  // A morning before the demo's 2027 plan: the dates the pages show do not depend on the day the suite runs.
  server = await startServer({ now: '2026-12-01T01:00:00Z' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The home page, with or without a notice in its query ("?thong-bao=…").
const home = () => new RegExp(`^${server.url}/(\\?.*)?$`);

async function signIn(page, username, password) {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

test('a member on a phone signs in after a mistyped password and sees their home', { skip }, async () => {
  const page = await open(browser, { viewport: phone });
  await page.goto(`${server.url}/`);
  assert.match(page.url(), /\/dang-nhap$/, 'a visitor is sent to the sign-in page');
  await expectAccessible(page, 'the sign-in page');
  await screenshot(page, 'sign-in');

  await signIn(page, 'demo-member', 'not the password');
  // The error summary at the top links to the field; the message also stands beside the field.
  await page.getByRole('heading', { name: 'Có lỗi cần sửa' }).waitFor();
  await page.getByRole('link', { name: 'Tên đăng nhập hoặc mật khẩu không đúng' }).waitFor();
  assert.equal(await page.locator('#username-error').innerText(), 'Tên đăng nhập hoặc mật khẩu không đúng');
  assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), 'demo-member', 'the username is kept');
  assert.equal(await page.getByLabel('Mật khẩu', { exact: true }).inputValue(), '', 'the password is not');
  await expectAccessible(page, 'the sign-in page with an error');
  await screenshot(page, 'sign-in-error');

  await signIn(page, 'demo-member', demoPassword);
  await page.waitForURL(home());
  const main = await page.locator('main').innerText();
  assert.match(main, /Xin chào, .+\./);
  assert.match(main, /Vai trò của bạn: Cấp ủy viên\./);
  await assert.doesNotReject(page.getByRole('heading', { name: 'Lịch sắp tới của tôi' }).waitFor());
  // Nothing spills sideways on a 360-pixel screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
  await expectAccessible(page, 'the member home page');
  await screenshot(page, 'member-home-phone');
  expectNoProblems(page);
});

test('the secretariat changes a password, signs out, and signs in with the new one', { skip }, async () => {
  const page = await open(browser, { viewport: desk });
  await page.goto(`${server.url}/dang-nhap`);
  await signIn(page, 'demo-secretariat', demoPassword);
  await page.waitForURL(home());
  assert.match(await page.locator('main').innerText(), /Vai trò của bạn: Văn phòng cấp ủy\./);

  await page.getByRole('link', { name: 'Đổi mật khẩu' }).click();
  await page.waitForURL(/\/doi-mat-khau$/);
  const fresh = 'một mật khẩu mới đủ dài';
  await page.getByLabel('Mật khẩu hiện tại').fill(demoPassword);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(fresh);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(`${fresh} khác`);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  assert.match(await page.locator('main').innerText(), /Mật khẩu nhập lại không khớp với mật khẩu mới/);
  // The error summary links to the field it names.
  await page.getByRole('link', { name: 'Mật khẩu nhập lại không khớp với mật khẩu mới' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'confirm_password');
  await expectAccessible(page, 'the change-password page with an error');
  await screenshot(page, 'change-password-error');

  await page.getByLabel('Mật khẩu hiện tại').fill(demoPassword);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(fresh);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(fresh);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await page.waitForURL(home());
  assert.match(await page.locator('main').innerText(), /Đã đổi mật khẩu\./);

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL(/\/dang-nhap$/);
  await page.goto(`${server.url}/`);
  assert.match(page.url(), /\/dang-nhap$/, 'signed out: home asks to sign in again');

  await signIn(page, 'demo-secretariat', demoPassword);
  assert.match(await page.locator('main').innerText(), /Tên đăng nhập hoặc mật khẩu không đúng/, 'the old password is gone');
  await signIn(page, 'demo-secretariat', fresh);
  await page.waitForURL(home());
  await screenshot(page, 'secretariat-home');
  expectNoProblems(page);
});
