// The one error type of the domain and the store: a protocol-free code, a public message for clients,
// an internal message for the log only, and the fields that made the input bad.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace satdan::core {

enum class errc {
  bad_request,          // the request cannot be read (malformed JSON, bad query parameter)
  invalid_input,        // well-formed, but fields break the rules
  not_found,
  method_not_allowed,
  conflict,             // unique keys, dependents, concurrent change
  precondition_failed,  // If-Match names a version that is no longer current
  precondition_required,  // a write that must say which version it changes did not
  payload_too_large,
  unsupported_media_type,
  unauthenticated,
  forbidden,
  too_many_requests,
  unavailable,          // the database cannot be reached
  internal,
};

struct field_error {
  std::string field;   // JSON pointer-like name: "full_name", "roles[1]", "query.limit"
  std::string reason;
};

// Rows that keep another from being deleted: {"cells", 5}.
struct dependent {
  std::string kind;
  std::int64_t count;
};

class error : public std::runtime_error {
 public:
  error(errc code, std::string public_message, std::vector<field_error> fields = {},
        std::string internal_message = {});

  errc code() const noexcept { return code_; }
  const std::string& public_message() const noexcept { return public_message_; }
  const std::vector<field_error>& fields() const noexcept { return fields_; }
  const std::string& internal_message() const noexcept { return internal_message_; }
  const std::vector<dependent>& dependents() const noexcept { return dependents_; }
  error& with_dependents(std::vector<dependent> d) { dependents_ = std::move(d); return *this; }
  // When to try again (too_many_requests): becomes Retry-After.
  const std::optional<std::chrono::seconds>& retry_after() const noexcept { return retry_after_; }
  error& with_retry_after(std::chrono::seconds s) { retry_after_ = s; return *this; }

 private:
  errc code_;
  std::string public_message_;
  std::vector<field_error> fields_;
  std::string internal_message_;
  std::vector<dependent> dependents_;
  std::optional<std::chrono::seconds> retry_after_;
};

// Collects field errors during validation, then throws them all at once: clients see every bad field.
class field_errors {
 public:
  void add(std::string field, std::string reason) { list_.push_back({std::move(field), std::move(reason)}); }
  bool empty() const noexcept { return list_.empty(); }
  // Throws invalid_input (or `code`) when any error was added.
  void throw_if_any(errc code = errc::invalid_input,
                    std::string message = "The request has invalid fields.") const;

 private:
  std::vector<field_error> list_;
};

[[noreturn]] void throw_not_found(std::string_view what);

}  // namespace satdan::core
