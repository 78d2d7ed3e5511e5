// Unicode normalisation of text input. Vietnamese arrives precomposed (NFC, most keyboards) or decomposed
// (NFD: some macOS and mobile input, text pasted from PDFs): "Nguyễn" is then two different byte strings, and a
// search, a sort or a unique name would treat one person or place as two. Every text field is read as NFC.
#pragma once
#include <string>
#include <string_view>

namespace satdan::core {

// The NFC form (canonical composition; compatibility forms are left as typed). `text` must be valid UTF-8,
// as every request's text is once read. ASCII comes back unchanged without reaching ICU.
std::string to_nfc(std::string_view text);

}  // namespace satdan::core
