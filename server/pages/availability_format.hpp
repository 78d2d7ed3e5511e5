// How the availability pages write a period: whole local days as "Thứ Ba, 05/01/2027 – Thứ Năm, 07/01/2027"
// (both days included), anything else with its times: "Thứ Ba, 05/01/2027 08:00–11:00".
#pragma once
#include <string>

#include "core/instant.hpp"
#include "pages/catalogue.hpp"

namespace satdan::pages {

std::string format_vi_period(core::instant start, core::instant end, const std::string& time_zone, const catalogue& words);

}  // namespace satdan::pages
