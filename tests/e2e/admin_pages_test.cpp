// The admin pages over real HTTP: only admins open them; an account created through the form follows the
// API's rules (Vietnamese errors beside the fields), signs in, and is refused once deactivated; a reset
// password is generated and shown once; the audit log is filtered and paged newest first.
#include <regex>

#include "e2e/page_forms.hpp"

using namespace satdan;
using namespace satdan::testkit;
namespace json = boost::json;

namespace {

class AdminPages : public ServerTest {
 protected:
  http_result post_form(const forms::session& s, const std::string& path, forms::fields values) {
    values.emplace_back("csrf", s.csrf);
    return anonymous().request("POST", path, forms::encode(values), forms::urlencoded, {{"Cookie", s.cookie}});
  }
  http_result get(const forms::session& s, const std::string& path) { return anonymous().request("GET", path, "", "", {{"Cookie", s.cookie}}); }
  int api_sign_in_status(const std::string& username, const std::string& password) {
    return anonymous().post("/api/v1/auth/login", {{"username", username}, {"password", password}}).status;
  }
  std::int64_t account_id(const std::string& username) {
    auto listed = client().get("/api/v1/accounts?limit=500").json();  // kept: the loop reads inside it
    for (const auto& a : listed.at("items").as_array())
      if (a.at("username").as_string() == username) return a.at("id").as_int64();
    return 0;
  }
};

TEST_F(AdminPages, OnlyAdminsOpenThem) {
  auto unit = client().post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Dân"}}).json().at("id").as_int64();
  auto member = client().post("/api/v1/members", {{"full_name", "Lê Văn Thành"}, {"level", "district"}, {"home_unit_id", unit}}).json().at("id").as_int64();
  add_account("thu-ky", "secretariat");
  add_account("can-bo", "staff");
  add_account("thanh", "member", member);
  auto c = anonymous();
  for (const std::string who : {"thu-ky", "can-bo", "thanh"}) {
    auto s = forms::sign_in_page(c, who, test_password);
    EXPECT_EQ(get(s, "/quan-tri/tai-khoan").status, 403) << who;
    EXPECT_EQ(get(s, "/quan-tri/nhat-ky").status, 403) << who;
    EXPECT_EQ(get(s, "/quan-tri/tai-khoan?dat-lai=1").status, 403) << who;
    EXPECT_EQ(post_form(s, "/quan-tri/tai-khoan",
                        {{"username", "ke-gian"}, {"role", "admin"}, {"password", "mật khẩu đủ dài lắm"}}).status, 403) << who;
    EXPECT_EQ(post_form(s, "/quan-tri/tai-khoan/1/ngung", {}).status, 403) << who;
  }
  EXPECT_EQ(account_id("ke-gian"), 0);
  EXPECT_EQ(api_sign_in_status("e2e-admin", test_password), 200) << "the admin is still active";
  // Anonymous visitors are sent to the sign-in form.
  EXPECT_EQ(anonymous().get("/quan-tri/tai-khoan").status, 303);
}

TEST_F(AdminPages, AnAccountIsCreatedWithTheApisRulesSignsInAndIsRefusedOnceDeactivated) {
  auto unit = client().post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Dân"}}).json().at("id").as_int64();
  for (const std::string name : {"Trần Văn Bảo", "Đặng Thị Ánh", "Âu Văn Cường"})
    client().post("/api/v1/members", {{"full_name", name}, {"level", "district"}, {"home_unit_id", unit}});
  auto c = anonymous();
  auto admin = forms::sign_in_page(c, "e2e-admin", test_password, "/quan-tri/tai-khoan");
  auto page = get(admin, "/quan-tri/tai-khoan");
  ASSERT_EQ(page.status, 200);
  // Members without an account, in Vietnamese order (Â after A, Đ after D).
  auto a = page.body.find(">Âu Văn Cường<"), d = page.body.find(">Đặng Thị Ánh<"), t = page.body.find(">Trần Văn Bảo<");
  ASSERT_NE(a, std::string::npos);
  EXPECT_LT(a, d);
  EXPECT_LT(d, t);
  EXPECT_NE(page.body.find("Quản trị hệ thống"), std::string::npos) << "roles in Vietnamese";

  auto bad = post_form(admin, "/quan-tri/tai-khoan", {{"username", "X"}, {"display_name", "Chị Lan"}, {"role", "staff"}, {"member_id", ""},
                                                      {"password", "ngắn"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("id=\"username-error\">Tên đăng nhập gồm"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("id=\"password-error\">Mật khẩu cần ít nhất 10 ký tự"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("value=\"Chị Lan\""), std::string::npos) << "the input is kept";
  EXPECT_EQ(bad.body.find("ngắn"), std::string::npos) << "the password is not sent back";
  auto member_role = post_form(admin, "/quan-tri/tai-khoan", {{"username", "lan"}, {"role", "member"}, {"password", "mật khẩu đủ dài"}});
  EXPECT_EQ(member_role.status, 422);
  EXPECT_NE(member_role.body.find("Chọn cấp ủy viên cho tài khoản vai trò Cấp ủy viên"), std::string::npos);
  auto taken = post_form(admin, "/quan-tri/tai-khoan", {{"username", "e2e-admin"}, {"role", "staff"}, {"password", "mật khẩu đủ dài"}});
  EXPECT_EQ(taken.status, 422);
  EXPECT_NE(taken.body.find("Tên đăng nhập này đã có tài khoản khác dùng"), std::string::npos) << taken.body;

  auto made = post_form(admin, "/quan-tri/tai-khoan", {{"username", "lan.nguyen"}, {"display_name", "Nguyễn Thị Lan"}, {"role", "staff"},
                                                       {"member_id", ""}, {"password", "mật khẩu ban đầu"}});
  ASSERT_EQ(made.status, 303) << made.body;
  EXPECT_EQ(api_sign_in_status("lan.nguyen", "mật khẩu ban đầu"), 200);
  auto listed = get(admin, made.header("Location"));
  EXPECT_NE(listed.body.find("Đã tạo tài khoản."), std::string::npos);
  EXPECT_NE(listed.body.find("Nguyễn Thị Lan"), std::string::npos);

  std::string id = std::to_string(account_id("lan.nguyen"));
  EXPECT_EQ(post_form(admin, "/quan-tri/tai-khoan/" + id + "/ngung", {}).status, 303);
  EXPECT_EQ(api_sign_in_status("lan.nguyen", "mật khẩu ban đầu"), 401);
  EXPECT_EQ(post_form(admin, "/quan-tri/tai-khoan/" + id + "/kich-hoat", {}).status, 303);
  EXPECT_EQ(api_sign_in_status("lan.nguyen", "mật khẩu ban đầu"), 200);

  // An admin cannot deactivate themselves from the page either.
  std::string self = std::to_string(account_id("e2e-admin"));
  auto refused = post_form(admin, "/quan-tri/tai-khoan/" + self + "/ngung", {});
  EXPECT_EQ(refused.status, 303);
  EXPECT_NE(get(admin, refused.header("Location")).body.find("Bạn không thể tự ngừng hoạt động"), std::string::npos);
  EXPECT_EQ(api_sign_in_status("e2e-admin", test_password), 200);

  // A reset password is generated, shown once, and replaces the old one.
  auto reset = post_form(admin, "/quan-tri/tai-khoan/" + id + "/mat-khau", {});
  ASSERT_EQ(reset.status, 200);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(reset.body, m, std::regex(R"re(<code id="new-password">([^<]+)</code>)re"))) << reset.body;
  EXPECT_EQ(api_sign_in_status("lan.nguyen", "mật khẩu ban đầu"), 401);
  EXPECT_EQ(api_sign_in_status("lan.nguyen", m[1].str()), 200);
  EXPECT_EQ(reset.header("Cache-Control"), "no-store");
}

TEST_F(AdminPages, TheAuditLogIsFilteredAndPagedNewestFirst) {
  for (int i = 0; i < 55; ++i) client().post("/api/v1/units", {{"kind", "commune"}, {"name", "Xã " + std::to_string(i)}});
  auto c = anonymous();
  auto admin = forms::sign_in_page(c, "e2e-admin", test_password, "/quan-tri/nhat-ky");
  post_form(admin, "/quan-tri/tai-khoan", {{"username", "moi-tao"}, {"role", "staff"}, {"password", "mật khẩu ban đầu"}});

  auto created = get(admin, "/quan-tri/nhat-ky?viec=create&doi-tuong=account");
  ASSERT_EQ(created.status, 200);
  EXPECT_NE(created.body.find("<td>Tạo</td>"), std::string::npos) << created.body;
  EXPECT_NE(created.body.find("Tài khoản #"), std::string::npos);
  EXPECT_EQ(created.body.find("Đơn vị #"), std::string::npos) << "units are filtered out";

  auto units = get(admin, "/quan-tri/nhat-ky?doi-tuong=unit");
  EXPECT_NE(units.body.find("Trang cũ hơn"), std::string::npos) << "55 entries make two pages";
  EXPECT_EQ(units.body.find("Trang mới hơn"), std::string::npos);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(units.body, m, std::regex(R"re(href="([^"]*truoc=[0-9]+)")re")));
  std::string older_link = std::regex_replace(m[1].str(), std::regex("&amp;"), "&");
  auto older = get(admin, older_link);
  EXPECT_EQ(older.status, 200);
  EXPECT_NE(older.body.find("Trang mới hơn"), std::string::npos);
  EXPECT_EQ(older.body.find("Trang cũ hơn"), std::string::npos);
  auto count = [](const std::string& body) {
    int n = 0;
    for (auto at = body.find("Đơn vị #"); at != std::string::npos; at = body.find("Đơn vị #", at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count(units.body) + count(older.body), 55);

  auto bad_dates = get(admin, "/quan-tri/nhat-ky?tu-ngay=2027-02-01&den-ngay=2027-01-01");
  EXPECT_EQ(bad_dates.status, 422);
  EXPECT_NE(bad_dates.body.find("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu"), std::string::npos);
  auto none = get(admin, "/quan-tri/nhat-ky?tu-ngay=2001-01-01&den-ngay=2001-01-02");
  EXPECT_NE(none.body.find("Không có mục nào khớp bộ lọc."), std::string::npos);
}

}  // namespace
