// The series pages over HTTP as the secretariat uses them: the list in words, the rule builder's preview,
// its errors beside the fields, saving (sessions materialised as through the API) and the split from a date
// with its preview of replaced and kept sessions.
#include <regex>

#include "e2e/e2e_fixture.hpp"

using namespace satdan;
using namespace satdan::testkit;
namespace json = boost::json;

namespace {

std::string url_encode(std::string_view text) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
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

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class SeriesPages : public ServerTest {
 protected:
  std::optional<core::instant> clock_at() const override { return before_the_2027_plan(); }
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    auto c = client();
    commune_ = c.post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Đại"}}).json().at("id").as_int64();
    auto village = c.post("/api/v1/units", {{"kind", "village"}, {"name", "Đại Đồng"}, {"parent_id", commune_}}).json().at("id").as_int64();
    cell_ = c.post("/api/v1/cells", {{"unit_id", village}, {"name", "Chi bộ thôn Đại Đồng"}}).json().at("id").as_int64();
    add_account("thu-ky", "secretariat");
    cookie_ = "satdan_session=" + sign_in("thu-ky");
  }

  http_result page(const std::string& target) { return anonymous().request("GET", target, "", "", {{"Cookie", cookie_}}); }

  // Posts a form as the browser would, with the anti-forgery token of a page the session opened.
  http_result post(const std::string& target, std::vector<std::pair<std::string, std::string>> fields) {
    auto home = page("/doi-mat-khau");
    std::smatch m;
    static const std::regex token(R"re(name="csrf" value="([^"]+)")re");
    EXPECT_TRUE(std::regex_search(home.body, m, token)) << home.body;
    fields.emplace_back("csrf", m[1].str());
    std::string body;
    for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
    return anonymous().request("POST", target, body, "application/x-www-form-urlencoded", {{"Cookie", cookie_}});
  }

  // The first Tuesday of each month at 19:30–21:30 from 1 January 2027.
  std::vector<std::pair<std::string, std::string>> first_tuesdays(const std::string& action) {
    return {{"cell", std::to_string(cell_)}, {"pattern", "thu"}, {"day", "5"}, {"weekday", "2"}, {"week", "1"},
            {"every", "1"}, {"first_date", "2027-01-01"}, {"ends", "khong"}, {"until", ""}, {"count", ""},
            {"start_time", "19:30"}, {"end_time", "21:30"}, {"location", "Nhà văn hóa thôn Đại Đồng"},
            {"skip_dates", ""}, {"action", action}};
  }

  std::int64_t series_on_the_5th() {
    auto r = client().post("/api/v1/series", {{"cell_id", cell_}, {"rrule", "FREQ=MONTHLY;BYMONTHDAY=5"},
                                              {"first_date", "2027-01-01"}, {"start_time", "19:30"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").as_int64();
  }

  json::array sessions_of(std::int64_t series) {
    return client().get("/api/v1/sessions?limit=500&series_id=" + std::to_string(series)).json().at("items").as_array();
  }

  std::int64_t commune_ = 0, cell_ = 0;
  std::string cookie_;
};

TEST_F(SeriesPages, TheListGroupsCellsByUnitInVietnameseOrderWithEachRuleInWords) {
  auto c = client();
  // "Ân Phú" sorts before "Bình An" in Vietnamese, though its first byte is greater.
  auto binh = c.post("/api/v1/units", {{"kind", "village"}, {"name", "Bình An"}, {"parent_id", commune_}}).json().at("id").as_int64();
  auto an = c.post("/api/v1/units", {{"kind", "village"}, {"name", "Ân Phú"}, {"parent_id", commune_}}).json().at("id").as_int64();
  c.post("/api/v1/cells", {{"unit_id", binh}, {"name", "Chi bộ thôn Bình An"}});
  c.post("/api/v1/cells", {{"unit_id", an}, {"name", "Chi bộ thôn Ân Phú"}});
  ASSERT_EQ(c.post("/api/v1/series", {{"cell_id", cell_}, {"rrule", "FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU"},
                                      {"first_date", "2027-01-01"}, {"start_time", "19:30"}}).status, 201);
  auto r = page("/lich-dinh-ky");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Thứ Ba tuần đầu tiên mỗi 2 tháng, lúc 19:30"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("/lich-dinh-ky/moi?chi-bo=" + std::to_string(cell_)), std::string::npos);
  auto an_at = r.body.find("Chi bộ thôn Ân Phú"), binh_at = r.body.find("Chi bộ thôn Bình An");
  ASSERT_NE(an_at, std::string::npos);
  ASSERT_NE(binh_at, std::string::npos);
  EXPECT_LT(an_at, binh_at);
}

TEST_F(SeriesPages, PreviewShowsTheNextTwelveDatesAndKeepsTheFormWithoutSaving) {
  auto form = page("/lich-dinh-ky/moi?chi-bo=" + std::to_string(cell_));
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_NE(form.body.find("Chi bộ thôn Đại Đồng"), std::string::npos);
  auto r = post("/lich-dinh-ky/moi", first_tuesdays("xem-truoc"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Thứ Ba, 05/01/2027 19:30–21:30"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("Thứ Ba, 07/12/2027 19:30–21:30"), std::string::npos) << r.body;
  EXPECT_EQ(count_of(r.body, "<li><time datetime="), 12u);
  EXPECT_EQ(count_of(r.body, "\">Thứ Ba, "), 12u);
  EXPECT_NE(r.body.find("value=\"2027-01-01\""), std::string::npos);
  EXPECT_NE(r.body.find("value=\"Nhà văn hóa thôn Đại Đồng\""), std::string::npos);
  auto stored = client().get("/api/v1/series?cell_id=" + std::to_string(cell_)).json();
  EXPECT_TRUE(stored.at("items").as_array().empty()) << "a preview saves nothing";
}

TEST_F(SeriesPages, AFieldErrorShowsBesideTheFieldWith422AndTheInputKept) {
  auto fields = first_tuesdays("luu");
  for (auto& [k, v] : fields)
    if (k == "end_time") v = "19:00";
  auto r = post("/lich-dinh-ky/moi", fields);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("id=\"end_time-error\">Giờ kết thúc phải sau giờ bắt đầu.</p>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("value=\"19:00\" aria-invalid=\"true\" aria-describedby=\"end_time-error\""), std::string::npos);
  EXPECT_NE(r.body.find("href=\"#end_time\""), std::string::npos) << "the error summary links to the field";
  EXPECT_NE(r.body.find("value=\"Nhà văn hóa thôn Đại Đồng\""), std::string::npos);
  for (auto& [k, v] : fields)
    if (k == "skip_dates") v = "05/02/2027\n31/02/2027";
  auto skips = post("/lich-dinh-ky/moi", fields);
  EXPECT_EQ(skips.status, 422);
  EXPECT_NE(skips.body.find("“31/02/2027” không phải là ngày"), std::string::npos) << skips.body;
  auto stored = client().get("/api/v1/series?cell_id=" + std::to_string(cell_)).json();
  EXPECT_TRUE(stored.at("items").as_array().empty());
}

TEST_F(SeriesPages, SavingCreatesTheSeriesAndItsSessionsAndShowsItsPage) {
  auto fields = first_tuesdays("luu");
  for (auto& [k, v] : fields)
    if (k == "skip_dates") v = "02/02/2027";
  auto r = post("/lich-dinh-ky/moi", fields);
  ASSERT_EQ(r.status, 303) << r.body;
  std::smatch m;
  std::string location = r.header("Location");
  ASSERT_TRUE(std::regex_match(location, m, std::regex(R"(/lich-dinh-ky/(\d+)\?thong-bao=da-tao)"))) << location;
  auto id = std::stoll(m[1].str());
  auto s = client().get("/api/v1/series/" + std::to_string(id)).json();
  EXPECT_EQ(s.at("rrule").as_string(), "FREQ=MONTHLY;BYDAY=1TU");
  EXPECT_EQ(s.at("duration_minutes").as_int64(), 120);
  EXPECT_EQ(s.at("exdates").as_array().size(), 1u);
  auto sessions = sessions_of(id);
  ASSERT_GE(sessions.size(), 2u);
  EXPECT_EQ(sessions[0].at("start").as_string(), "2027-01-05T12:30:00Z");
  EXPECT_EQ(sessions[1].at("start").as_string(), "2027-03-02T12:30:00Z") << "2 February was skipped";

  auto shown = page(location);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_NE(shown.body.find("Đã lưu lịch định kỳ"), std::string::npos);
  EXPECT_NE(shown.body.find("Thứ Ba tuần đầu tiên hằng tháng, lúc 19:30"), std::string::npos);
  EXPECT_NE(shown.body.find("Thứ Ba, 05/01/2027 19:30–21:30"), std::string::npos);
}

TEST_F(SeriesPages, SplitPreviewListsReplacedAndKeptSessionsThenTheSplitIsMade) {
  auto id = series_on_the_5th();
  auto list = sessions_of(id);
  // May is cancelled by hand: the split keeps it.
  std::string may = "/api/v1/sessions/" + std::to_string(list[4].at("id").as_int64());
  ASSERT_EQ(client().request("PATCH", may, R"({"status": "cancelled", "status_reason": "Bão"})",
                             "application/merge-patch+json", {{"If-Match", "\"0\""}}).status, 200);
  auto shown = page("/lich-dinh-ky/" + std::to_string(id));
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_NE(shown.body.find("Ngày 5 hằng tháng, lúc 19:30"), std::string::npos);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(shown.body, m, std::regex(R"re(name="version" value="(\d+)")re")));
  std::vector<std::pair<std::string, std::string>> fields = {
      {"version", m[1].str()}, {"pattern", "ngay"}, {"day", "10"}, {"weekday", "2"}, {"week", "1"}, {"every", "1"},
      {"first_date", "2027-04-01"}, {"ends", "khong"}, {"start_time", "19:30"}, {"end_time", "21:30"},
      {"location", ""}, {"skip_dates", ""}, {"action", "xem-truoc"}};
  auto preview = post("/lich-dinh-ky/" + std::to_string(id) + "/doi-quy-tac", fields);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_NE(preview.body.find("Thứ Bảy, 10/04/2027 19:30–21:30"), std::string::npos) << preview.body;
  auto kept_at = preview.body.find("data-kept");
  ASSERT_NE(kept_at, std::string::npos) << preview.body;
  EXPECT_NE(preview.body.find("Thứ Tư, 05/05/2027 19:30–21:30</time> (đã hủy)", kept_at), std::string::npos);
  auto replaced_at = preview.body.find("data-replaced");
  ASSERT_NE(replaced_at, std::string::npos);
  EXPECT_NE(preview.body.find("05/04/2027", replaced_at), std::string::npos);
  EXPECT_EQ(sessions_of(id).size(), list.size()) << "a preview changes nothing";

  fields.back().second = "luu";
  auto done = post("/lich-dinh-ky/" + std::to_string(id) + "/doi-quy-tac", fields);
  ASSERT_EQ(done.status, 303) << done.body;
  std::string location = done.header("Location");
  ASSERT_TRUE(std::regex_match(location, m, std::regex(R"(/lich-dinh-ky/(\d+)\?thong-bao=da-doi-quy-tac)"))) << location;
  auto next = client().get("/api/v1/series/" + m[1].str()).json();
  EXPECT_EQ(next.at("rrule").as_string(), "FREQ=MONTHLY;BYMONTHDAY=10");
  EXPECT_EQ(next.at("first_date").as_string(), "2027-04-01");
  EXPECT_EQ(client().get("/api/v1/series/" + std::to_string(id)).json().at("until").as_string(), "2027-03-31");
  auto old_sessions = sessions_of(id);
  ASSERT_EQ(old_sessions.size(), 4u);  // January to March, and the cancelled May
  EXPECT_EQ(old_sessions[3].at("status").as_string(), "cancelled");
  EXPECT_EQ(sessions_of(next.at("id").as_int64())[0].at("start").as_string(), "2027-04-10T12:30:00Z");

  // The old version is gone: a second confirmation of the same form is refused, nothing changes.
  auto again = post("/lich-dinh-ky/" + std::to_string(id) + "/doi-quy-tac", fields);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(again.body.find("vừa được thay đổi"), std::string::npos);
}

TEST_F(SeriesPages, ASplitDayNotAfterTheFirstDayIsRefusedBesideTheField) {
  auto id = series_on_the_5th();
  std::vector<std::pair<std::string, std::string>> fields = {
      {"version", "1"}, {"pattern", "ngay"}, {"day", "10"}, {"every", "1"}, {"first_date", "01/01/2027"},
      {"ends", "khong"}, {"start_time", "19:30"}, {"end_time", "21:30"}, {"action", "xem-truoc"}};
  auto r = post("/lich-dinh-ky/" + std::to_string(id) + "/doi-quy-tac", fields);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("id=\"first_date-error\">Ngày áp dụng quy tắc mới phải sau ngày bắt đầu"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("value=\"01/01/2027\""), std::string::npos);
}

TEST_F(SeriesPages, PagesAreForTheSecretariatAndAnUnknownSeriesIsNotFound) {
  add_account("nhan-vien", "staff");
  auto staff = anonymous().request("GET", "/lich-dinh-ky", "", "", {{"Cookie", "satdan_session=" + sign_in("nhan-vien")}});
  EXPECT_EQ(staff.status, 403);
  EXPECT_EQ(page("/lich-dinh-ky/999999").status, 404);
  EXPECT_EQ(page("/lich-dinh-ky/moi?chi-bo=999999").status, 404);
}

}  // namespace
