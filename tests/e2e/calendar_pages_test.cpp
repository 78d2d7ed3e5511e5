// The calendar (/lich) and the planning home over real HTTP: the three views, each filter narrowing the
// sessions shown, a session with an empty required seat marked, bad query values answered with the page and
// a message (never a 500), and who may see it (the office, not a member).
#include <gtest/gtest.h>

#include <algorithm>

#include "e2e/e2e_fixture.hpp"
#include "store/assignments_store.hpp"
#include "store/directory_store.hpp"
#include "store/meetings_store.hpp"

using namespace satdan;
using namespace satdan::testkit;
using namespace std::chrono_literals;

namespace {

class CalendarPages : public ServerTest {
 protected:
  // Monday 4 January 2027, 08:00 in Asia/Ho_Chi_Minh.
  std::optional<core::instant> clock_at() const override { return *core::parse_rfc3339("2027-01-04T01:00:00Z"); }

  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    auto db = db_->open(1);
    store::directory_store directory(db);
    const store::actor system{};
    district_ = directory.create_unit({0, std::nullopt, "district", "Phú Ninh", std::nullopt}, system).id;
    commune_a_ = directory.create_unit({0, district_, "commune", "Tam Thành", std::nullopt}, system).id;
    commune_b_ = directory.create_unit({0, district_, "commune", "Tam An", std::nullopt}, system).id;
    auto village = directory.create_unit({0, commune_a_, "village", "Thôn Phú Lâm", std::nullopt}, system).id;
    cell_a_ = directory.create_cell({0, village, "Chi bộ thôn Phú Lâm", "village"}, system).id;
    cell_b_ = directory.create_cell({0, commune_b_, "Chi bộ thôn Bình Trung", "village"}, system).id;
    domain::member d;
    d.full_name = "Nguyễn Văn Huyện";
    d.level = "district";
    d.home_unit_id = commune_b_;
    district_member_ = directory.create_member(d, system).id;

    store::meetings_store meetings(db);
    auto session = [&](const char* start, std::optional<domain::id_t> cell, domain::id_t unit, domain::seats needs) {
      domain::session s;
      s.kind = cell ? "cell_meeting" : "dialogue";
      s.cell_id = cell;
      s.unit_id = unit;
      if (!cell) s.topic = "Đối thoại về đất đai";
      s.start = *core::parse_rfc3339(start);
      s.end = s.start + 2h;
      s.needs = std::move(needs);
      return meetings.create_session(s, system);
    };
    gap_ = session("2027-01-05T12:30:00Z", cell_a_, village, {{"commune", 1}}).id;
    dialogue_ = session("2027-01-06T01:00:00Z", std::nullopt, commune_b_, {{"district", 1}}).id;
    auto cancelled = session("2027-01-07T12:30:00Z", cell_b_, commune_b_, {{"commune", 1}});
    cancelled.status = "cancelled";
    cancelled.status_reason = "Mưa bão";
    meetings.update_session(cancelled, cancelled.sequence, system);
    cancelled_ = cancelled.id;
    february_ = session("2027-02-02T12:30:00Z", cell_b_, commune_b_, {{"commune", 1}}).id;
    store::assignments_store seats(db, {.month = [](core::instant t) {
                                     std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(t + 7h)};
                                     return static_cast<int>(day.year()) * 12 + static_cast<int>(unsigned(day.month())) - 1;
                                   }});
    seats.assign(dialogue_, district_member_, "district", true, system);

