// What the proposal screens share: the period of a proposal in local dates, unit names with their level
// word, and the review page (proposal_review.cpp).
#pragma once
#include <chrono>
#include <optional>
#include <string>

#include "pages/page_kit.hpp"
#include "services/proposals.hpp"

namespace satdan::pages::proposal_kit {

// "05/01/2027": dates in lists and headings of the proposal screens (the period, not a day's agenda).
std::string short_date(std::chrono::year_month_day d);
// The local dates of a period [from, to): its first day and its last (the day before `to`'s).
std::chrono::year_month_day first_day(api::app_context& app, core::instant from);
std::chrono::year_month_day last_day(api::app_context& app, core::instant to);
// "01/01/2027 – 31/03/2027".
std::string period_text(api::app_context& app, core::instant from, core::instant to);
// The level word of a unit kind (level_name), with this section's words for kinds the shared catalogue
// does not name yet (town, street_block).
std::string level_word(api::app_context& app, const std::string& kind);
// "Xã Tam Thành": the unit's name after its level word; a unit deleted since shows its number.
std::string unit_label(api::app_context& app, domain::id_t unit_id);

// The review of proposal `id`; `apply_problem` (a message) shows the apply refused, with a re-run button.
http::response review_page(api::app_context& app, const http::request& req, domain::id_t id,
                           const std::string& apply_problem = {}, int status = 200);

}  // namespace satdan::pages::proposal_kit
