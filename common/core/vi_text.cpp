#include "core/vi_text.hpp"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
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
    if (u_isUWhiteSpace(c)) c = ' ';                     // a tab or a no-break space separates words too
    kept.append(static_cast<UChar32>(u_tolower(c)));
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

namespace {

std::vector<std::string_view> words_of(std::string_view folded) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    if (end > start) out.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

bool search_matches(std::string_view text, std::string_view query) {
  std::string haystack = search_fold(text);
  std::string needle = search_fold(query);
  auto names = words_of(haystack);
  // A word of the query must begin a word of the text: "an" finds "An" and "Anh", not every "Văn".
  for (auto wanted : words_of(needle))
    if (std::none_of(names.begin(), names.end(), [wanted](std::string_view w) { return w.starts_with(wanted); })) return false;
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
