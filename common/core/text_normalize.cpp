#include "core/text_normalize.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <algorithm>

#include "core/error.hpp"

namespace satdan::core {

namespace {

[[noreturn]] void fail(UErrorCode status) {
  // Only a broken ICU installation (missing data) or an input the caller should have validated gets here.
  throw error(errc::internal, "The text could not be read.", {},
              std::string("ICU NFC normalisation failed: ") + u_errorName(status));
}

}  // namespace

std::string to_nfc(std::string_view text) {
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return std::string(text);
  UErrorCode status = U_ZERO_ERROR;
  // ICU's own singleton: built once, thread-safe, never freed before exit.
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) fail(status);
  icu::StringPiece in(text.data(), static_cast<std::int32_t>(text.size()));
  // Most text is NFC already: a quick check spares the copy.
  if (nfc->isNormalizedUTF8(in, status) && U_SUCCESS(status)) return std::string(text);
  if (U_FAILURE(status)) fail(status);
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<std::int32_t>(text.size()));
  nfc->normalizeUTF8(0, in, sink, nullptr, status);
  if (U_FAILURE(status)) fail(status);
  return out;
}

}  // namespace satdan::core