    add_account("thu-ky", "secretariat");
    add_account("can-bo", "staff");
    add_account("dang-vien", "member", district_member_);
    secretariat_ = "satdan_session=" + sign_in("thu-ky");
  }

  http_result page(const std::string& target, const std::string& cookie) {
    return anonymous().request("GET", target, "", "", {{"Cookie", cookie}});
  }
  static bool shows(const http_result& r, domain::id_t session) {
    return r.body.find("data-session=\"" + std::to_string(session) + "\"") != std::string::npos;
  }
  static bool marked_empty(const http_result& r, domain::id_t session) {
    return r.body.find("cal-event--gap\" data-session=\"" + std::to_string(session) + "\"") != std::string::npos;
  }
  static std::string metric(const http_result& r, const std::string& name) {
    std::string key = "data-metric=\"" + name + "\">";
    auto at = r.body.find(key);
    if (at == std::string::npos) return "(absent)";
    at += key.size();
    return r.body.substr(at, r.body.find('<', at) - at);
  }

  domain::id_t district_ = 0, commune_a_ = 0, commune_b_ = 0, cell_a_ = 0, cell_b_ = 0, district_member_ = 0;
  domain::id_t gap_ = 0, dialogue_ = 0, cancelled_ = 0, february_ = 0;
  std::string secretariat_;
};

