#include "core/vi_text.hpp"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

#include "core/error.hpp"

namespace satdan::core {

namespace {

[[noreturn]] void fail(const char* what, UErrorCode status) {
  throw error(errc::internal, "The text could not be read.", {}, std::string(what) + ": " + u_errorName(status));
}

// ICU collators are not safe to share across threads for sort keys; each thread keeps its own clone.
const icu::Collator& vi_collator() {
  static std::once_flag once;
  static std::unique_ptr<icu::Collator> prototype;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    prototype.reset(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status)) fail("ICU Vietnamese collator", status);
  });
  thread_local std::unique_ptr<icu::Collator> mine(prototype->clone());
  return *mine;
}

}  // namespace

std::string search_fold(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) fail("ICU NFD", status);
  icu::UnicodeString decomposed = nfd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))), status);
  if (U_FAILURE(status)) fail("ICU NFD", status);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;  // tone and vowel marks
    if (c == 0x0110 || c == 0x0111) c = 'd';            // Đ đ have no decomposition
    kept.append(static_cast<UChar32>(u_tolower(c)));
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

bool search_matches(std::string_view text, std::string_view query) {
  std::string haystack = search_fold(text);
  std::string needle = search_fold(query);
  std::size_t start = 0;
  while (start < needle.size()) {
    std::size_t end = needle.find(' ', start);
    if (end == std::string::npos) end = needle.size();
    if (end > start && haystack.find(needle.substr(start, end - start)) == std::string::npos) return false;
    start = end + 1;
  }
  return true;
}

std::string vi_sort_key(std::string_view text) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::Collator& c = vi_collator();
  std::string key(static_cast<std::size_t>(c.getSortKey(s, nullptr, 0)), '\0');
  c.getSortKey(s, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
  if (!key.empty() && key.back() == '\0') key.pop_back();  // ICU ends the key with a NUL
  return key;
}

}  // namespace satdan::core
