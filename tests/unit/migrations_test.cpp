#include <gtest/gtest.h>

#include "store/migrator.hpp"

using namespace satdan;

TEST(Migrations, SplitsAtLinesEndingInSemicolonAndDropsComments) {
  auto parts = store::split_sql("-- header\nCREATE TABLE a (\n  x INTEGER -- trailing\n);\n\nCREATE INDEX i ON a (x);\n");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_NE(parts[0].find("CREATE TABLE a"), std::string::npos);
  EXPECT_EQ(parts[0].find(';'), std::string::npos);
  EXPECT_NE(parts[1].find("CREATE INDEX"), std::string::npos);
}

TEST(Migrations, BothDialectsHaveTheSameNumberedFiles) {
  auto lite = store::known_migrations(store::backend::sqlite);
  auto pg = store::known_migrations(store::backend::postgresql);
  ASSERT_FALSE(lite.empty());
  ASSERT_EQ(lite.size(), pg.size());
  for (std::size_t i = 0; i < lite.size(); ++i) {
    // Increasing, not necessarily consecutive: parallel work reserves numbers that land in any order.
    if (i > 0) {
      EXPECT_GT(lite[i].version, lite[i - 1].version);
    }
    EXPECT_EQ(lite[i].name, pg[i].name);
    EXPECT_FALSE(lite[i].statements.empty());
  }
}
