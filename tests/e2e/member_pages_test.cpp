// The member's own pages over real HTTP: the schedule with seats and co-attendees, recording one's own
// attendance through the form (anti-forgery token, 422 keeping the input, another member's session, the
// window), and the calendar subscription (shown once, rotate and revoke behind a confirmation, reminders).
#include <regex>

#include "e2e/e2e_fixture.hpp"
#include "e2e/page_forms.hpp"

using namespace satdan;
using namespace satdan::testkit;
namespace json = boost::json;
using namespace std::chrono;

namespace {

const std::string form_type = "application/x-www-form-urlencoded";

// The feed address a page shows in its https field.
std::string shown_address(const std::string& html) {
  std::smatch m;
  static const std::regex field(R"re(id="https_url"[^>]*value="([^"]+)")re");
  return std::regex_search(html, m, field) ? m[1].str() : std::string();
}

class MemberPages : public ServerTest {
 protected:
  std::optional<core::instant> clock_at() const override { return before_the_2027_plan(); }

  std::int64_t create(const std::string& path, const json::value& body) {
    auto r = client().post(path, body);
    EXPECT_EQ(r.status, 201) << path << " " << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }

  std::int64_t member_named(const std::string& name, const std::string& username) {
    auto unit = create("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Thái " + std::to_string(++counter_)}});
    auto id = create("/api/v1/members", {{"full_name", name}, {"level", "district"}, {"home_unit_id", unit}});
    add_account(username, "member", id);
    return id;
  }

  // A dialogue starting `in` from now, two hours long, with these members in district seats.
  std::int64_t session_with(core::instant start, const std::vector<std::int64_t>& members) {
    auto unit = create("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Dân " + std::to_string(++counter_)}});
    auto id = create("/api/v1/sessions", {{"kind", "dialogue"}, {"unit_id", unit}, {"topic", "Đối thoại về đường liên thôn"},
                                          {"location", "Hội trường xã"}, {"start", core::format_utc(start)},
                                          {"end", core::format_utc(start + hours(2))}});
    for (auto m : members) create("/api/v1/sessions/" + std::to_string(id) + "/assignments", {{"member_id", m}, {"need", "district"}});
    return id;
  }

  // Signs in through the form; "satdan_session=…".
  std::string page_session(const std::string& username) {
    auto form = anonymous().get("/dang-nhap");
    auto r = anonymous().request("POST", "/dang-nhap",
                                 forms::encode({{"csrf", forms::hidden_csrf(form.body)}, {"username", username}, {"password", test_password}}),
                                 form_type, {{"Cookie", forms::cookie_named(form, "satdan_presign")}});
    EXPECT_EQ(r.status, 303) << r.body;
    return forms::cookie_named(r, "satdan_session");
  }

  http_result get_page(const std::string& target, const std::string& cookie) {
    return anonymous().request("GET", target, "", "", {{"Cookie", cookie}});
  }
  http_result post_page(const std::string& target, const std::string& cookie,
                        const std::vector<std::pair<std::string, std::string>>& fields) {
    return anonymous().request("POST", target, forms::encode(fields), form_type, {{"Cookie", cookie}});
  }

  // The member's current line at a session, as the API holds it (empty status when none).
  json::object record_of(std::int64_t session, std::int64_t member) {
    auto r = client().get("/api/v1/sessions/" + std::to_string(session) + "/attendance");
    EXPECT_EQ(r.status, 200) << r.body;
    auto doc = r.json();
    for (const auto& rec : doc.at("records").as_array())
      if (rec.at("member_id").as_int64() == member) return rec.as_object();
    return {{"status", ""}};
  }

  int counter_ = 0;
};

