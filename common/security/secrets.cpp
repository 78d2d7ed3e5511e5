#include "security/secrets.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace satdan::security {

namespace {

void ensure_initialised() {
  static const bool ready = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
    return true;
  }();
  (void)ready;
}

// The interactive limits (2 passes, 64 MiB): a login costs well under a second on the deployment's machine.
constexpr unsigned long long ops_limit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t mem_limit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

std::string base64url(const unsigned char* bytes, std::size_t n) {
  std::vector<char> out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING));
  sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(out.data());
}

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_initialised();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), ops_limit, mem_limit) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(std::string_view password, const std::string& hash) {
  ensure_initialised();
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void waste_verification_time() {
  static const std::string decoy = hash_password("decoy password that nobody has");
  verify_password("not the decoy password", decoy);
}

std::string new_token() {
  ensure_initialised();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return base64url(bytes, sizeof bytes);
}

std::string sha256_hex(std::string_view token) {
  ensure_initialised();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string random_password() {
  ensure_initialised();
  unsigned char bytes[12];
  randombytes_buf(bytes, sizeof bytes);
  return base64url(bytes, sizeof bytes);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace satdan::security
