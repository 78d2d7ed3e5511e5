// The web pages over real HTTP: signing in and out with the session cookie, the Vietnamese form errors and
// lockout, the anti-forgery token, the security headers, static files and escaping of user text.
#include <map>
#include <regex>

#include "calendar/recurrence.hpp"
#include "e2e/e2e_fixture.hpp"
#include "e2e/page_forms.hpp"
#include "pages/pages.hpp"
#include "pages/vi_format.hpp"
#include "pages/web_assets.hpp"

using namespace satdan;
using namespace satdan::testkit;
namespace json = boost::json;

namespace {

std::vector<std::string> set_cookies(const http_result& r) {
  std::vector<std::string> out;
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie" || k == "set-cookie") out.push_back(v);
  return out;
}

std::string set_cookie_for(const http_result& r, const std::string& name) {
  for (const auto& c : set_cookies(r))
    if (c.rfind(name + "=", 0) == 0) return c;
  return {};
}

// "name=value" of a Set-Cookie line.
std::string cookie_pair(const std::string& set_cookie) { return set_cookie.substr(0, set_cookie.find(';')); }

const std::string form_type = "application/x-www-form-urlencoded";

class WebPages : public ServerTest {
 protected:
  // A browser's visit to the sign-in form: its pre-session cookie and the form's token.
  struct sign_in_form {
    std::string cookie;
    std::string token;
  };
  sign_in_form open_sign_in() {
    auto r = anonymous().get("/dang-nhap");
    EXPECT_EQ(r.status, 200) << r.body;
    return {cookie_pair(set_cookie_for(r, "satdan_presign")), forms::hidden_csrf(r.body)};
  }

  http_result post_sign_in(const std::string& username, const std::string& password) {
    auto form = open_sign_in();
    return anonymous().request("POST", "/dang-nhap", forms::encode({{"csrf", form.token}, {"username", username}, {"password", password}}),
                               form_type, {{"Cookie", form.cookie}});
  }

  // Signs in through the form; returns "satdan_session=…".
  std::string page_session(const std::string& username) {
    auto r = post_sign_in(username, test_password);
    EXPECT_EQ(r.status, 303) << r.body;
    return cookie_pair(set_cookie_for(r, "satdan_session"));
  }

  http_result get_page(const std::string& target, const std::string& cookie) {
    return anonymous().request("GET", target, "", "", {{"Cookie", cookie}});
  }

  std::int64_t create(const std::string& path, const json::value& body) {
    auto r = client().post(path, body);
    EXPECT_EQ(r.status, 201) << path << " " << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }

  std::int64_t member_named(const std::string& name) {
    auto unit = create("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Thái " + std::to_string(++counter_)}});
    return create("/api/v1/members", {{"full_name", name}, {"level", "district"}, {"home_unit_id", unit}});
  }
  // A signed-in page session of a fresh account with this role (a member account is linked to a member).
  std::string page_session_for_role(const std::string& role) {
    std::string username = "vai-tro-" + role + "-" + std::to_string(++counter_);
    add_account(username, role, role == "member" ? std::optional<domain::id_t>(member_named("Phạm Văn Hùng")) : std::nullopt);
    return page_session(username);
  }
  int counter_ = 0;
};

TEST_F(WebPages, SignInSetsTheSessionCookieAndHomeShowsTheMembersSchedule) {
  auto member = member_named("Lê Văn Thành");
  add_account("thanh", "member", member);
  auto unit = create("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Dân"}});
  auto start = core::now() + std::chrono::hours(24 * 3);
  auto session = create("/api/v1/sessions", {{"kind", "dialogue"}, {"unit_id", unit}, {"topic", "Đối thoại về đường liên thôn"},
                                             {"location", "Hội trường xã"}, {"start", core::format_utc(start)},
                                             {"end", core::format_utc(start + std::chrono::hours(2))}});
  create("/api/v1/sessions/" + std::to_string(session) + "/assignments", {{"member_id", member}, {"need", "district"}});

  auto r = post_sign_in("thanh", test_password);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("Location"), "/");
  std::string cookie = set_cookie_for(r, "satdan_session");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "the public address is http: " << cookie;

  auto home = get_page("/", cookie_pair(cookie));
  ASSERT_EQ(home.status, 200) << home.body;
  EXPECT_NE(home.body.find("<html lang=\"vi\">"), std::string::npos);
  EXPECT_NE(home.body.find("Lê Văn Thành"), std::string::npos) << home.body;
  EXPECT_NE(home.body.find("Đối thoại về đường liên thôn"), std::string::npos) << home.body;
  auto local = calendar::to_local(start, "Asia/Ho_Chi_Minh");
  auto local_end = calendar::to_local(start + std::chrono::hours(2), "Asia/Ho_Chi_Minh");
  std::string when = pages::format_vi_date(local.date, pages::assets().words()) + "</time>, " +
                     pages::format_vi_time(local.time.hour, local.time.minute) + "–" +
                     pages::format_vi_time(local_end.time.hour, local_end.time.minute);
  EXPECT_NE(home.body.find(when), std::string::npos) << when << "\n" << home.body;
  EXPECT_NE(home.body.find("Đăng xuất"), std::string::npos);
}

