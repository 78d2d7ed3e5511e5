// The QR code of a feed address: the SVG's one path covers exactly the dark modules libqrencode reports,
// inside the quiet zone, at the version the text needs.
#include <gtest/gtest.h>
#include <qrencode.h>

#include <regex>

#include "pages/qr_svg.hpp"

using satdan::pages::qr_encode;
using satdan::pages::qr_svg;

namespace {

const std::string address = "webcal://lich.example.vn/feeds/m/Qk3v9xJ2mP0aB7cD1eF4gH6iJ8kL0mN2oP4qR6sT8uV.ics";

// The modules a path of "M x y h n v1 h-n z" runs paints, as (x, y) in the SVG's coordinates.
std::vector<std::vector<bool>> painted(const std::string& svg, int size) {
  std::vector<std::vector<bool>> grid(static_cast<std::size_t>(size), std::vector<bool>(static_cast<std::size_t>(size)));
  std::smatch d;
  EXPECT_TRUE(std::regex_search(svg, d, std::regex(R"re(<path fill="#000" d="([^"]*)")re")));
  std::string path = d[1].str();
  static const std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
  std::size_t covered = 0;
  for (auto it = std::sregex_iterator(path.begin(), path.end(), run); it != std::sregex_iterator(); ++it) {
    int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), n = std::stoi((*it)[3]);
    EXPECT_EQ(n, std::stoi((*it)[4])) << "a run closes where it began";
    for (int i = 0; i < n; ++i) {
      EXPECT_FALSE(grid[static_cast<std::size_t>(y)][static_cast<std::size_t>(x + i)]) << "runs never overlap";
      grid[static_cast<std::size_t>(y)][static_cast<std::size_t>(x + i)] = true;
    }
    covered += static_cast<std::size_t>(it->length());
  }
  EXPECT_EQ(covered, path.size()) << "the path is made of runs only";
  return grid;
}

}  // namespace

TEST(QrSvg, EncodesAtTheVersionQrencodeChooses) {
  auto code = qr_encode(address);
  QRcode* reference = QRcode_encodeData(static_cast<int>(address.size()),
                                        reinterpret_cast<const unsigned char*>(address.data()), 0, QR_ECLEVEL_M);
  ASSERT_NE(reference, nullptr);
  EXPECT_EQ(code.version, reference->version);
  EXPECT_EQ(code.width, 17 + 4 * code.version);
  EXPECT_GE(code.version, 4) << "an 80-byte address needs at least version 4 at level M";
  for (int y = 0; y < code.width; ++y)
    for (int x = 0; x < code.width; ++x)
      ASSERT_EQ(code.at(x, y), (reference->data[y * reference->width + x] & 1) != 0) << x << "," << y;
  QRcode_free(reference);
}

TEST(QrSvg, OnePathPaintsExactlyTheDarkModulesInsideTheQuietZone) {
  auto code = qr_encode(address);
  const int quiet = 4;
  std::string svg = qr_svg(code, "Mã QR của địa chỉ lịch", quiet);
  const int size = code.width + 2 * quiet;
  EXPECT_NE(svg.find("viewBox=\"0 0 " + std::to_string(size) + " " + std::to_string(size) + "\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>Mã QR của địa chỉ lịch</title>"), std::string::npos);
  std::size_t paths = 0;
  for (auto at = svg.find("<path"); at != std::string::npos; at = svg.find("<path", at + 1)) ++paths;
  EXPECT_EQ(paths, 1u);

  auto grid = painted(svg, size);
  int dark = 0;
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      bool inside = x >= quiet && y >= quiet && x < quiet + code.width && y < quiet + code.width;
      bool expected = inside && code.at(x - quiet, y - quiet);
      ASSERT_EQ(grid[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)], expected) << x << "," << y;
      dark += expected ? 1 : 0;
    }
  EXPECT_GT(dark, code.width * code.width / 4) << "a QR code is roughly half dark";
  // The three finder patterns: a dark 7×7 frame at three corners.
  for (auto [fx, fy] : {std::pair{0, 0}, std::pair{code.width - 7, 0}, std::pair{0, code.width - 7}})
    for (int i = 0; i < 7; ++i) {
      EXPECT_TRUE(code.at(fx + i, fy));
      EXPECT_TRUE(code.at(fx, fy + i));
    }
}

TEST(QrSvg, TitleIsEscaped) {
  std::string svg = qr_svg(qr_encode("x"), "<a & \"b\">");
  EXPECT_NE(svg.find("<title>&lt;a &amp; &quot;b&quot;&gt;</title>"), std::string::npos) << svg;
}
