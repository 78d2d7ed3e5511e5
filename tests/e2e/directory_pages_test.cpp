// The directory pages over real HTTP: who may read and who may change, the anti-forgery token, unknown ids,
// the API's validation in Vietnamese beside each field with the input kept, search without marks in
// Vietnamese order, the refusal to delete a unit that still has children, responsibilities and leave.
#include <regex>

#include "e2e/e2e_fixture.hpp"

using namespace satdan;
using namespace satdan::testkit;
namespace json = boost::json;

namespace {

const std::string form_type = "application/x-www-form-urlencoded";

std::string url_encode(const std::string& s) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string encode_form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
  return out;
}

std::string first_match(const std::string& text, const std::regex& pattern) {
  std::smatch m;
  return std::regex_search(text, m, pattern) ? m[1].str() : std::string();
}

// The member names a list page shows, in its order.
std::vector<std::string> listed_names(const std::string& html) {
  static const std::regex name(R"re(class="member-list__name" href="[^"]+">([^<]+)<)re");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), name); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1].str());
  return out;
}

class DirectoryPages : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    district_ = create("/api/v1/units", {{"kind", "district"}, {"name", "Phú Ninh"}});
    commune_ = create("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Thành"}, {"parent_id", district_}});
    village_ = create("/api/v1/units", {{"kind", "village"}, {"name", "Phú Lâm"}, {"parent_id", commune_}});
    cell_ = create("/api/v1/cells", {{"unit_id", village_}, {"name", "Chi bộ thôn Phú Lâm"}});
    member_ = create("/api/v1/members", {{"full_name", "Nguyễn Văn An"}, {"level", "district"}, {"home_unit_id", commune_}});
  }

  std::int64_t create(const std::string& path, const json::value& body) {
    auto r = client().post(path, body);
    EXPECT_EQ(r.status, 201) << path << " " << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }

  // Signs in through the form; returns "satdan_session=…".
  std::string page_session(const std::string& username) {
    auto form = anonymous().get("/dang-nhap");
    std::string presign;
    for (const auto& [k, v] : form.headers)
      if ((k == "Set-Cookie" || k == "set-cookie") && v.rfind("satdan_presign=", 0) == 0) presign = v.substr(0, v.find(';'));
    auto r = anonymous().request("POST", "/dang-nhap",
                                 encode_form({{"csrf", csrf_in(form.body)}, {"username", username}, {"password", test_password}}),
                                 form_type, {{"Cookie", presign}});
    EXPECT_EQ(r.status, 303) << r.body;
    for (const auto& [k, v] : r.headers)
      if ((k == "Set-Cookie" || k == "set-cookie") && v.rfind("satdan_session=", 0) == 0) return v.substr(0, v.find(';'));
    return {};
  }

  static std::string csrf_in(const std::string& html) {
    static const std::regex field(R"re(name="csrf" value="([^"]+)")re");
    return first_match(html, field);
  }

  http_result get_page(const std::string& target, const std::string& cookie) {
    return anonymous().request("GET", target, "", "", {{"Cookie", cookie}});
  }

  // Posts a form with the session's anti-forgery token (read from a page it may open).
  http_result post_form(const std::string& target, const std::string& cookie,
                        std::vector<std::pair<std::string, std::string>> fields, const std::string& token_page = "/") {
    fields.emplace_back("csrf", csrf_in(get_page(token_page, cookie).body));
    return anonymous().request("POST", target, encode_form(fields), form_type, {{"Cookie", cookie}});
  }

  std::int64_t district_ = 0, commune_ = 0, village_ = 0, cell_ = 0, member_ = 0;
};

std::string id(std::int64_t n) { return std::to_string(n); }

TEST_F(DirectoryPages, TheTreeShowsEachUnitWithItsLevelWordAndWhatItHolds) {
  add_account("thu-ky", "secretariat");
  auto r = get_page("/danh-muc", page_session("thu-ky"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(">Tam Thành</a>"), std::string::npos) << r.body;
  // A commune counts the cells of its villages and its own members.
  EXPECT_NE(r.body.find("Xã · 1 chi bộ · 1 thành viên"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("Thôn · 1 chi bộ · 0 thành viên"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("<details"), std::string::npos) << "children fold without script";
}

TEST_F(DirectoryPages, UnitKindsAreNamedInVietnamese) {
  add_account("thu-ky", "secretariat");
  // A unit kind the catalogue has no word for is still named by the section's own word.
  create("/api/v1/units", {{"kind", "town"}, {"name", "Phú Thịnh"}, {"parent_id", district_}});
  auto r = get_page("/danh-muc/don-vi/" + id(commune_), page_session("thu-ky"));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<h1>Xã Tam Thành</h1>"), std::string::npos) << r.body;
  auto tree = get_page("/danh-muc", page_session("thu-ky"));
  EXPECT_NE(tree.body.find("Thị trấn · 0 chi bộ"), std::string::npos) << tree.body;
}

class DirectoryPagesAfterReform : public DirectoryPages {
 protected:
  std::vector<std::string> server_args() const override { return {"--level-names", "district=Tỉnh;commune=Phường"}; }
};

TEST_F(DirectoryPagesAfterReform, TheSettingsNameTheLevels) {
  add_account("thu-ky", "secretariat");
  auto r = get_page("/danh-muc/don-vi/" + id(commune_), page_session("thu-ky"));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<h1>Phường Tam Thành</h1>"), std::string::npos) << r.body;
}

TEST_F(DirectoryPages, StaffMayReadButNotChange) {
  add_account("can-bo", "staff");
  std::string cookie = page_session("can-bo");
  for (const std::string& page : {std::string("/danh-muc"), "/danh-muc/don-vi/" + id(commune_), "/danh-muc/chi-bo/" + id(cell_),
                                  std::string("/danh-muc/thanh-vien"), "/danh-muc/thanh-vien/" + id(member_)}) {
    auto r = get_page(page, cookie);
    EXPECT_EQ(r.status, 200) << page;
    EXPECT_EQ(r.body.find("/sua\""), std::string::npos) << page << ": no edit link for staff";
    EXPECT_EQ(r.body.find("/xoa\""), std::string::npos) << page << ": no delete for staff";
  }
  EXPECT_EQ(get_page("/danh-muc/thanh-vien/them", cookie).status, 403);
  EXPECT_EQ(get_page("/danh-muc/don-vi/" + id(commune_) + "/sua", cookie).status, 403);
  auto post = post_form("/danh-muc/thanh-vien/them", cookie,
                        {{"full_name", "Trần Thị Bình"}, {"level", "commune"}, {"home_unit_id", id(commune_)}, {"active", "1"}});
  EXPECT_EQ(post.status, 403);
  EXPECT_EQ(post_form("/danh-muc/don-vi/" + id(village_) + "/xoa", cookie, {}).status, 403);
  EXPECT_EQ(client().get("/api/v1/members").json().at("items").as_array().size(), 1u) << "nothing was created";
  EXPECT_EQ(client().get("/api/v1/units/" + id(village_)).status, 200) << "nothing was deleted";
}

TEST_F(DirectoryPages, MemberAccountsAreRefused) {
  add_account("thanh-vien", "member", member_);
  std::string cookie = page_session("thanh-vien");
  for (const std::string& page : {std::string("/danh-muc"), "/danh-muc/thanh-vien/" + id(member_), std::string("/danh-muc/thanh-vien")}) {
    auto r = get_page(page, cookie);
    EXPECT_EQ(r.status, 403) << page;
    EXPECT_NE(r.body.find("Yêu cầu bị từ chối"), std::string::npos) << r.body;
  }
}

TEST_F(DirectoryPages, APostWithoutTheFormTokenChangesNothing) {
  add_account("thu-ky", "secretariat");
  std::string cookie = page_session("thu-ky");
  auto bare = anonymous().request("POST", "/danh-muc/don-vi/" + id(commune_) + "/sua",
                                  encode_form({{"name", "Tên khác"}, {"kind", "commune"}}), form_type, {{"Cookie", cookie}});
  EXPECT_EQ(bare.status, 403);
  auto wrong = anonymous().request("POST", "/danh-muc/chi-bo/" + id(cell_) + "/sua",
                                   encode_form({{"name", "Tên khác"}, {"kind", "village"}, {"csrf", std::string(64, 'a')}}),
                                   form_type, {{"Cookie", cookie}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(client().get("/api/v1/cells/" + id(cell_)).json().at("name").as_string(), "Chi bộ thôn Phú Lâm");
}

TEST_F(DirectoryPages, UnknownIdsAnswerTheNotFoundPage) {
  add_account("thu-ky", "secretariat");
  std::string cookie = page_session("thu-ky");
  for (const char* page : {"/danh-muc/don-vi/999999", "/danh-muc/chi-bo/999999", "/danh-muc/thanh-vien/999999",
                                  "/danh-muc/thanh-vien/abc", "/danh-muc/don-vi/0/sua"}) {
    auto r = get_page(page, cookie);
    EXPECT_EQ(r.status, 404) << page;
    EXPECT_NE(r.body.find("Không tìm thấy trang"), std::string::npos) << page << " " << r.body;
    EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
  }
  // Another member's leave is not removed through this member's address.
  auto other = create("/api/v1/members", {{"full_name", "Lê Thị Hoa"}, {"level", "commune"}, {"home_unit_id", commune_}});
  auto leave = create("/api/v1/unavailability",
                      {{"member_id", other}, {"start", "2027-03-01T00:00:00+07:00"}, {"end", "2027-03-02T00:00:00+07:00"}});
  EXPECT_EQ(post_form("/danh-muc/thanh-vien/" + id(member_) + "/vang-mat/" + id(leave) + "/xoa", cookie, {}).status, 404);
  EXPECT_EQ(client().get("/api/v1/unavailability/" + id(leave)).status, 200);
}

TEST_F(DirectoryPages, AMemberFormWithErrorsKeepsTheInputThenCreatesTheMember) {
  add_account("thu-ky", "secretariat");
  std::string cookie = page_session("thu-ky");
  auto bad = post_form("/danh-muc/thanh-vien/them", cookie,
                       {{"full_name", "  "}, {"level", "commune"}, {"home_unit_id", id(commune_)}, {"position", "Bí thư chi bộ"},
                        {"max_per_month", "40"}, {"phone", "12"}, {"email", "khong-phai-thu"}, {"active", "1"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find(R"(id="full_name-error">Hãy nhập họ và tên<)"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("Hãy nhập số buổi tối đa mỗi tháng là số từ 0 đến 31"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("Số điện thoại phải có từ 8 đến 15 chữ số"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("Thư điện tử không đúng dạng"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find(R"(href="#full_name")"), std::string::npos) << "the summary links to the field";
  EXPECT_NE(bad.body.find(R"(aria-invalid="true" aria-describedby="full_name-error")"), std::string::npos);
  EXPECT_NE(bad.body.find(R"(value="Bí thư chi bộ")"), std::string::npos) << "the input is kept";
  EXPECT_NE(bad.body.find(R"(<option value=")" + id(commune_) + R"(" selected>)"), std::string::npos);
  EXPECT_NE(bad.body.find(R"(value="40")"), std::string::npos);
  EXPECT_EQ(client().get("/api/v1/members").json().at("items").as_array().size(), 1u);

  auto ok = post_form("/danh-muc/thanh-vien/them", cookie,
                      {{"full_name", "Trần Thị Bình"}, {"level", "commune"}, {"home_unit_id", id(commune_)},
                       {"position", "Bí thư chi bộ"}, {"max_per_month", "3"}, {"phone", "0905 123 456"}, {"chair", "1"},
                       {"active", "1"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  std::string location = ok.header("Location");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(location, m, std::regex(R"(/danh-muc/thanh-vien/(\d+)\?thong-bao=thanh-vien-da-them)"))) << location;
  auto stored = client().get("/api/v1/members/" + m[1].str()).json();
  EXPECT_EQ(stored.at("full_name").as_string(), "Trần Thị Bình");
  EXPECT_EQ(stored.at("max_per_month").as_int64(), 3);
  EXPECT_EQ(stored.at("roles").as_array().size(), 1u);
  auto page = get_page(location, cookie);
  EXPECT_NE(page.body.find("Đã thêm thành viên."), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Chủ trì đối thoại"), std::string::npos);
}

TEST_F(DirectoryPages, EditingAMemberKeepsRolesTheFormDoesNotShow) {
  add_account("thu-ky", "secretariat");
  std::string cookie = page_session("thu-ky");
  auto m = create("/api/v1/members", {{"full_name", "Phan Văn Cường"}, {"level", "commune"}, {"home_unit_id", commune_},
                                      {"roles", json::array{"chair", "secretary"}}});
  auto r = post_form("/danh-muc/thanh-vien/" + id(m) + "/sua", cookie,
                     {{"full_name", "Phan Văn Cường"}, {"level", "district"}, {"home_unit_id", id(commune_)}, {"max_per_month", "4"},
                      {"keep_role", "secretary"}, {"active", "1"}});
  ASSERT_EQ(r.status, 303) << r.body;
  auto stored = client().get("/api/v1/members/" + id(m)).json();
  EXPECT_EQ(stored.at("level").as_string(), "district");
  EXPECT_EQ(json::serialize(stored.at("roles")), R"(["secretary"])") << "chair unticked, the other role kept";
  EXPECT_TRUE(stored.at("active").as_bool());
}

TEST_F(DirectoryPages, SearchIgnoresMarksAndListsInVietnameseOrder) {
  add_account("thu-ky", "secretariat");
  std::string cookie = page_session("thu-ky");
  for (const char* name : {"Nguyễn Thị Yến", "Đào Văn Nguyên", "Ngô Văn Bình", "Nguyên Thị Ánh", "Dương Văn Đào", "Nguyễn Ánh"})
    create("/api/v1/members", {{"full_name", name}, {"level", "commune"}, {"home_unit_id", village_}});
  auto nguyen = get_page("/danh-muc/thanh-vien?tim=nguyen", cookie);
  ASSERT_EQ(nguyen.status, 200);
  EXPECT_EQ(listed_names(nguyen.body),
            (std::vector<std::string>{"Đào Văn Nguyên", "Nguyễn Ánh", "Nguyên Thị Ánh", "Nguyễn Thị Yến", "Nguyễn Văn An"}))
      << "letters first, then marks: \"Nguyễn Ánh\" before \"Nguyên Thị Ánh\"";
  EXPECT_NE(nguyen.body.find("Tìm thấy 5 thành viên"), std::string::npos);
  EXPECT_NE(nguyen.body.find(R"(value="nguyen")"), std::string::npos) << "the query stays in the box";
  auto dao = get_page("/danh-muc/thanh-vien?tim=dao", cookie);
  EXPECT_EQ(listed_names(dao.body), (std::vector<std::string>{"Dương Văn Đào", "Đào Văn Nguyên"}));
  // Filters: the unit's subtree and the level.
  auto in_village = get_page("/danh-muc/thanh-vien?tim=nguyen&don-vi=" + id(village_) + "&cap=commune", cookie);
  EXPECT_EQ(listed_names(in_village.body), (std::vector<std::string>{"Đào Văn Nguyên", "Nguyễn Ánh", "Nguyên Thị Ánh", "Nguyễn Thị Yến"}));
  auto district_level = get_page("/danh-muc/thanh-vien?cap=district", cookie);
  EXPECT_EQ(listed_names(district_level.body), (std::vector<std::string>{"Nguyễn Văn An"}));
  auto nobody = get_page("/danh-muc/thanh-vien?tim=khong+co+ai", cookie);
  EXPECT_NE(nobody.body.find("Không tìm thấy thành viên nào."), std::string::npos);
}

TEST_F(DirectoryPages, AUnitWithChildrenIsNotDeletedAndThePageSaysWhy) {
  add_account("thu-ky", "secretariat");
  std::string cookie = page_session("thu-ky");
  auto refused = post_form("/danh-muc/don-vi/" + id(commune_) + "/xoa", cookie, {});
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("Không thể xoá đơn vị Tam Thành vì vẫn còn 1 đơn vị trực thuộc, 1 thành viên."), std::string::npos)
      << refused.body;
  EXPECT_EQ(client().get("/api/v1/units/" + id(commune_)).status, 200);
  // A unit with nothing under it goes, and the browser lands on its parent with a notice.
  auto leaf = create("/api/v1/units", {{"kind", "village"}, {"name", "Thôn mới"}, {"parent_id", commune_}});
  auto gone = post_form("/danh-muc/don-vi/" + id(leaf) + "/xoa", cookie, {});
  EXPECT_EQ(gone.status, 303);
  EXPECT_EQ(gone.header("Location"), "/danh-muc/don-vi/" + id(commune_) + "?thong-bao=don-vi-da-xoa");
  EXPECT_EQ(client().get("/api/v1/units/" + id(leaf)).status, 404);
}

TEST_F(DirectoryPages, UnitsAndCellsAreCreatedAndRenamedWithTheApisRules) {
  add_account("thu-ky", "secretariat");
  std::string cookie = page_session("thu-ky");
  auto child = post_form("/danh-muc/don-vi/" + id(commune_) + "/them-don-vi", cookie, {{"name", "Ngọc Sơn"}, {"kind", "village"}, {"code", ""}});
  ASSERT_EQ(child.status, 303) << child.body;
  auto taken = post_form("/danh-muc/don-vi/" + id(village_) + "/them-chi-bo", cookie, {{"name", "Chi bộ thôn Phú Lâm"}, {"kind", "village"}});
  EXPECT_EQ(taken.status, 422) << "names of cells are unique within a unit";
  EXPECT_NE(taken.body.find("Đơn vị này đã có chi bộ mang tên đó"), std::string::npos) << taken.body;
  auto added = post_form("/danh-muc/don-vi/" + id(commune_) + "/them-chi-bo", cookie, {{"name", "Chi bộ Trường học"}, {"kind", "agency"}});
  ASSERT_EQ(added.status, 303) << added.body;
  auto renamed = post_form("/danh-muc/chi-bo/" + id(cell_) + "/sua", cookie, {{"name", "Chi bộ thôn Phú Lâm Đông"}, {"kind", "village"}});
  ASSERT_EQ(renamed.status, 303) << renamed.body;
  EXPECT_EQ(client().get("/api/v1/cells/" + id(cell_)).json().at("name").as_string(), "Chi bộ thôn Phú Lâm Đông");
  auto no_name = post_form("/danh-muc/chi-bo/" + id(cell_) + "/sua", cookie, {{"name", ""}, {"kind", "village"}});
  EXPECT_EQ(no_name.status, 422);
  EXPECT_NE(no_name.body.find("Hãy nhập tên chi bộ"), std::string::npos) << no_name.body;
  auto unit_page = get_page("/danh-muc/don-vi/" + id(commune_), cookie);
  EXPECT_NE(unit_page.body.find("Chi bộ Trường học"), std::string::npos);
  EXPECT_NE(unit_page.body.find("Ngọc Sơn"), std::string::npos);
}

TEST_F(DirectoryPages, ResponsibilitiesAndLeaveAreAddedAndRemovedOnTheMembersPage) {
  add_account("thu-ky", "secretariat");
  std::string cookie = page_session("thu-ky");
  const std::string base = "/danh-muc/thanh-vien/" + id(member_);
  auto none = post_form(base + "/phu-trach", cookie, {{"place", ""}});
  EXPECT_EQ(none.status, 422);
  EXPECT_NE(none.body.find("Hãy chọn một đơn vị hoặc một chi bộ"), std::string::npos) << none.body;
  ASSERT_EQ(post_form(base + "/phu-trach", cookie, {{"place", "c" + id(cell_)}}).status, 303);
  auto held = client().get("/api/v1/responsibilities?member_id=" + id(member_)).json().at("items").as_array();
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].at("cell_id").as_int64(), cell_);
  auto cell_page = get_page("/danh-muc/chi-bo/" + id(cell_), cookie);
  EXPECT_NE(cell_page.body.find("Nguyễn Văn An"), std::string::npos) << "the cell names who answers for it";

  auto backwards = post_form(base + "/vang-mat", cookie, {{"from", "2027-03-10"}, {"to", "2027-03-05"}, {"reason", "Đi học"}});
  EXPECT_EQ(backwards.status, 422);
  EXPECT_NE(backwards.body.find("Ngày kết thúc không được trước ngày bắt đầu"), std::string::npos) << backwards.body;
  EXPECT_NE(backwards.body.find(R"(value="Đi học")"), std::string::npos);
  auto typed = post_form(base + "/vang-mat", cookie, {{"from", "05/03/2027"}, {"to", "2027-03-06"}, {"reason", "Đi học"}});
  ASSERT_EQ(typed.status, 303) << typed.body;
  auto leave = client().get("/api/v1/unavailability?member_id=" + id(member_)).json().at("items").as_array();
  ASSERT_EQ(leave.size(), 1u);
  // Whole local days in Asia/Ho_Chi_Minh (UTC+7): from the first midnight to the one after the last day.
  EXPECT_EQ(leave[0].at("start").as_string(), "2027-03-04T17:00:00Z");
  EXPECT_EQ(leave[0].at("end").as_string(), "2027-03-06T17:00:00Z");
  auto page = get_page(base, cookie);
  EXPECT_NE(page.body.find("Thứ Sáu, 05/03/2027 – Thứ Bảy, 06/03/2027"), std::string::npos) << page.body;

  ASSERT_EQ(post_form(base + "/vang-mat/" + id(leave[0].at("id").as_int64()) + "/xoa", cookie, {}).status, 303);
  ASSERT_EQ(post_form(base + "/phu-trach/" + id(held[0].at("id").as_int64()) + "/xoa", cookie, {}).status, 303);
  EXPECT_TRUE(client().get("/api/v1/unavailability?member_id=" + id(member_)).json().at("items").as_array().empty());
  EXPECT_TRUE(client().get("/api/v1/responsibilities?member_id=" + id(member_)).json().at("items").as_array().empty());
}

TEST_F(DirectoryPages, AMembersPageSaysWhetherAnAccountIsLinked) {
  add_account("thu-ky", "secretariat");
  std::string cookie = page_session("thu-ky");
  EXPECT_NE(get_page("/danh-muc/thanh-vien/" + id(member_), cookie).body.find("Chưa có tài khoản đăng nhập."), std::string::npos);
  add_account("an-nguyen", "member", member_);
  auto linked = get_page("/danh-muc/thanh-vien/" + id(member_), cookie);
  EXPECT_NE(linked.body.find("Đã liên kết với tài khoản an-nguyen."), std::string::npos) << linked.body;
  // A member with an account is not deleted: the account refers to them.
  auto refused = post_form("/danh-muc/thanh-vien/" + id(member_) + "/xoa", cookie, {});
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("vì vẫn còn 1 tài khoản đăng nhập"), std::string::npos) << refused.body;
}

}  // namespace
