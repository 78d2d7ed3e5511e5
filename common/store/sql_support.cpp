#include "store/sql_support.hpp"

namespace satdan::store::detail {

void refuse_if_dependents(const std::string& what, std::vector<core::dependent> counts) {
  std::vector<core::dependent> nonzero;
  std::string list;
  for (auto& d : counts) {
    if (d.count == 0) continue;
    list += (list.empty() ? "" : ", ") + std::to_string(d.count) + " " + d.kind;
    nonzero.push_back(std::move(d));
  }
  if (nonzero.empty()) return;
  throw core::error(core::errc::conflict, what + " cannot be deleted while other records depend on it: " + list + ".")
      .with_dependents(std::move(nonzero));
}

}  // namespace satdan::store::detail
