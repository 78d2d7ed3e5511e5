// The one CSV writer: RFC 4180 for spreadsheet users, with text that a spreadsheet would run as a formula
// neutralised wherever some reader could see the start of a cell.
#include <gtest/gtest.h>

#include "core/csv.hpp"

using namespace satdan::core;

TEST(Csv, QuotesWhatNeedsQuotingAndStartsWithAByteOrderMark) {
  csv_writer w;
  w.row({"Tam Thành", "a,b", "say \"hi\"", "two\nlines", ""});
  EXPECT_EQ(w.text(), "\xEF\xBB\xBFTam Thành,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
}

TEST(Csv, FormulasAreNeutralised) {
  EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_cell("+84905"), "'+84905");
  EXPECT_EQ(csv_cell("-1+1"), "'-1+1");
  EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_cell("15"), "15");
  EXPECT_EQ(csv_cell("Tổ 3 - thôn Phú Lâm"), "Tổ 3 - thôn Phú Lâm");  // only where a cell could start
}

// Excel in locales whose list separator is ';' (Vietnamese among them) splits a line on ';' and ignores
// quotes that do not open a piece, so "SECTEST;=1+1" would put a formula in a cell of its own.
TEST(Csv, CellsWithSemicolonsTabsOrLineBreaksAreQuoted) {
  EXPECT_EQ(csv_cell("a;b"), "\"a;b\"");
  EXPECT_EQ(csv_cell("a\tb"), "\"a\tb\"");
  EXPECT_EQ(csv_cell("a\rb"), "\"a\rb\"");
  EXPECT_EQ(csv_cell("a\nb"), "\"a\nb\"");
}

TEST(Csv, AFormulaAfterAnySeparatorIsNeutralised) {
  EXPECT_EQ(csv_cell("SECTEST;=1+1"), "\"SECTEST;'=1+1\"");
  EXPECT_EQ(csv_cell("a;+1;-1;@x"), "\"a;'+1;'-1;'@x\"");
  EXPECT_EQ(csv_cell("a\t=1"), "\"a\t'=1\"");
  EXPECT_EQ(csv_cell("a\n=1"), "\"a\n'=1\"");
  EXPECT_EQ(csv_cell("a\r\n@x"), "\"a\r\n'@x\"");
  // A quote opening a ';'-piece would make Excel read what follows it as the cell, formula included.
  EXPECT_EQ(csv_cell("x;\"=1+1"), "\"x;'\"\"=1+1\"");
  // A tab or carriage return opening a piece is itself neutralised, and so is what follows it.
  EXPECT_EQ(csv_cell("\tcmd"), "\"'\tcmd\"");
  EXPECT_EQ(csv_cell("a;\t=1"), "\"a;'\t'=1\"");
  EXPECT_EQ(csv_cell("a; =1"), "\"a; =1\"");  // a leading space makes it text already
}

TEST(Csv, EveryPieceASemicolonReaderSeesIsHarmless) {
  csv_writer w;
  w.row({"1", "SECTEST;=1+1", "=2;@3\n-4\t+5;\"=6"});
  std::string text = w.text().substr(3);
  for (std::size_t start = 0; start < text.size();) {
    auto end = text.find_first_of(";\t\r\n", start);
    if (end == std::string::npos) end = text.size();
    std::string piece = text.substr(start, end - start);
    if (!piece.empty()) {
      EXPECT_EQ(std::string("=+-@\"").find(piece.front()), std::string::npos) << piece;
    }
    start = end + 1;
  }
}

TEST(Csv, RowsAreWrittenByTheSameRulesOneAtATime) {
  EXPECT_EQ(csv_row({"7", "Lê Văn A;=1", "https://x"}), "7,\"Lê Văn A;'=1\",https://x\r\n");
  EXPECT_EQ(csv_byte_order_mark, "\xEF\xBB\xBF");
}
