#include <gtest/gtest.h>

#include "core/utf8.hpp"

using namespace satdan::core;

TEST(Utf8, AcceptsVietnamese) {
  EXPECT_TRUE(is_valid_utf8("Nguyễn Thị Hồng Nhung, thôn Phú Lâm, xã Tam Đàn"));
  EXPECT_EQ(utf8_length("Đàn"), 3u);
}

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation byte
}
