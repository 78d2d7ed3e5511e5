// Realistic instances for tests and benchmarks (`satdan gen-instance`): communes placed on a map with travel
// times from their distances, cells meeting monthly on clustered evenings so conflicts are real, dialogues,
// district and commune members with responsibilities and leave. Deterministic for a size and seed.
#pragma once
#include <cstdint>
#include <string>

#include "scheduling/instance.hpp"

namespace satdan::scheduling {

// size: "commune-quarter" (one commune, three months), "district-year" (11 communes, ~100 cells, ~40
// dialogues, ~40 district and ~130 commune members, 2027), "province-year" (20 such districts).
// Throws core::error(invalid_input) for another size.
instance generate_instance(const std::string& size, std::uint64_t seed);

}  // namespace satdan::scheduling
