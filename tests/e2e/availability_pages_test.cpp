// The member's availability pages over real HTTP: unavailability added with the API's rules and Vietnamese
// errors, deleted only by its member; busy times uploaded as a multipart form through the API's import,
// refused without the form's token.
#include "e2e/page_forms.hpp"

using namespace satdan;
using namespace satdan::testkit;
namespace json = boost::json;

namespace {

const std::string small_calendar =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:a@test\r\nDTSTART:20270105T010000Z\r\nDTEND:20270105T040000Z\r\nSUMMARY:Riêng\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:b@test\r\nDTSTART:20270112T010000Z\r\nDTEND:20270112T040000Z\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

class AvailabilityPages : public ServerTest {
 protected:
  std::optional<core::instant> clock_at() const override { return before_the_2027_plan(); }

  std::int64_t create(const std::string& path, const json::value& body) {
    auto r = client().post(path, body);
    EXPECT_EQ(r.status, 201) << path << " " << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }
  std::int64_t member_with_account(const std::string& name, const std::string& username) {
    auto unit = create("/api/v1/units", {{"kind", "commune"}, {"name", "Xã " + name}});
    auto id = create("/api/v1/members", {{"full_name", name}, {"level", "district"}, {"home_unit_id", unit}});
    add_account(username, "member", id);
    return id;
  }
  // The member's periods as the API lists them.
  json::array periods_of(std::int64_t member) {
    return client().get("/api/v1/unavailability?member_id=" + std::to_string(member)).json().at("items").as_array();
  }
  http_result post_form(const forms::session& s, const std::string& path, forms::fields values) {
    values.emplace_back("csrf", s.csrf);
    return anonymous().request("POST", path, forms::encode(values), forms::urlencoded, {{"Cookie", s.cookie}});
  }
  http_result get(const forms::session& s, const std::string& path) { return anonymous().request("GET", path, "", "", {{"Cookie", s.cookie}}); }
};

TEST_F(AvailabilityPages, AWrongOrderShowsTheErrorBesideTheFieldThenThePeriodIsAddedListedAndDeleted) {
  auto member = member_with_account("Trần Thị Hoa", "hoa");
  auto c = anonymous();
  auto s = forms::sign_in_page(c, "hoa", test_password, "/vang-mat");
  ASSERT_FALSE(s.csrf.empty());

  auto wrong = post_form(s, "/vang-mat", {{"start", "2027-01-07"}, {"end", "2027-01-05"}, {"reason", "Đi công tác"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("id=\"end-error\">Ngày kết thúc phải sau hoặc trùng ngày bắt đầu"), std::string::npos) << wrong.body;
  EXPECT_NE(wrong.body.find("href=\"#end\""), std::string::npos) << "the error summary links to the field";
  EXPECT_NE(wrong.body.find("value=\"2027-01-07\""), std::string::npos) << "the input is kept";
  EXPECT_NE(wrong.body.find(">Đi công tác</textarea>"), std::string::npos);
  EXPECT_TRUE(periods_of(member).empty());

  auto missing = post_form(s, "/vang-mat", {{"start", ""}, {"end", "2027-13-40"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_NE(missing.body.find("Nhập ngày bắt đầu"), std::string::npos);
  EXPECT_NE(missing.body.find("Ngày không hợp lệ"), std::string::npos);

  auto added = post_form(s, "/vang-mat", {{"start", "2027-01-05"}, {"end", "2027-01-07"}, {"reason", "Đi công tác"}});
  ASSERT_EQ(added.status, 303) << added.body;
  auto stored = periods_of(member);
  ASSERT_EQ(stored.size(), 1u);
  // Whole local days in Asia/Ho_Chi_Minh (UTC+7), the last one included.
  EXPECT_EQ(stored[0].at("start").as_string(), "2027-01-04T17:00:00Z");
  EXPECT_EQ(stored[0].at("end").as_string(), "2027-01-07T17:00:00Z");
  auto list = get(s, added.header("Location"));
  EXPECT_NE(list.body.find("Đã thêm ngày vắng mặt."), std::string::npos) << list.body;
  EXPECT_NE(list.body.find("Thứ Ba, 05/01/2027 – Thứ Năm, 07/01/2027"), std::string::npos) << list.body;

  std::string id = std::to_string(stored[0].at("id").as_int64());
  auto confirm = get(s, "/vang-mat?xoa=" + id);
  EXPECT_EQ(confirm.status, 200);
  EXPECT_NE(confirm.body.find("Bạn có chắc muốn xóa"), std::string::npos);
  auto deleted = post_form(s, "/vang-mat/" + id + "/xoa", {});
  EXPECT_EQ(deleted.status, 303);
  EXPECT_TRUE(periods_of(member).empty());
}

TEST_F(AvailabilityPages, AMemberCannotSeeOrDeleteAnothersPeriod) {
  auto owner = member_with_account("Nguyễn Văn An", "an");
  member_with_account("Lê Thị Bình", "binh");
  auto id = create("/api/v1/unavailability", {{"member_id", owner}, {"start", "2027-02-01T00:00:00Z"}, {"end", "2027-02-03T00:00:00Z"},
                                              {"reason", "Nghỉ phép riêng"}});
  auto c = anonymous();
  auto other = forms::sign_in_page(c, "binh", test_password, "/vang-mat");
  EXPECT_EQ(get(other, "/vang-mat").body.find("Nghỉ phép riêng"), std::string::npos) << "only one's own periods are listed";
  EXPECT_EQ(get(other, "/vang-mat?xoa=" + std::to_string(id)).status, 404);
  EXPECT_EQ(post_form(other, "/vang-mat/" + std::to_string(id) + "/xoa", {}).status, 404);
  EXPECT_EQ(periods_of(owner).size(), 1u) << "nothing was deleted";
  // Planners have no member pages.
  add_account("thu-ky", "secretariat");
  auto planner = forms::sign_in_page(c, "thu-ky", test_password);
  EXPECT_EQ(get(planner, "/vang-mat").status, 403);
  EXPECT_EQ(get(planner, "/lich-ban").status, 403);
}

TEST_F(AvailabilityPages, AnUploadedCalendarIsImportedShownAndRemoved) {
  auto member = member_with_account("Phạm Văn Cường", "cuong");
  auto c = anonymous();
  auto s = forms::sign_in_page(c, "cuong", test_password, "/lich-ban");
  auto r = anonymous().request("POST", "/lich-ban", forms::multipart_body({{"csrf", s.csrf}, {"source", "dien_thoai"}}, "lich.ics", small_calendar),
                               forms::multipart, {{"Cookie", s.cookie}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(periods_of(member).size(), 2u);
  auto page = get(s, r.header("Location"));
  EXPECT_NE(page.body.find("Đã nhập lịch bận từ tệp."), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Nguồn: dien_thoai"), std::string::npos);
  EXPECT_NE(page.body.find("2 khoảng bận"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Thứ Ba, 05/01/2027 08:00–11:00"), std::string::npos) << page.body;

  auto removed = post_form(s, "/lich-ban/dien_thoai/xoa", {});
  EXPECT_EQ(removed.status, 303);
  EXPECT_TRUE(periods_of(member).empty());
}

TEST_F(AvailabilityPages, ABadFileIsRefusedInVietnameseNamingTheLine) {
  auto member = member_with_account("Võ Thị Dung", "dung");
  auto c = anonymous();
  auto s = forms::sign_in_page(c, "dung", test_password, "/lich-ban");
  std::string bad = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20270105T040000Z\r\nDTEND:20270105T010000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  auto r = anonymous().request("POST", "/lich-ban", forms::multipart_body({{"csrf", s.csrf}, {"source", "lich_rieng"}}, "hong.ics", bad),
                               forms::multipart, {{"Cookie", s.cookie}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("id=\"file-error\">Không đọc được tệp lịch ở dòng 5: sự kiện kết thúc trước khi bắt đầu."), std::string::npos) << r.body;
  auto no_file = anonymous().request("POST", "/lich-ban", forms::multipart_body({{"csrf", s.csrf}, {"source", "Lịch Riêng"}}),
                                     forms::multipart, {{"Cookie", s.cookie}});
  EXPECT_EQ(no_file.status, 422);
  EXPECT_NE(no_file.body.find("Chọn tệp lịch (.ics) để tải lên"), std::string::npos);
  EXPECT_NE(no_file.body.find("Tên nguồn chỉ gồm"), std::string::npos);
  EXPECT_NE(no_file.body.find("value=\"Lịch Riêng\""), std::string::npos) << "the input is kept";
  EXPECT_TRUE(periods_of(member).empty());
}

TEST_F(AvailabilityPages, AMultipartPostWithoutTheFormTokenIsRefusedAndChangesNothing) {
  auto member = member_with_account("Đỗ Văn Em", "em");
  auto c = anonymous();
  auto s = forms::sign_in_page(c, "em", test_password, "/lich-ban");
  auto bare = anonymous().request("POST", "/lich-ban", forms::multipart_body({{"source", "lich_rieng"}}, "lich.ics", small_calendar),
                                  forms::multipart, {{"Cookie", s.cookie}});
  EXPECT_EQ(bare.status, 403);
  auto wrong = anonymous().request("POST", "/lich-ban",
                                   forms::multipart_body({{"csrf", std::string(64, 'a')}, {"source", "lich_rieng"}}, "lich.ics", small_calendar),
                                   forms::multipart, {{"Cookie", s.cookie}});
  EXPECT_EQ(wrong.status, 403);
  // A token in the query or in a file part is not the form's token.
  std::string as_file = "--" + forms::boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"; filename=\"csrf\"\r\n\r\n" + s.csrf +
                        "\r\n" + forms::multipart_body({{"source", "lich_rieng"}}, "lich.ics", small_calendar);
  EXPECT_EQ(anonymous().request("POST", "/lich-ban", as_file, forms::multipart, {{"Cookie", s.cookie}}).status, 403);
  // A body cut short is refused before the token is looked at.
  std::string cut = forms::multipart_body({{"csrf", s.csrf}, {"source", "lich_rieng"}}, "lich.ics", small_calendar);
  cut.resize(cut.size() - forms::boundary.size() - 8);
  EXPECT_EQ(anonymous().request("POST", "/lich-ban", cut, forms::multipart, {{"Cookie", s.cookie}}).status, 403);
  EXPECT_TRUE(periods_of(member).empty());
}

}  // namespace