TEST_F(CalendarPages, TheMonthShowsItsSessionsLinkedAndMarksAnEmptySeat) {
  auto r = page("/lich", secretariat_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Tháng 1 năm 2027"), std::string::npos);
  EXPECT_NE(r.body.find("<th scope=\"col\">Thứ Hai</th>"), std::string::npos) << "weeks start on Monday";
  for (auto id : {gap_, dialogue_, cancelled_}) {
    EXPECT_TRUE(shows(r, id)) << id;
    EXPECT_NE(r.body.find("href=\"/buoi-hop/" + std::to_string(id) + "\""), std::string::npos) << id;
  }
  EXPECT_FALSE(shows(r, february_));
  EXPECT_TRUE(marked_empty(r, gap_));
  EXPECT_FALSE(marked_empty(r, dialogue_)) << "its one required seat is filled";
  EXPECT_FALSE(marked_empty(r, cancelled_)) << "a cancelled session needs nobody";
  EXPECT_NE(r.body.find("Còn trống 1 chỗ bắt buộc"), std::string::npos);
  EXPECT_NE(r.body.find("Đã hủy"), std::string::npos);

  auto next = page("/lich?xem=thang&ngay=2027-02-01", secretariat_);
  ASSERT_EQ(next.status, 200);
  EXPECT_NE(next.body.find("Tháng 2 năm 2027"), std::string::npos);
  EXPECT_TRUE(shows(next, february_));
  EXPECT_FALSE(shows(next, gap_));
}

TEST_F(CalendarPages, WeekAndListViews) {
  auto week = page("/lich?xem=tuan&ngay=2027-01-06", secretariat_);
  ASSERT_EQ(week.status, 200);
  EXPECT_NE(week.body.find("Tuần từ 04/01 đến 10/01/2027"), std::string::npos);
  EXPECT_NE(week.body.find("Thứ Ba, 05/01/2027"), std::string::npos);
  EXPECT_NE(week.body.find("Chủ nhật, 10/01/2027"), std::string::npos) << "every day of the week is listed";
  EXPECT_TRUE(shows(week, gap_) && shows(week, dialogue_) && shows(week, cancelled_));
  auto later_week = page("/lich?xem=tuan&ngay=2027-02-03", secretariat_);
  EXPECT_TRUE(shows(later_week, february_));
  EXPECT_FALSE(shows(later_week, gap_));

  auto list = page("/lich?xem=danh-sach&ngay=2027-01-20", secretariat_);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(shows(list, gap_) && shows(list, dialogue_) && shows(list, cancelled_));
  EXPECT_EQ(list.body.find("Thứ Hai, 04/01/2027"), std::string::npos) << "the list holds only days with sessions";
}

TEST_F(CalendarPages, EachFilterNarrowsTheSessions) {
  auto only = [&](const std::string& query, std::vector<domain::id_t> expected) {
    auto r = page("/lich?xem=thang&ngay=2027-01-01&" + query, secretariat_);
    ASSERT_EQ(r.status, 200) << query;
    for (auto id : {gap_, dialogue_, cancelled_}) {
      bool wanted = std::find(expected.begin(), expected.end(), id) != expected.end();
      EXPECT_EQ(shows(r, id), wanted) << query << " session " << id;
    }
  };
  only("loai=dialogue", {dialogue_});
  only("loai=cell_meeting", {gap_, cancelled_});
  only("don-vi=" + std::to_string(commune_a_), {gap_});
  only("don-vi=" + std::to_string(commune_b_), {dialogue_, cancelled_});
  only("chi-bo=" + std::to_string(cell_b_), {cancelled_});
  only("trang-thai=cancelled", {cancelled_});
  only("thanh-vien=" + std::to_string(district_member_), {dialogue_});
  only("don-vi=" + std::to_string(commune_b_) + "&loai=cell_meeting", {cancelled_});
  // Filters survive navigation: the next month's link keeps them.
  auto r = page("/lich?xem=thang&ngay=2027-01-01&loai=dialogue", secretariat_);
  EXPECT_NE(r.body.find("/lich?xem=thang&amp;ngay=2027-02-01&amp;loai=dialogue"), std::string::npos);
}

TEST_F(CalendarPages, BadQueryValuesGiveThePageWithAMessage) {
  struct bad {
    std::string query, message;
  };
  for (const auto& b : std::vector<bad>{{"ngay=2027-13-45", "Ngày trong địa chỉ không hợp lệ"},
                                        {"ngay=h%C3%B4m-nay", "Ngày trong địa chỉ không hợp lệ"},
                                        {"xem=nam", "Cách xem trong địa chỉ không hợp lệ"},
                                        {"don-vi=abc", "Không có đơn vị này"},
                                        {"don-vi=99999999999999999999", "Không có đơn vị này"},
                                        {"chi-bo=-1", "Không có chi bộ này"},
                                        {"thanh-vien=999999", "Không có cấp ủy viên này"},
                                        {"loai=hop", "Loại buổi không hợp lệ"},
                                        {"trang-thai=done", "Trạng thái không hợp lệ"}}) {
    auto r = page("/lich?" + b.query, secretariat_);
    EXPECT_EQ(r.status, 200) << b.query;
    EXPECT_NE(r.body.find(b.message), std::string::npos) << b.query;
    EXPECT_TRUE(shows(r, gap_)) << b.query << ": the bad filter is dropped, the month still shown";
  }
}

TEST_F(CalendarPages, TheOfficeMaySeeItAMemberMayNot) {
  auto staff = page("/lich", "satdan_session=" + sign_in("can-bo"));
  EXPECT_EQ(staff.status, 200);
  EXPECT_TRUE(shows(staff, gap_));
  auto member = page("/lich", "satdan_session=" + sign_in("dang-vien"));
  EXPECT_EQ(member.status, 403);
  EXPECT_EQ(page("/lich", "").status, 303) << "not signed in: to the sign-in form";
}

TEST_F(CalendarPages, TheHomeCountsTheWeeksGapsAndTheQuartersCoverage) {
  auto r = page("/", secretariat_);
  ASSERT_EQ(r.status, 200) << r.body;
  // This week: the cell meeting's commune seat; the dialogue is full, the cancelled meeting needs nobody.
  EXPECT_EQ(metric(r, "gap-seats"), "1");
  EXPECT_EQ(metric(r, "over-cap"), "0");
  EXPECT_EQ(metric(r, "proposals"), "0");
  // Two cells, none with a district member seated at one of its meetings (the dialogue has no cell).
  EXPECT_EQ(metric(r, "cells-left"), "2");
  EXPECT_NE(r.body.find("href=\"/buoi-hop/" + std::to_string(gap_) + "\""), std::string::npos);
  EXPECT_NE(r.body.find("Độ phủ chi bộ quý 1/2027"), std::string::npos);
  EXPECT_NE(r.body.find("cấp ủy viên cấp huyện"), std::string::npos);
  // Staff keep their own home.
  auto staff = page("/", "satdan_session=" + sign_in("can-bo"));
  EXPECT_EQ(metric(staff, "gap-seats"), "(absent)");
}

}  // namespace
