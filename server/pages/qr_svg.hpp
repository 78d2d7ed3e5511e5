// A QR code of a text (a calendar address for a phone's camera) as SVG: libqrencode finds the modules, and
// one <path> draws the dark ones, each row's runs as rectangles, on a white square with the quiet zone.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace satdan::pages {

struct qr_modules {
  int version = 0;         // 1–40
  int width = 0;           // modules per side: 17 + 4 × version
  std::vector<bool> dark;  // row by row, width × width

  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * width + x)]; }
};

// The smallest code holding `text` as bytes at error correction level M. Throws core::error(internal) when
// it cannot be encoded (longer than a version 40 code holds).
qr_modules qr_encode(std::string_view text);

// The SVG document: a viewBox in modules (the code plus `quiet` modules of margin each side), shapes with
// crisp edges, and a <title> for what it shows.
std::string qr_svg(const qr_modules& code, std::string_view title, int quiet = 4);

}  // namespace satdan::pages
