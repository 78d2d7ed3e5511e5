// The address of a member's feed for a token, under the deployment's public URL: what the member pastes
// into a calendar app. Shown once when a token is issued; never stored.
#pragma once
#include <string>

#include "core/config.hpp"

namespace satdan::api {

struct feed_address {
  std::string https_url;   // the public URL's scheme (https in a real deployment)
  std::string webcal_url;  // the same with webcal://, which calendar apps open as a subscription
};

feed_address feed_address_of(const core::config& c, const std::string& token);

}  // namespace satdan::api
