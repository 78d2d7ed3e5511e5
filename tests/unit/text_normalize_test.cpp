// Unicode normalisation of text input: one form (NFC) for every text field and query parameter.
#include <gtest/gtest.h>

#include "api/support.hpp"
#include "core/text_normalize.hpp"
#include "http/message.hpp"

using namespace satdan;

namespace {
const std::string nfc = "Nguy\xE1\xBB\x85n";    // Nguyễn, as most keyboards send it
const std::string nfd = "Nguye\xCC\x82\xCC\x83n";  // the same name, decomposed (e, circumflex, tilde)
}  // namespace

TEST(TextNormalize, ComposesDecomposedVietnamese) {
  EXPECT_EQ(core::to_nfc(nfd), nfc);
  EXPECT_EQ(core::to_nfc(nfc), nfc);
  // Marks typed in another order compose to the same letter (canonical ordering).
  EXPECT_EQ(core::to_nfc("e\xCC\xA3\xCC\x82"), core::to_nfc("e\xCC\x82\xCC\xA3"));  // ệ
  EXPECT_EQ(core::to_nfc("\xC4\x90\xC3\xA0n"), "\xC4\x90\xC3\xA0n");  // Đàn: no change
  EXPECT_EQ(core::to_nfc("plain ascii"), "plain ascii");
  EXPECT_EQ(core::to_nfc(""), "");
  // Compatibility forms are left alone: NFC, not NFKC (a full-width digit stays one).
  EXPECT_EQ(core::to_nfc("\xEF\xBC\x91"), "\xEF\xBC\x91");
}

TEST(TextNormalize, QueryTextIsReadAsNfc) {
  http::request req;
  req.method = "GET";
  req.target = "/api/v1/members?role=Nguye%CC%82%CC%83n";
  http::parse_target(req);
  api::query_reader q(req);
  EXPECT_EQ(q.text("role").value(), nfc);
}
