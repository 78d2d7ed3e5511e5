#include "core/error.hpp"

namespace satdan::core {

error::error(errc code, std::string public_message, std::vector<field_error> fields,
             std::string internal_message)
    : std::runtime_error(internal_message.empty() ? public_message : internal_message),
      code_(code),
      public_message_(std::move(public_message)),
      fields_(std::move(fields)),
      internal_message_(std::move(internal_message)) {}

void field_errors::throw_if_any(errc code, std::string message) const {
  if (!list_.empty()) throw error(code, std::move(message), list_);
}

void throw_not_found(std::string_view what) {
  throw error(errc::not_found, std::string(what) + " was not found.");
}

}  // namespace satdan::core
