#include "pages/qr_svg.hpp"

#include <qrencode.h>

#include <memory>

#include "core/error.hpp"

namespace satdan::pages {

namespace {

std::string escape_xml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

qr_modules qr_encode(std::string_view text) {
  // qrencode reads a NUL-terminated string; encodeData takes the bytes as they are.
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(
      QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
      QRcode_free);
  if (!code) throw core::error(core::errc::internal, "Internal error.", {}, "qrencode could not encode the text");
  qr_modules out;
  out.version = code->version;
  out.width = code->width;
  out.dark.resize(static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width));
  // Each byte is one module; its lowest bit says dark.
  for (std::size_t i = 0; i < out.dark.size(); ++i) out.dark[i] = (code->data[i] & 1) != 0;
  return out;
}

std::string qr_svg(const qr_modules& code, std::string_view title, int quiet) {
  const int size = code.width + 2 * quiet;
  std::string path;
  for (int y = 0; y < code.width; ++y) {
    for (int x = 0; x < code.width;) {
      if (!code.at(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < code.width && code.at(x + run, y)) ++run;
      path.append("M").append(std::to_string(x + quiet)).append(" ").append(std::to_string(y + quiet));
      path.append("h").append(std::to_string(run)).append("v1h-").append(std::to_string(run)).append("z");
      x += run;
    }
  }
  std::string n = std::to_string(size);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ";
  svg.append(n).append(" ").append(n).append("\" shape-rendering=\"crispEdges\"><title>").append(escape_xml(title));
  svg.append("</title><rect width=\"").append(n).append("\" height=\"").append(n).append("\" fill=\"#fff\"/>");
  svg.append("<path fill=\"#000\" d=\"").append(path).append("\"/></svg>");
  return svg;
}

}  // namespace satdan::pages
