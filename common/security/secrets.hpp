// Passwords and bearer tokens through libsodium: Argon2id password hashes, 256-bit random tokens that are
// stored only as SHA-256 digests, and constant-time comparison.
#pragma once
#include <string>
#include <string_view>

namespace satdan::security {

constexpr std::size_t min_password_chars = 10;
constexpr std::size_t max_password_bytes = 1024;  // Argon2 cost does not grow with length, but memory does

// "$argon2id$v=19$m=...": the salt and parameters travel inside the string.
std::string hash_password(std::string_view password);
// False for a wrong password or a malformed hash. Runs in time independent of where they differ.
bool verify_password(std::string_view password, const std::string& hash);
// Costs what a real verification costs: used when the username is unknown, so timing tells nothing.
void waste_verification_time();

// 32 random bytes, base64url without padding (43 characters).
std::string new_token();
// Hex SHA-256 of any text.
std::string sha256_hex(std::string_view text);
// Hex SHA-256 of a token: what the database keeps and looks tokens up by.
inline std::string token_digest(std::string_view token) { return sha256_hex(token); }
// A password made of 16 random base64url characters, for demo accounts.
std::string random_password();

bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace satdan::security