class WebPagesOverHttps : public WebPages {
 protected:
  std::vector<std::string> server_args() const override { return {"--public-url", "https://satdan.example.vn"}; }
};

TEST_F(WebPagesOverHttps, TheSessionCookieIsSecureWhenThePublicAddressIsHttps) {
  add_account("thu-ky", "secretariat");
  auto r = post_sign_in("thu-ky", test_password);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_NE(set_cookie_for(r, "satdan_session").find("; Secure"), std::string::npos) << set_cookie_for(r, "satdan_session");
}

TEST_F(WebPages, AWrongPasswordShowsTheVietnameseErrorAndKeepsTheUsername) {
  add_account("can-bo", "staff");
  auto r = post_sign_in("can-bo", "mật khẩu sai hoàn toàn");
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(set_cookie_for(r, "satdan_session").empty());
  EXPECT_NE(r.body.find("Tên đăng nhập hoặc mật khẩu không đúng"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("href=\"#username\""), std::string::npos) << "the error summary links to the field";
  EXPECT_NE(r.body.find("value=\"can-bo\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("type=\"password\" autocomplete=\"current-password\" value=\"\""), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("hoàn toàn"), std::string::npos) << "the password is never sent back";
}

TEST_F(WebPages, FiveFailuresLockWithTheVietnameseMessage) {
  add_account("bi-khoa", "staff");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(post_sign_in("bi-khoa", "sai mật khẩu " + std::to_string(i)).status, 422);
  auto r = post_sign_in("bi-khoa", test_password);  // the right password, too late
  EXPECT_EQ(r.status, 429);
  EXPECT_TRUE(set_cookie_for(r, "satdan_session").empty());
  EXPECT_NE(r.body.find("Vui lòng thử lại sau 15 phút"), std::string::npos) << r.body;
}

TEST_F(WebPages, APostWithoutTheFormTokenIsRefusedAndChangesNothing) {
  add_account("thu-ky", "secretariat");
  std::string cookie = page_session("thu-ky");
  const std::string change = forms::encode({{"current_password", test_password}, {"new_password", "một mật khẩu mới dài"},
                                          {"confirm_password", "một mật khẩu mới dài"}});
  auto r = anonymous().request("POST", "/doi-mat-khau", change, form_type, {{"Cookie", cookie}});
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("Yêu cầu bị từ chối"), std::string::npos) << r.body;
  auto wrong = anonymous().request("POST", "/doi-mat-khau", change + "&csrf=" + std::string(64, 'a'), form_type, {{"Cookie", cookie}});
  EXPECT_EQ(wrong.status, 403);
  // A cross-site post is refused even with the right token.
  std::string token = forms::hidden_csrf(get_page("/doi-mat-khau", cookie).body);
  ASSERT_FALSE(token.empty());
  auto cross = anonymous().request("POST", "/doi-mat-khau", change + "&csrf=" + token, form_type,
                                   {{"Cookie", cookie}, {"Sec-Fetch-Site", "cross-site"}});
  EXPECT_EQ(cross.status, 403);
  sign_in("thu-ky");  // the old password still works: nothing changed
  // Signing out needs the token too.
  EXPECT_EQ(anonymous().request("POST", "/dang-xuat", "", form_type, {{"Cookie", cookie}}).status, 403);
  EXPECT_EQ(get_page("/", cookie).status, 200);
  // And the sign-in form needs its pre-session token.
  auto bare = anonymous().request("POST", "/dang-nhap", forms::encode({{"username", "thu-ky"}, {"password", test_password}}), form_type);
  EXPECT_EQ(bare.status, 403);
  EXPECT_TRUE(set_cookie_for(bare, "satdan_session").empty());
}