TEST_F(MemberPages, HomeShowsTheSeatAndWhoElseComesThenRecordsOwnAttendance) {
  auto me = member_named("Lê Văn Thành", "thanh");
  auto chau = create("/api/v1/members", {{"full_name", "Đỗ Minh Châu"}, {"level", "district"},
                                        {"home_unit_id", create("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Hiệp"}})}});
  auto start = core::now() + hours(1);
  auto session = session_with(start, {me, chau});
  std::string cookie = page_session("thanh");

  auto home = get_page("/", cookie);
  ASSERT_EQ(home.status, 200) << home.body;
  EXPECT_NE(home.body.find("Đối thoại về đường liên thôn"), std::string::npos);
  EXPECT_NE(home.body.find("Đại biểu cấp Huyện"), std::string::npos) << "my seat";
  EXPECT_NE(home.body.find("Đỗ Minh Châu (Đại biểu cấp Huyện)"), std::string::npos) << "who else comes";
  EXPECT_NE(home.body.find("Hội trường xã"), std::string::npos);
  std::string action = "/lich-cua-toi/" + std::to_string(session) + "/diem-danh";
  EXPECT_EQ(home.body.find(action), std::string::npos) << "nothing to record before the session";

  restart_server_at(start + hours(3));
  home = get_page("/", cookie);
  ASSERT_NE(home.body.find("action=\"" + action + "\""), std::string::npos) << home.body;
  std::string csrf = forms::hidden_csrf(home.body);

  // No anti-forgery token: refused, nothing written.
  EXPECT_EQ(post_page(action, cookie, {{"status", "on_time"}}).status, 403);
  EXPECT_EQ(post_page(action, cookie, {{"csrf", std::string(64, 'a')}, {"status", "on_time"}}).status, 403);
  EXPECT_EQ(record_of(session, me).at("status").as_string(), "");

  // Late without minutes: 422, the message beside the field, the choice kept.
  auto bad = post_page(action, cookie, {{"csrf", csrf}, {"status", "late"}, {"late_minutes", ""}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Hãy nhập số phút đến muộn"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("id=\"status-" + std::to_string(session) + "-late\" name=\"status\" value=\"late\" checked"), std::string::npos);
  EXPECT_NE(bad.body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_NE(bad.body.find("<details class=\"member-record\" open>"), std::string::npos);
  auto no_reason = post_page(action, cookie, {{"csrf", csrf}, {"status", "absent_excused"}, {"reason", "  "}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_NE(no_reason.body.find("Hãy nhập lý do vắng mặt"), std::string::npos);
  EXPECT_EQ(post_page(action, cookie, {{"csrf", csrf}}).status, 422) << "no status chosen";
  EXPECT_EQ(record_of(session, me).at("status").as_string(), "");

  auto ok = post_page(action, cookie, {{"csrf", csrf}, {"status", "late"}, {"late_minutes", "12"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.header("Location").rfind("/?thong-bao=da-ghi-diem-danh", 0), 0u) << ok.header("Location");
  auto held = record_of(session, me);
  EXPECT_EQ(held.at("status").as_string(), "late");
  EXPECT_EQ(held.at("late_minutes").as_int64(), 12);
  auto after = get_page("/?thong-bao=da-ghi-diem-danh", cookie);
  EXPECT_NE(after.body.find("Đã ghi điểm danh của bạn."), std::string::npos);
  EXPECT_NE(after.body.find("Đến muộn 12 phút"), std::string::npos);
  EXPECT_EQ(record_of(session, chau).at("status").as_string(), "") << "only my own line";
}

TEST_F(MemberPages, AnotherMembersSessionCannotBeRecorded) {
  auto me = member_named("Lê Văn Thành", "thanh");
  auto other = member_named("Phạm Thị Hoa", "hoa");
  auto start = core::now() + hours(1);
  auto theirs = session_with(start, {other});
  restart_server_at(start + hours(3));
  std::string cookie = page_session("thanh");
  std::string csrf = forms::hidden_csrf(get_page("/", cookie).body);
  auto r = post_page("/lich-cua-toi/" + std::to_string(theirs) + "/diem-danh", cookie, {{"csrf", csrf}, {"status", "on_time"}});
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(record_of(theirs, me).at("status").as_string(), "");
  EXPECT_EQ(post_page("/lich-cua-toi/999999/diem-danh", cookie, {{"csrf", csrf}, {"status", "on_time"}}).status, 404);
  EXPECT_EQ(post_page("/lich-cua-toi/abc/diem-danh", cookie, {{"csrf", csrf}, {"status", "on_time"}}).status, 404);

  // Staff have no schedule of their own to record in.
  add_account("van-phong", "secretariat");
  std::string staff = page_session("van-phong");
  EXPECT_EQ(post_page("/lich-cua-toi/" + std::to_string(theirs) + "/diem-danh", staff,
                      {{"csrf", forms::hidden_csrf(get_page("/", staff).body)}, {"status", "on_time"}}).status, 403);
  EXPECT_EQ(get_page("/dang-ky-lich", staff).status, 403);
}

TEST_F(MemberPages, AfterTheWindowTheFormIsGoneAndAPostIsRefusedInVietnamese) {
  auto me = member_named("Lê Văn Thành", "thanh");
  auto start = core::now() + hours(1);
  auto session = session_with(start, {me});
  restart_server_at(start + hours(2) + days(8));
  admin_token_ = sign_in("e2e-admin");  // eight days on, every earlier sign-in has expired
  std::string cookie = page_session("thanh");
  std::string csrf = forms::hidden_csrf(get_page("/", cookie).body);
  auto home = get_page("/", cookie);
  EXPECT_NE(home.body.find("Đã hết hạn tự ghi điểm danh"), std::string::npos) << home.body;
  auto r = post_page("/lich-cua-toi/" + std::to_string(session) + "/diem-danh", cookie, {{"csrf", csrf}, {"status", "on_time"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("đã quá hạn tự ghi (7 ngày sau khi buổi kết thúc)"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("role=\"alert\""), std::string::npos);
  EXPECT_EQ(record_of(session, me).at("status").as_string(), "");
}

TEST_F(MemberPages, TheFeedAddressIsShownOnceAndRotatingOrRevokingAsksForConfirmation) {
  auto me = member_named("Lê Văn Thành", "thanh");
  session_with(core::now() + days(3), {me});
  std::string cookie = page_session("thanh");
  auto page = get_page("/dang-ky-lich", cookie);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Bạn chưa có địa chỉ lịch"), std::string::npos);
  std::string csrf = forms::hidden_csrf(page.body);

  EXPECT_EQ(post_page("/dang-ky-lich/dia-chi", cookie, {}).status, 403) << "no anti-forgery token";
  auto issued = post_page("/dang-ky-lich/dia-chi", cookie, {{"csrf", csrf}});
  ASSERT_EQ(issued.status, 200) << issued.body;
  std::string first = shown_address(issued.body);
  ASSERT_FALSE(first.empty()) << issued.body;
  std::string path = first.substr(first.find("/feeds/"));
  EXPECT_NE(issued.body.find("src=\"data:image/svg+xml,%3Csvg"), std::string::npos) << "the QR code inline";
  EXPECT_NE(issued.body.find("https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2F"), std::string::npos);
  EXPECT_NE(issued.body.find("https://outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2F"), std::string::npos);
  EXPECT_EQ(issued.header("Cache-Control"), "no-store");
  auto feed = anonymous().get(path);
  EXPECT_EQ(feed.status, 200);
  EXPECT_NE(feed.body.find("BEGIN:VEVENT"), std::string::npos);

  // Afterwards the address cannot be shown: the store keeps only its digest.
  page = get_page("/dang-ky-lich", cookie);
  EXPECT_NE(page.body.find("Địa chỉ lịch đang hoạt động"), std::string::npos);
  EXPECT_EQ(page.body.find(path), std::string::npos);

  auto unconfirmed = post_page("/dang-ky-lich/dia-chi", cookie, {{"csrf", csrf}});
  EXPECT_EQ(unconfirmed.status, 422);
  EXPECT_NE(unconfirmed.body.find("Hãy đánh dấu ô xác nhận trước khi tiếp tục"), std::string::npos);
  EXPECT_NE(unconfirmed.body.find("href=\"#rotate_confirm\""), std::string::npos);
  EXPECT_EQ(anonymous().get(path).status, 200) << "nothing changed";

  auto rotated = post_page("/dang-ky-lich/dia-chi", cookie, {{"csrf", csrf}, {"xac_nhan", "1"}});
  ASSERT_EQ(rotated.status, 200);
  std::string second = shown_address(rotated.body);
  ASSERT_FALSE(second.empty());
  EXPECT_NE(second, first);
  EXPECT_EQ(anonymous().get(path).status, 404) << "the old address stopped";
  std::string second_path = second.substr(second.find("/feeds/"));
  EXPECT_EQ(anonymous().get(second_path).status, 200);

  EXPECT_EQ(post_page("/dang-ky-lich/thu-hoi", cookie, {{"csrf", csrf}}).status, 422);
  EXPECT_EQ(anonymous().get(second_path).status, 200);
  auto revoked = post_page("/dang-ky-lich/thu-hoi", cookie, {{"csrf", csrf}, {"xac_nhan", "1"}});
  EXPECT_EQ(revoked.status, 303);
  EXPECT_EQ(revoked.header("Location"), "/dang-ky-lich?thong-bao=da-thu-hoi");
  EXPECT_EQ(anonymous().get(second_path).status, 404);
  EXPECT_NE(get_page("/dang-ky-lich?thong-bao=da-thu-hoi", cookie).body.find("Đã thu hồi địa chỉ lịch."), std::string::npos);
}

TEST_F(MemberPages, RemindersAreSavedAndTooManyComeBackTicked) {
  member_named("Lê Văn Thành", "thanh");
  std::string cookie = page_session("thanh");
  std::string csrf = forms::hidden_csrf(get_page("/dang-ky-lich", cookie).body);
  auto many = post_page("/dang-ky-lich/nhac", cookie,
                        {{"csrf", csrf}, {"reminders", "0"}, {"reminders", "15"}, {"reminders", "30"}, {"reminders", "60"},
                         {"reminders", "120"}, {"reminders", "1440"}});
  EXPECT_EQ(many.status, 422);
  EXPECT_NE(many.body.find("Chọn tối đa 5 thời điểm nhắc"), std::string::npos);
  EXPECT_NE(many.body.find("value=\"120\" checked"), std::string::npos) << "the choices are kept";
  EXPECT_NE(many.body.find("value=\"15\" checked"), std::string::npos);

  auto saved = post_page("/dang-ky-lich/nhac", cookie, {{"csrf", csrf}, {"reminders", "15"}, {"reminders", "2880"}});
  EXPECT_EQ(saved.status, 303);
  http_client mine(server_->port());
  mine.use_token(sign_in("thanh"));
  auto settings = mine.get("/api/v1/me/feed");
  ASSERT_EQ(settings.status, 200);
  EXPECT_EQ(json::serialize(settings.json().at("reminders_minutes")), "[2880,15]");
  auto page = get_page("/dang-ky-lich?thong-bao=da-luu-nhac", cookie);
  EXPECT_NE(page.body.find("Đã lưu cài đặt nhắc."), std::string::npos);
  EXPECT_NE(page.body.find("value=\"2880\" checked"), std::string::npos);
  EXPECT_EQ(page.body.find("value=\"60\" checked"), std::string::npos);
}

}  // namespace
