// The message catalogue and the Vietnamese date forms the pages use.
#include <gtest/gtest.h>

#include <limits>

#include "core/error.hpp"
#include "pages/catalogue.hpp"
#include "pages/vi_format.hpp"
#include "pages/web_assets.hpp"

using namespace satdan;
using namespace std::chrono;

TEST(Catalogue, LooksUpDottedKeysAndFillsPlaceholders) {
  pages::catalogue words(R"({"sign_in": {"locked": "Thử lại sau {minutes} phút ({minutes}')."}, "days": ["CN", "T2"]})");
  EXPECT_EQ(words.format("sign_in.locked", {{"minutes", "15"}}), "Thử lại sau 15 phút (15').");
  EXPECT_EQ(words.item("days", 1), "T2");
  EXPECT_THROW(words.get("sign_in.missing"), core::error);
  EXPECT_THROW(words.get("sign_in"), core::error);  // an object, not a message
  EXPECT_THROW(words.item("days", 2), core::error);
  EXPECT_THROW(pages::catalogue("[1]"), core::error);
}

TEST(Catalogue, TheShippedCatalogueHoldsWhatThePagesAskFor) {
  const auto& words = pages::assets().words();
  EXPECT_EQ(words.get("sign_in.wrong"), "Tên đăng nhập hoặc mật khẩu không đúng");
  for (const char* role : {"admin", "secretariat", "staff", "member"}) EXPECT_FALSE(words.get(std::string("roles.") + role).empty());
  for (std::size_t d = 0; d < 7; ++d) EXPECT_FALSE(words.item("weekdays", d).empty());
}

TEST(VietnameseDates, WeekdayThenDayMonthYear) {
  const auto& words = pages::assets().words();
  EXPECT_EQ(pages::format_vi_date(year_month_day(year(2027), January, day(5)), words), "Thứ Ba, 05/01/2027");
  EXPECT_EQ(pages::format_vi_date(year_month_day(year(2027), January, day(3)), words), "Chủ nhật, 03/01/2027");
  EXPECT_EQ(pages::format_vi_date(year_month_day(year(2028), February, day(29)), words), "Thứ Ba, 29/02/2028");
  EXPECT_EQ(pages::format_vi_time(19, 30), "19:30");
  EXPECT_EQ(pages::format_vi_time(7, 5), "07:05");
}

TEST(Catalogue, FindGivesNothingForAMissingKeyOrAnObject) {
  pages::catalogue words(R"({"notices": {"saved": "Đã lưu."}})");
  EXPECT_EQ(words.find("notices.saved"), "Đã lưu.");
  EXPECT_EQ(words.find("notices.gone"), std::nullopt);
  EXPECT_EQ(words.find("notices"), std::nullopt);
  EXPECT_EQ(words.find("notices.saved.deeper"), std::nullopt);
}

TEST(VietnameseNumbers, DotsGroupThousandsAndACommaMarksDecimals) {
  EXPECT_EQ(pages::format_vi_number(0), "0");
  EXPECT_EQ(pages::format_vi_number(999), "999");
  EXPECT_EQ(pages::format_vi_number(1234), "1.234");
  EXPECT_EQ(pages::format_vi_number(424957), "424.957");
  EXPECT_EQ(pages::format_vi_number(1234567), "1.234.567");
  EXPECT_EQ(pages::format_vi_number(-1234), "-1.234");
  EXPECT_EQ(pages::format_vi_number(std::numeric_limits<long long>::min()), "-9.223.372.036.854.775.808");
  EXPECT_EQ(pages::format_vi_decimal(3.5, 1), "3,5");
  EXPECT_EQ(pages::format_vi_decimal(1234.567, 2), "1.234,57");
  EXPECT_EQ(pages::format_vi_decimal(-0.25, 2), "-0,25");
  EXPECT_EQ(pages::format_vi_decimal(7, 0), "7");
}

TEST(StaticFiles, TheStyleSheetAndTheScriptJoinEveryFileOfTheirFolder) {
  const auto& web = pages::assets();
  const auto* css = web.by_hashed_name(web.url_of("app.css").substr(8));
  ASSERT_NE(css, nullptr);
  EXPECT_NE(css->contents.find(".skip-link"), std::string::npos);
  EXPECT_NE(css->contents.find(".site-nav"), std::string::npos);
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
  const auto* js = web.by_hashed_name(web.url_of("app.js").substr(8));
  ASSERT_NE(js, nullptr);
  EXPECT_NE(js->contents.find("data-error-summary"), std::string::npos);
}

TEST(StaticFiles, ServedUnderContentHashedNames) {
  const auto& web = pages::assets();
  std::string url = web.url_of("app.css");
  ASSERT_EQ(url.size(), std::string("/static/app.12345678.css").size()) << url;
  const auto* file = web.by_hashed_name(url.substr(8));
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->etag.substr(1, 8), url.substr(12, 8));
  EXPECT_EQ(web.by_hashed_name("app.css"), nullptr);
}
