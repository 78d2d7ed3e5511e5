// The session page over real HTTP: staff may look but not change, every change needs the form token, an
// unknown session is the 404 page, a refused seat comes back 409 with the rule's explanation in Vietnamese
// beside the candidate, and a cancellation needs its reason.
#include <regex>

#include "e2e/e2e_fixture.hpp"
#include "e2e/page_forms.hpp"

using namespace satdan;
using namespace satdan::testkit;
namespace json = boost::json;

namespace {

const std::string form_type = "application/x-www-form-urlencoded";

class SessionPages : public ServerTest {
 protected:
  std::optional<core::instant> clock_at() const override { return before_the_2027_plan(); }

  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    auto c = client();
    district_ = id(c.post("/api/v1/units", {{"kind", "district"}, {"name", "Phú Ninh"}}));
    commune_ = id(c.post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Lãnh"}, {"parent_id", district_}}));
    far_ = id(c.post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Vinh"}, {"parent_id", district_}}));
    auto village = id(c.post("/api/v1/units", {{"kind", "village"}, {"name", "Bình Trung"}, {"parent_id", commune_}}));
    cell_ = id(c.post("/api/v1/cells", {{"unit_id", village}, {"name", "Chi bộ thôn Bình Trung"}}));
    nguyen_ = id(c.post("/api/v1/members", {{"full_name", "Nguyễn Thị Hoa"}, {"level", "district"}, {"home_unit_id", commune_}}));
    busy_ = id(c.post("/api/v1/members", {{"full_name", "Nguyễn Văn Bình"}, {"level", "district"}, {"home_unit_id", commune_}}));
    session_ = id(c.post("/api/v1/sessions", {{"kind", "cell_meeting"}, {"cell_id", cell_},
                                              {"start", "2027-01-05T19:30:00+07:00"}, {"end", "2027-01-05T21:30:00+07:00"},
                                              {"needs", {{"district", 1}}}, {"optional", json::object{}}}));
    add_account("thu-ky", "secretariat");
    add_account("can-bo", "staff");
  }

  static std::int64_t id(const http_result& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }

  // Signs in through the form; returns "satdan_session=…".
  std::string page_session(const std::string& username) {
    auto form = anonymous().get("/dang-nhap");
    std::string presign;
    for (const auto& [k, v] : form.headers)
      if ((k == "Set-Cookie" || k == "set-cookie") && v.rfind("satdan_presign=", 0) == 0) presign = v.substr(0, v.find(';'));
    auto r = anonymous().request("POST", "/dang-nhap",
                                 forms::encode({{"csrf", forms::hidden_csrf(form.body)}, {"username", username}, {"password", test_password}}),
                                 form_type, {{"Cookie", presign}});
    EXPECT_EQ(r.status, 303) << r.body;
    for (const auto& [k, v] : r.headers)
      if ((k == "Set-Cookie" || k == "set-cookie") && v.rfind("satdan_session=", 0) == 0) return v.substr(0, v.find(';'));
    return {};
  }
  http_result get_page(const std::string& target, const std::string& cookie) {
    return anonymous().request("GET", target, "", "", {{"Cookie", cookie}});
  }
  http_result post_page(const std::string& target, const std::string& cookie,
                        const std::vector<std::pair<std::string, std::string>>& fields) {
    return anonymous().request("POST", target, forms::encode(fields), form_type, {{"Cookie", cookie}});
  }
  std::string page_path() const { return "/buoi-hop/" + std::to_string(session_); }
  std::string status_now() {
    return std::string(client().get("/api/v1/sessions/" + std::to_string(session_)).json().at("status").as_string());
  }

  std::int64_t district_ = 0, commune_ = 0, far_ = 0, cell_ = 0, nguyen_ = 0, busy_ = 0, session_ = 0;
};

TEST_F(SessionPages, StaffSeeTheSessionButCannotChangeIt) {
  auto cookie = page_session("can-bo");
  auto page = get_page(page_path(), cookie);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Sinh hoạt chi bộ thôn Bình Trung"), std::string::npos);
  EXPECT_NE(page.body.find("Thứ Ba, 05/01/2027, 19:30–21:30"), std::string::npos);
  EXPECT_EQ(page.body.find("/huy\""), std::string::npos) << "no change forms for staff";
  auto csrf = forms::hidden_csrf(page.body);
  ASSERT_FALSE(csrf.empty()) << "the sign-out form carries the token";
  EXPECT_EQ(post_page(page_path() + "/huy", cookie, {{"csrf", csrf}, {"phien_ban", "0"}, {"ly_do_huy", "mưa bão"}}).status, 403);
  EXPECT_EQ(post_page(page_path() + "/phan-cong", cookie,
                      {{"csrf", csrf}, {"member_id", std::to_string(nguyen_)}, {"need", "district"}}).status, 403);
  EXPECT_EQ(status_now(), "planned");
  EXPECT_TRUE(client().get("/api/v1/sessions/" + std::to_string(session_) + "/assignments").json().at("items").as_array().empty());
}

TEST_F(SessionPages, TheSecretariatAdminsAndStaffMayOpenThePageAndMembersMayNot) {
  add_account("quan-tri", "admin");
  add_account("dang-vien", "member", nguyen_);
  EXPECT_EQ(get_page(page_path(), page_session("quan-tri")).status, 200);
  EXPECT_EQ(get_page(page_path(), page_session("thu-ky")).status, 200);
  EXPECT_EQ(get_page(page_path(), page_session("can-bo")).status, 200);
  EXPECT_EQ(get_page(page_path(), page_session("dang-vien")).status, 403);
  auto anon = anonymous().get(page_path());
  EXPECT_EQ(anon.status, 303);
  EXPECT_EQ(anon.header("Location"), "/dang-nhap");
}

TEST_F(SessionPages, AChangeWithoutTheFormTokenIsRefused) {
  auto cookie = page_session("thu-ky");
  EXPECT_EQ(post_page(page_path() + "/huy", cookie, {{"phien_ban", "0"}, {"ly_do_huy", "mưa bão"}}).status, 403);
  EXPECT_EQ(post_page(page_path() + "/huy", cookie, {{"csrf", "sai"}, {"phien_ban", "0"}, {"ly_do_huy", "mưa bão"}}).status, 403);
  EXPECT_EQ(status_now(), "planned");
}

TEST_F(SessionPages, AnUnknownSessionIsTheNotFoundPage) {
  auto cookie = page_session("thu-ky");
  auto r = get_page("/buoi-hop/987654", cookie);
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.header("Content-Type").find("text/html"), std::string::npos);
  EXPECT_EQ(get_page("/buoi-hop/khong-co", cookie).status, 404);
  auto csrf = forms::hidden_csrf(get_page(page_path(), cookie).body);
  EXPECT_EQ(post_page("/buoi-hop/987654/huy", cookie, {{"csrf", csrf}, {"phien_ban", "0"}, {"ly_do_huy", "x"}}).status, 404);
  EXPECT_EQ(post_page("/buoi-hop/987654/phan-cong", cookie,
                      {{"csrf", csrf}, {"member_id", std::to_string(nguyen_)}, {"need", "district"}}).status, 404);
}

TEST_F(SessionPages, SearchingWithoutDiacriticsFindsTheCandidatesAndARefusalIsExplained) {
  auto c = client();
  // The busy member sits at a dialogue in a far commune ending ten minutes before this session starts.
  auto other = id(c.post("/api/v1/sessions", {{"kind", "dialogue"}, {"unit_id", far_}, {"topic", "Đất đai"},
                                              {"start", "2027-01-05T17:00:00+07:00"}, {"end", "2027-01-05T19:20:00+07:00"}}));
  ASSERT_EQ(c.post("/api/v1/sessions/" + std::to_string(other) + "/assignments", {{"member_id", busy_}, {"need", "district"}}).status, 201);
  auto cookie = page_session("thu-ky");
  auto page = get_page(page_path() + "?tim=nguyen", cookie);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Nguyễn Thị Hoa"), std::string::npos);
  EXPECT_NE(page.body.find("Nguyễn Văn Bình"), std::string::npos);
  EXPECT_NE(page.body.find("không đủ 30 phút di chuyển"), std::string::npos) << "the verdict is on the list already";
  auto csrf = forms::hidden_csrf(page.body);

  auto refused = post_page(page_path() + "/phan-cong", cookie,
                           {{"csrf", csrf}, {"member_id", std::to_string(busy_)}, {"need", "district"}, {"tim", "nguyen"}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("Không phân công được: Đã có lịch Đối thoại với nhân dân tại Xã Tam Vinh 17:00–19:20 cùng ngày, "
                              "không đủ 30 phút di chuyển."),
            std::string::npos)
      << refused.body;

  auto done = post_page(page_path() + "/phan-cong", cookie,
                        {{"csrf", csrf}, {"member_id", std::to_string(nguyen_)}, {"need", "district"}, {"tim", "nguyen"}});
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(done.header("Location"), page_path() + "?tim=nguyen&thong-bao=da-phan-cong");
  auto seated = c.get("/api/v1/sessions/" + std::to_string(session_) + "/assignments").json().at("items").as_array();
  ASSERT_EQ(seated.size(), 1u);
  EXPECT_EQ(seated.at(0).at("member_id").as_int64(), nguyen_);
  // The one district seat is now taken: the page says so for the others.
  auto after = get_page(page_path() + "?tim=nguyen", cookie);
  EXPECT_NE(after.body.find("Đã có chỗ trong buổi họp này"), std::string::npos);
  EXPECT_NE(after.body.find("Phân công Nguyễn Thị Hoa (Cấp ủy viên huyện)"), std::string::npos) << "in the history";

  // Unpinned, the solver may move her; the history names her.
  auto seat = std::to_string(seated.at(0).at("id").as_int64());
  auto unpinned = post_page(page_path() + "/phan-cong/" + seat + "/ghim", cookie, {{"csrf", csrf}, {"ghim", "0"}});
  EXPECT_EQ(unpinned.status, 303);
  EXPECT_FALSE(c.get("/api/v1/sessions/" + std::to_string(session_) + "/assignments").json().at("items").at(0).at("pinned").as_bool());
  EXPECT_NE(get_page(page_path(), cookie).body.find("Bỏ ghim Nguyễn Thị Hoa"), std::string::npos);
  EXPECT_EQ(post_page("/buoi-hop/" + std::to_string(session_ + 1000) + "/phan-cong/" + seat + "/bo", cookie, {{"csrf", csrf}}).status, 404)
      << "an assignment is removed only through its own session";
  EXPECT_EQ(post_page(page_path() + "/phan-cong/" + seat + "/bo", cookie, {{"csrf", csrf}}).status, 303);
  EXPECT_TRUE(c.get("/api/v1/sessions/" + std::to_string(session_) + "/assignments").json().at("items").as_array().empty());
}

TEST_F(SessionPages, CancellingNeedsAReasonAndShowsInTheHistory) {
  auto cookie = page_session("thu-ky");
  auto csrf = forms::hidden_csrf(get_page(page_path(), cookie).body);
  auto missing = post_page(page_path() + "/huy", cookie, {{"csrf", csrf}, {"phien_ban", "0"}, {"ly_do_huy", "  "}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_NE(missing.body.find("id=\"ly_do_huy-error\">Nhập lý do"), std::string::npos) << missing.body;
  EXPECT_EQ(status_now(), "planned");
  auto stale = post_page(page_path() + "/huy", cookie, {{"csrf", csrf}, {"phien_ban", "7"}, {"ly_do_huy", "mưa bão"}});
  EXPECT_EQ(stale.status, 409) << "a form from before another change";
  EXPECT_EQ(status_now(), "planned");
  auto done = post_page(page_path() + "/huy", cookie, {{"csrf", csrf}, {"phien_ban", "0"}, {"ly_do_huy", "mưa bão"}});
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(status_now(), "cancelled");
  auto page = get_page(page_path(), cookie);
  EXPECT_NE(page.body.find("Chuyển trạng thái từ “Đã lên lịch” sang “Đã hủy”. Lý do: mưa bão"), std::string::npos) << page.body;
}

TEST_F(SessionPages, MovingKeepsTheInputAndNamesTheFieldThatIsWrong) {
  auto cookie = page_session("thu-ky");
  auto csrf = forms::hidden_csrf(get_page(page_path(), cookie).body);
  auto wrong = post_page(page_path() + "/doi-lich", cookie,
                         {{"csrf", csrf}, {"phien_ban", "0"}, {"ngay", "06/01/2027"}, {"bat_dau", "20:00"}, {"ket_thuc", "19:00"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("id=\"ket_thuc-error\">Giờ kết thúc phải sau giờ bắt đầu"), std::string::npos);
  EXPECT_NE(wrong.body.find("value=\"06/01/2027\""), std::string::npos) << "the input is kept";
  auto moved = post_page(page_path() + "/doi-lich", cookie,
                         {{"csrf", csrf}, {"phien_ban", "0"}, {"ngay", "06/01/2027"}, {"bat_dau", "20:00"}, {"ket_thuc", "22:00"}});
  EXPECT_EQ(moved.status, 303);
  auto s = client().get("/api/v1/sessions/" + std::to_string(session_)).json();
  EXPECT_EQ(s.at("start").as_string(), "2027-01-06T13:00:00Z");
  EXPECT_EQ(s.at("end").as_string(), "2027-01-06T15:00:00Z");
}

}  // namespace