TEST_F(WebPages, ChangingThePasswordShowsEachProblemBesideItsFieldThenWorks) {
  add_account("thu-ky", "secretariat");
  std::string cookie = page_session("thu-ky");
  std::string token = forms::hidden_csrf(get_page("/doi-mat-khau", cookie).body);
  auto bad = anonymous().request("POST", "/doi-mat-khau",
                                 forms::encode({{"csrf", token}, {"current_password", test_password}, {"new_password", "ngắn"},
                                              {"confirm_password", "khác"}}),
                                 form_type, {{"Cookie", cookie}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Mật khẩu mới phải có ít nhất 10 ký tự"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("Mật khẩu nhập lại không khớp"), std::string::npos) << bad.body;
  const std::string next = "mật khẩu mới của thư ký";
  auto ok = anonymous().request("POST", "/doi-mat-khau",
                                forms::encode({{"csrf", token}, {"current_password", test_password}, {"new_password", next},
                                             {"confirm_password", next}}),
                                form_type, {{"Cookie", cookie}});
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(get_page("/", cookie).status, 200) << "the session that changed the password stays";
  sign_in("thu-ky", next);
}

TEST_F(WebPages, SignOutEndsTheToken) {
  add_account("can-bo", "staff");
  std::string cookie = page_session("can-bo");
  auto home = get_page("/", cookie);
  ASSERT_EQ(home.status, 200);
  auto r = anonymous().request("POST", "/dang-xuat", forms::encode({{"csrf", forms::hidden_csrf(home.body)}}), form_type, {{"Cookie", cookie}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/dang-nhap");
  EXPECT_NE(set_cookie_for(r, "satdan_session").find("Max-Age=0"), std::string::npos);
  auto again = get_page("/", cookie);  // the old cookie, kept by a careless browser
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(again.header("Location"), "/dang-nhap");
}

TEST_F(WebPages, PagesCarryTheContentSecurityPolicyAndNoStore) {
  add_account("can-bo", "staff");
  std::string cookie = page_session("can-bo");
  for (const auto& r : {anonymous().get("/dang-nhap"), get_page("/", cookie), get_page("/doi-mat-khau", cookie)}) {
    ASSERT_EQ(r.status, 200) << r.body;
    std::string csp = r.header("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; "
                       "frame-ancestors 'none'; base-uri 'none'"),
              std::string::npos)
        << csp;
    EXPECT_EQ(r.header("Cache-Control"), "no-store");
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
    EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(r.body.find("<script>"), std::string::npos) << "no inline script";
  }
  EXPECT_NE(get_page("/", cookie).body.find("Cán bộ văn phòng"), std::string::npos) << "the role, in Vietnamese";
  // The API keeps its own headers.
  EXPECT_EQ(anonymous().get("/healthz").header("Content-Security-Policy"), "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
  EXPECT_EQ(anonymous().get("/").status, 303);
  EXPECT_EQ(anonymous().get("/api/v1/auth/me").status, 401);
}

TEST_F(WebPages, StaticFilesHaveHashedNamesImmutableCachingAnd304) {
  auto page = anonymous().get("/dang-nhap");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page.body, m, std::regex(R"re(href="(/static/app\.[0-9a-f]{8}\.css)")re"))) << page.body;
  std::string css = m[1].str();
  auto r = anonymous().get(css);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(r.header("Cache-Control"), "public, max-age=31536000, immutable");
  std::string etag = r.header("ETag");
  ASSERT_TRUE(std::regex_match(etag, std::regex(R"("[0-9a-f]{64}")"))) << etag;
  EXPECT_EQ(etag.substr(1, 8), css.substr(css.size() - 12, 8)) << "the name carries the contents' hash";
  auto again = anonymous().request("GET", css, "", "", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(anonymous().get("/static/app.css").status, 404) << "only hashed names are served";
  EXPECT_EQ(anonymous().get("/static/app.00000000.css").status, 404);
}

TEST_F(WebPages, EveryPageAnswersEachRoleAndSendsSignedOutBrowsersToSignIn) {
  std::map<std::string, std::string> cookies;
  for (const std::string role : {"admin", "secretariat", "staff", "member"}) {
    add_account("trang-" + role, role, role == "member" ? std::optional<domain::id_t>(member_named("Trần Thị Lan")) : std::nullopt);
    cookies[role] = page_session("trang-" + role);
  }
  int checked = 0;
  for (const auto& page : pages::access_table()) {
    if (page.rule.open) continue;
    // A page of one record ("/danh-muc/don-vi/{id}") is asked for record 0, which no table holds: past the
    // access check, the page answers 404.
    const std::string target = std::regex_replace(page.pattern, std::regex(R"(\{[a-z_]+\})"), "0");
    const bool one_record = target != page.pattern;
    auto anon = anonymous().request(page.method, target, "", page.method == "GET" ? "" : form_type);
    EXPECT_EQ(anon.status, 303) << page.method << " " << page.pattern;
    EXPECT_EQ(anon.header("Location"), "/dang-nhap") << page.method << " " << page.pattern;
    // A page of one record ("/buoi-hop/{id}") needs a real id: its own tests check each role.
    if (page.method != "GET" || page.pattern.find('{') != std::string::npos) continue;
    for (const auto& [role, cookie] : cookies) {
      auto r = get_page(target, cookie);
      EXPECT_EQ(r.status, page.rule.admits(role) ? (one_record ? 404 : 200) : 403) << role << " " << page.pattern;
      ++checked;
    }
  }
  EXPECT_GE(checked, 8);
}

TEST_F(WebPages, UserTextIsEscaped) {
  auto member = member_named("<script>\"'&");
  add_account("thu-nghiem", "member", member);
  auto home = get_page("/", page_session("thu-nghiem"));
  ASSERT_EQ(home.status, 200) << home.body;
  EXPECT_NE(home.body.find("&lt;script&gt;&quot;&#39;&amp;"), std::string::npos) << home.body;
  EXPECT_EQ(home.body.find("<script>\""), std::string::npos) << home.body;
  auto wrong = post_sign_in("\"><b>x", "sai mật khẩu rồi");
  EXPECT_NE(wrong.body.find("value=\"&quot;&gt;&lt;b&gt;x\""), std::string::npos) << wrong.body;
}

}  // namespace

TEST_F(WebPages, AMistypedPageAddressGetsAPageAndTheApiKeepsProblemJson) {
  auto cookie = page_session_for_role("secretariat");
  auto page = get_page("/khong-co-trang-nay", cookie);
  EXPECT_EQ(page.status, 404);
  EXPECT_NE(page.header("Content-Type").find("text/html"), std::string::npos) << page.header("Content-Type");
  EXPECT_NE(page.body.find("Không tìm thấy trang"), std::string::npos) << page.body;
  auto signed_out = anonymous().get("/khong-co-trang-nay");
  EXPECT_EQ(signed_out.status, 404);
  EXPECT_NE(signed_out.body.find("Không tìm thấy trang"), std::string::npos);
  for (const std::string path : {"/api/v1/khong-co", "/feeds/khong-co", "/public/khong-co"}) {
    auto api = anonymous().get(path);
    EXPECT_EQ(api.status, 404) << path;
    EXPECT_EQ(api.header("Content-Type"), "application/problem+json") << path;
  }
}

TEST_F(WebPages, TheHeaderListsTheSectionsOfEachRoleAndMarksTheCurrentOne) {
  auto has = [](const std::string& body, const std::string& href) {
    return body.find("href=\"" + href + "\"") != std::string::npos;
  };
  auto member = get_page("/", page_session_for_role("member"));
  ASSERT_EQ(member.status, 200) << member.body;
  EXPECT_TRUE(has(member.body, "/dang-ky-lich"));
  EXPECT_FALSE(has(member.body, "/de-xuat"));
  EXPECT_FALSE(has(member.body, "/quan-tri/tai-khoan"));
  auto secretariat = get_page("/doi-mat-khau", page_session_for_role("secretariat"));
  EXPECT_TRUE(has(secretariat.body, "/lich"));
  EXPECT_TRUE(has(secretariat.body, "/de-xuat"));
  EXPECT_FALSE(has(secretariat.body, "/quan-tri/tai-khoan"));
  EXPECT_EQ(secretariat.body.find("aria-current=\"page\""), std::string::npos) << "no section holds the password page";
  auto admin = get_page("/", page_session_for_role("admin"));
  EXPECT_TRUE(has(admin.body, "/quan-tri/tai-khoan"));
  EXPECT_NE(admin.body.find("<a href=\"/\" aria-current=\"page\">"), std::string::npos) << admin.body;
}

TEST_F(WebPages, ANoticeNamedInTheAddressIsShownAndAnUnknownOneIsIgnored) {
  auto cookie = page_session_for_role("staff");
  auto known = get_page("/?thong-bao=da-doi-mat-khau", cookie);
  EXPECT_NE(known.body.find("role=\"status\">Đã đổi mật khẩu.</div>"), std::string::npos) << known.body;
  auto unknown = get_page("/?thong-bao=%3Cscript%3E", cookie);
  EXPECT_EQ(unknown.status, 200);
  EXPECT_EQ(unknown.body.find("role=\"status\""), std::string::npos);
  EXPECT_EQ(unknown.body.find("<script>"), std::string::npos);
}
