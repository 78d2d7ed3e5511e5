// Vietnamese search and order: a query typed without marks finds names written with them, and names sort as
// a Vietnamese dictionary lists them (a, ă, â ... d, đ, e ...; tones after the letter), not by bytes.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "core/vi_text.hpp"

using namespace satdan;

TEST(ViText, FoldDropsTonesVowelMarksAndCase) {
  EXPECT_EQ(core::search_fold("Nguyễn Thị Đào"), "nguyen thi dao");
  EXPECT_EQ(core::search_fold("ĐẶNG VĂN ƯỚC"), "dang van uoc");
  EXPECT_EQ(core::search_fold("Phạm Quỳnh Hương"), "pham quynh huong");
  EXPECT_EQ(core::search_fold("Ơn Ân Ắt"), "on an at");
  EXPECT_EQ(core::search_fold("plain ascii 123"), "plain ascii 123");
  EXPECT_EQ(core::search_fold(""), "");
}

TEST(ViText, FoldTreatsComposedAndDecomposedTextAlike) {
  const std::string composed = "Nguy\xE1\xBB\x85n";      // ễ as one code point
  const std::string decomposed = "Nguye\xCC\x82\xCC\x83n";  // e + circumflex + tilde
  EXPECT_EQ(core::search_fold(composed), "nguyen");
  EXPECT_EQ(core::search_fold(decomposed), "nguyen");
}

TEST(ViText, SearchFindsNamesWhateverMarksTheQueryHas) {
  EXPECT_TRUE(core::search_matches("Nguyễn Văn An", "nguyen"));
  EXPECT_TRUE(core::search_matches("Trần Nguyên Hạnh", "nguyen"));
  EXPECT_TRUE(core::search_matches("Đào Thị Mai", "dao"));
  EXPECT_TRUE(core::search_matches("Đào Thị Mai", "Đào"));
  EXPECT_TRUE(core::search_matches("Nguyễn Văn An", "NGUYỄN"));
  EXPECT_FALSE(core::search_matches("Ngô Văn An", "nguyen"));
  EXPECT_FALSE(core::search_matches("Lê Thị Hoa", "dao"));
}

TEST(ViText, EveryWordOfTheQueryMustBeginAWordOfTheTextInAnyOrder) {
  EXPECT_TRUE(core::search_matches("Nguyễn Văn An", "an nguyen"));
  EXPECT_FALSE(core::search_matches("Nguyễn Văn Bình", "an nguyen")) << "\"an\" inside \"Văn\" is no match";
  EXPECT_TRUE(core::search_matches("Nguyễn Văn Bình", "ngu bi")) << "the start of a word is enough";
  EXPECT_FALSE(core::search_matches("Lê Thanh Tùng", "hanh"));
  EXPECT_TRUE(core::search_matches("Lê Thanh Tùng", "thanh"));
  // Extra spaces, tabs and a no-break space between words are only separators.
  EXPECT_TRUE(core::search_matches("Nguyễn Văn An", "  nguyen   van "));
  EXPECT_TRUE(core::search_matches("Nguyễn Văn An", "nguyen\tvan"));
  EXPECT_TRUE(core::search_matches("Nguyễn Văn An", "nguyen\xC2\xA0van"));
}

TEST(ViText, AnEmptyQueryMatchesEverything) {
  EXPECT_TRUE(core::search_matches("Nguyễn Văn An", ""));
  EXPECT_TRUE(core::search_matches("Nguyễn Văn An", "   "));
  EXPECT_TRUE(core::search_matches("", ""));
}

TEST(ViText, SortKeysFollowTheVietnameseAlphabet) {
  auto before = [](const std::string& a, const std::string& b) { return core::vi_sort_key(a) < core::vi_sort_key(b); };
  EXPECT_TRUE(before("Dương", "Đặng")) << "đ is its own letter after d";
  EXPECT_TRUE(before("Đặng", "Hà"));
  EXPECT_TRUE(before("Anh", "Ánh")) << "a toneless vowel first";
  EXPECT_TRUE(before("Ánh", "Bình")) << "the letter before the tone";
  EXPECT_TRUE(before("Ngô", "Nguyên"));
  EXPECT_TRUE(before("Nguyên", "Nguyễn"));
  EXPECT_TRUE(before("an", "Ăn")) << "ă follows a";
  EXPECT_TRUE(before("Ăn", "Ân")) << "â follows ă";
  EXPECT_TRUE(before("Ân", "Bá"));
  EXPECT_TRUE(before("Ơn", "Phương")) << "ơ follows ô and o, before p";
  EXPECT_FALSE(before("Hà", "Hà"));
  // Byte order gets these wrong: "Đ" (C4 90) sorts after "H" bytewise, as does "Ánh" (C3 81) after "B".
  EXPECT_GT(std::string("Đặng"), std::string("Hà"));
  EXPECT_GT(std::string("Ánh"), std::string("Bình"));
}

TEST(ViText, SortKeysIgnoreTheNormalFormOfTheInput) {
  EXPECT_EQ(core::vi_sort_key("Nguy\xE1\xBB\x85n"), core::vi_sort_key("Nguye\xCC\x82\xCC\x83n"));
  EXPECT_FALSE(core::vi_sort_key("a").empty());
  EXPECT_EQ(core::vi_sort_key("").find('\0'), std::string::npos);
  EXPECT_EQ(core::vi_sort_key("Nguyễn").find('\0'), std::string::npos) << "no terminating NUL kept in the key";
}

TEST(ViText, SortViOrdersByNameAndKeepsEqualNamesInTheirOrder) {
  struct person {
    std::string name;
    int id;
  };
  std::vector<person> people = {{"Hà Văn Sơn", 1}, {"Đặng Thị Lan", 2}, {"Dương Văn Tú", 3}, {"Ánh Tuyết", 4},
                                {"Anh Tuấn", 5},   {"Đặng Thị Lan", 6}, {"Nguyễn An", 7},   {"Ngô Bảo", 8}};
  core::sort_vi(people, [](const person& p) { return p.name; });
  std::vector<int> order;
  for (const auto& p : people) order.push_back(p.id);
  EXPECT_EQ(order, (std::vector<int>{5, 4, 3, 2, 6, 1, 8, 7}));
  std::vector<person> none;
  core::sort_vi(none, [](const person& p) { return p.name; });
  EXPECT_TRUE(none.empty());
}

TEST(ViText, FoldAndSortAreSafeFromSeveralThreads) {
  // Each thread has its own collator; keys agree whichever thread made them.
  std::string main_key = core::vi_sort_key("Đặng Thị Lan");
  std::string other_key;
  std::thread t([&] { other_key = core::vi_sort_key("Đặng Thị Lan"); });
  t.join();
  EXPECT_EQ(main_key, other_key);
}
