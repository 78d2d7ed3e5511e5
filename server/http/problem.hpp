// The one mapping from core::error codes to HTTP statuses, and the one application/problem+json writer
// (RFC 9457). Public messages go to the client; internal ones only to the log.
#pragma once
#include "core/error.hpp"
#include "http/message.hpp"

namespace satdan::http {

int status_of(core::errc code);
response problem_response(const core::error& e);

}  // namespace satdan::http
