// What the directory screens share: who may change the directory, the word for a unit's kind, the API's
// field errors in Vietnamese, the refusal to delete in Vietnamese, notices, and form values as the JSON the
// API's decoders read (so a page validates with exactly the API's rules).
#pragma once
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "pages/page_kit.hpp"

namespace satdan::pages::directory {

// Secretariat and admins change the directory; staff only read it (as in the API's access table).
bool can_change(const http::request& req);

// "Xã", "Thị trấn", "Thôn": the deployment's level word, else the section's word for kinds that are not levels.
std::string kind_word(api::app_context& app, std::string_view kind);
// The kinds a unit form offers: the known ones, plus `current` when it is another.
view kind_options(api::app_context& app, const std::string& current);

// The catalogue's "directory.<key>".
std::string word(std::string_view key);
std::string word(std::string_view key, const std::vector<std::pair<std::string, std::string>>& values);

// The notice named by "?thong-bao=" from this section ("don-vi-da-them" → "directory.notice_don_vi_da_them").
void put_notice(view& page, const http::request& req);

// One field's API reason ("is required", "must be at most 120 characters", ...) as a Vietnamese sentence that
// names the field by `noun` ("họ và tên"); a missing `choice` is to be chosen, not typed.
std::string field_message(const std::string& noun, const std::string& reason, bool choice = false);
// A service's field errors, for the fields a form shows: (API field, form field id, noun key).
struct form_field_spec {
  std::string api_field;
  std::string id;
  std::string noun_key;  // "directory.noun_<noun_key>"
  bool choice = false;   // a list to choose from
};
field_messages translate(const core::error& e, const std::vector<form_field_spec>& fields);
// The message for form field `id`, if any.
std::optional<std::string> message_for(const field_messages& errors, const std::string& id);

// "Không thể xoá đơn vị Tam Thành vì vẫn còn 9 đơn vị trực thuộc." from a conflict's dependents.
std::string refusal(const std::string& what, const core::error& e);

// A form's text as the API's JSON: an empty box is an absent optional field; a required one is sent empty so
// the decoder names it.
void put_text(boost::json::object& o, const char* key, const std::string& value, bool required);
// A number box: an integer when it reads as one, else the text itself so the decoder says it is no integer.
void put_integer(boost::json::object& o, const char* key, const std::string& value);

// {id} of a page address; "not found" unless it is a positive integer.
domain::id_t id_param(const http::path_params& params, std::string_view name = "id");

}  // namespace satdan::pages::directory

namespace satdan::pages::directory {

// A service's refusal that names fields: shown beside them (422), not as an error page.
inline bool names_fields(const core::error& e) {
  return (e.code() == core::errc::invalid_input || e.code() == core::errc::conflict) && !e.fields().empty();
}

// The screens, one file each: units (tree, unit, forms), cells, members.
void add_unit_pages(http::router& r, api::app_context& app);
void add_cell_pages(http::router& r, api::app_context& app);
void add_member_pages(http::router& r, api::app_context& app);

}  // namespace satdan::pages::directory
