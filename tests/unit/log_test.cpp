// Log lines are JSON whatever the fields hold.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/log.hpp"

using namespace satdan;

TEST(Log, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  testing::internal::CaptureStderr();
  core::log::info("probe", {{"path", "/a/\xFF\xC3("}, {"nested", {{"k\xE1\xBA", {"ok", "\xC0\xAF"}}}}, {"fine", "Phú Ninh"}});
  std::string line = testing::internal::GetCapturedStderr();
  boost::json::error_code ec;
  auto v = boost::json::parse(line, ec);
  ASSERT_FALSE(ec) << line;
  const auto& o = v.as_object();
  EXPECT_EQ(o.at("path").as_string(), "/a/\xEF\xBF\xBD\xEF\xBF\xBD(");
  EXPECT_EQ(o.at("fine").as_string(), "Phú Ninh");
  const auto& nested = o.at("nested").as_object();
  ASSERT_EQ(nested.size(), 1u);
  EXPECT_EQ(nested.begin()->key(), "k\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(nested.begin()->value().as_array()[1].as_string(), "\xEF\xBF\xBD\xEF\xBF\xBD");
}
