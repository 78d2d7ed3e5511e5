// Units: the tree (/danh-muc), one unit's page with its children, cells and members, and the forms to add,
// change and delete a unit. Values are checked by the API's decoder and store, so the rules are the API's.
#include <map>

#include "api/support.hpp"
#include "core/vi_text.hpp"
#include "domain/directory.hpp"
#include "pages/directory_kit.hpp"
#include "pages/vi_format.hpp"
#include "services/directory_overview.hpp"

namespace satdan::pages::directory {

namespace mustache = kainjow::mustache;
namespace json = boost::json;
using domain::id_t;

namespace {

std::string unit_href(id_t id) { return "/danh-muc/don-vi/" + std::to_string(id); }

std::string counts_text(const services::unit_node& n) {
  return word("counts", {{"cells", format_vi_number(n.cells)}, {"members", format_vi_number(n.members)}});
}

// Every key a node's template reads is set on every node: Mustache looks a missing key up in the parent.
view node_view(api::app_context& app, const services::unit_node& n, bool open) {
  view v;
  v.set("href", unit_href(n.unit.id));
  v.set("name", n.unit.name);
  v.set("kind", kind_word(app, n.unit.kind));
  v.set("counts", counts_text(n));
  v.set("open", open);
  v.set("has_children", !n.children.empty());
  v.set("children_label", word("children_toggle", {{"count", format_vi_number(static_cast<long long>(n.children.size()))}}));
  view children{view::type::list};
  for (const auto& c : n.children) children.push_back(node_view(app, c, false));
  v.set("children", children);
  return v;
}

const services::unit_node* find_node(const std::vector<services::unit_node>& nodes, id_t id) {
  for (const auto& n : nodes) {
    if (n.unit.id == id) return &n;
    if (auto found = find_node(n.children, id)) return found;
  }
  return nullptr;
}

http::response tree_page(api::app_context& app, const http::request& req) {
  view page;
  put_notice(page, req);
  auto tree = services::unit_tree(app.directory);
  view roots{view::type::list};
  for (const auto& n : tree) roots.push_back(node_view(app, n, true));
  page.set("roots", roots);
  page.set("empty", tree.empty());
  page.set("can_change", can_change(req));
  page.set("directory_tree_node", mustache::partial([] { return assets().page_template("directory_tree_node"); }));
  return render_page(app, req, "directory_tree", word("tree_title"), page);
}

http::response unit_page(api::app_context& app, const http::request& req, id_t id) {
  auto unit = app.directory.get_unit(id);
  view page;
  put_notice(page, req);
  page.set("id", std::to_string(id));
  page.set("heading", word("unit_heading", {{"kind", kind_word(app, unit.kind)}, {"name", unit.name}}));
  page.set("kind", kind_word(app, unit.kind));
  if (unit.code) page.set("code", *unit.code);
  if (unit.parent_id) {
    auto parent = app.directory.get_unit(*unit.parent_id);
    view p;
    p.set("href", unit_href(parent.id));
    p.set("label", word("unit_heading", {{"kind", kind_word(app, parent.kind)}, {"name", parent.name}}));
    page.set("parent", p);
  }
  auto tree = services::unit_tree(app.directory);
  view children{view::type::list};
  if (const auto* node = find_node(tree, id)) {
    page.set("totals", counts_text(*node));
    for (const auto& c : node->children) children.push_back(node_view(app, c, false));
    page.set("has_children", !node->children.empty());
  }
  page.set("children", children);

  auto cells = services::all_cells(app.directory, {.unit_id = id});
  core::sort_vi(cells, [](const domain::cell& c) { return c.name; });
  view cell_list{view::type::list};
  for (const auto& c : cells) {
    view item;
    item.set("href", "/danh-muc/chi-bo/" + std::to_string(c.id));
    item.set("name", c.name);
    item.set("kind", word("cell_kind_" + c.kind));
    cell_list.push_back(item);
  }
  page.set("cells", cell_list);
  page.set("has_cells", !cells.empty());

  std::vector<domain::member> own;
  for (auto& m : services::all_members(app.directory, {.within = id}))
    if (m.home_unit_id == id) own.push_back(std::move(m));
  core::sort_vi(own, [](const domain::member& m) { return m.full_name; });
  view member_list{view::type::list};
  for (const auto& m : own) {
    view item;
    item.set("href", "/danh-muc/thanh-vien/" + std::to_string(m.id));
    item.set("name", m.full_name);
    if (m.position) item.set("position", *m.position);
    member_list.push_back(item);
  }
  page.set("members", member_list);
  page.set("has_members", !own.empty());
  page.set("all_members_href", "/danh-muc/thanh-vien?don-vi=" + std::to_string(id));
  page.set("all_members_label", word("unit_all_members", {{"name", unit.name}}));
  page.set("can_change", can_change(req));
  return render_page(app, req, "directory_unit", unit.name, page);
}

// The unit form: adding a unit (under `parent`, or at the top) or changing `current`.
struct unit_form {
  std::optional<domain::unit> parent;
  std::optional<domain::unit> current;
  std::string action;
  std::string back_href;
};

const std::vector<form_field_spec> unit_fields = {
    {"name", "name", "unit_name"}, {"kind", "kind", "unit_kind", true}, {"code", "code", "code"}, {"parent_id", "name", "unit_name"}};

http::response unit_form_page(api::app_context& app, const http::request& req, const unit_form& f, const std::string& name,
                              const std::string& kind, const std::string& code, const field_messages& errors, int status) {
  view page;
  std::string title = f.current ? word("unit_edit_title", {{"name", f.current->name}})
                      : f.parent ? word("unit_new_child_title", {{"name", f.parent->name}})
                                 : word("unit_new_title");
  page.set("heading", title);
  page.set("action", f.action);
  page.set("back_href", f.back_href);
  page.set("submit", word(f.current ? "save" : "create"));
  page.set("name", name);
  page.set("code", code);
  page.set("kinds", kind_options(app, kind));
  if (auto m = message_for(errors, "name")) page.set("name_error", *m);
  if (auto m = message_for(errors, "kind")) page.set("kind_error", *m);
  if (auto m = message_for(errors, "code")) page.set("code_error", *m);
  put_errors(page, errors);
  return render_page(app, req, "directory_unit_form", title, page, status);
}

// The kind most of the parent's children have: a new village under a commune is a village again.
std::string usual_child_kind(api::app_context& app, const std::optional<domain::unit>& parent) {
  if (!parent) return {};
  auto siblings = services::all_units(app.directory, {.parent_id = parent->id});
  std::map<std::string, int> seen;
  for (const auto& s : siblings) ++seen[s.kind];
  std::string best;
  int most = 0;
  for (const auto& [kind, n] : seen)
    if (n > most) best = kind, most = n;
  return best;
}

http::response show_unit_form(api::app_context& app, const http::request& req, const unit_form& f) {
  if (f.current)
    return unit_form_page(app, req, f, f.current->name, f.current->kind, f.current->code.value_or(""), {}, 200);
  return unit_form_page(app, req, f, "", usual_child_kind(app, f.parent), "", {}, 200);
}

http::response post_unit_form(api::app_context& app, const http::request& req, const unit_form& f) {
  auto form = read_form(req);
  std::string name = form_field(form, "name"), kind = form_field(form, "kind"), code = form_field(form, "code");
  json::object body;
  if (f.current && f.current->parent_id) body["parent_id"] = *f.current->parent_id;
  if (!f.current && f.parent) body["parent_id"] = f.parent->id;
  put_text(body, "name", name, true);
  put_text(body, "kind", kind, true);
  put_text(body, "code", code, false);
  try {
    domain::unit u = domain::unit_from_json(body);
    if (f.current) {
      u.id = f.current->id;
      app.directory.update_unit(u, api::actor_of(req));
      return see_other(with_notice(unit_href(u.id), "don-vi-da-luu"));
    }
    auto created = app.directory.create_unit(std::move(u), api::actor_of(req));
    return see_other(with_notice(unit_href(created.id), "don-vi-da-them"));
  } catch (const core::error& e) {
    if (!names_fields(e)) throw;
    return unit_form_page(app, req, f, name, kind, code, translate(e, unit_fields), 422);
  }
}

unit_form edit_form(api::app_context& app, id_t id) {
  auto u = app.directory.get_unit(id);
  return {.current = u, .action = unit_href(id) + "/sua", .back_href = unit_href(id)};
}

unit_form child_form(api::app_context& app, id_t id) {
  auto u = app.directory.get_unit(id);
  return {.parent = u, .action = unit_href(id) + "/them-don-vi", .back_href = unit_href(id)};
}

const unit_form root_form{.action = "/danh-muc/them-don-vi", .back_href = "/danh-muc"};

http::response delete_page(api::app_context& app, const http::request& req, const domain::unit& u, const std::string& refused,
                           int status) {
  view page;
  std::string what = word("what_unit", {{"name", u.name}});
  page.set("heading", word("confirm_title", {{"what", what}}));
  page.set("question", word("confirm_question", {{"what", what}}));
  page.set("action", unit_href(u.id) + "/xoa");
  page.set("back_href", unit_href(u.id));
  page.set("back_label", word("back_to", {{"name", u.name}}));
  if (!refused.empty()) {
    page.set("refused", refused);
    page.set("refused_hint", word("refused_hint"));
  }
  return render_page(app, req, "directory_delete", word("confirm_title", {{"what", what}}), page, status);
}

}  // namespace

void add_unit_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/danh-muc", [&app](const http::request& req, const http::path_params&) { return tree_page(app, req); });
  r.add_page("GET", "/danh-muc/them-don-vi", [&app](const http::request& req, const http::path_params&) {
    return show_unit_form(app, req, root_form);
  });
  r.add_page("POST", "/danh-muc/them-don-vi", [&app](const http::request& req, const http::path_params&) {
    return post_unit_form(app, req, root_form);
  });
  r.add_page("GET", "/danh-muc/don-vi/{id}", [&app](const http::request& req, const http::path_params& p) {
    return unit_page(app, req, id_param(p));
  });
  r.add_page("GET", "/danh-muc/don-vi/{id}/sua", [&app](const http::request& req, const http::path_params& p) {
    return show_unit_form(app, req, edit_form(app, id_param(p)));
  });
  r.add_page("POST", "/danh-muc/don-vi/{id}/sua", [&app](const http::request& req, const http::path_params& p) {
    return post_unit_form(app, req, edit_form(app, id_param(p)));
  });
  r.add_page("GET", "/danh-muc/don-vi/{id}/them-don-vi", [&app](const http::request& req, const http::path_params& p) {
    return show_unit_form(app, req, child_form(app, id_param(p)));
  });
  r.add_page("POST", "/danh-muc/don-vi/{id}/them-don-vi", [&app](const http::request& req, const http::path_params& p) {
    return post_unit_form(app, req, child_form(app, id_param(p)));
  });
  r.add_page("GET", "/danh-muc/don-vi/{id}/xoa", [&app](const http::request& req, const http::path_params& p) {
    return delete_page(app, req, app.directory.get_unit(id_param(p)), "", 200);
  });
  r.add_page("POST", "/danh-muc/don-vi/{id}/xoa", [&app](const http::request& req, const http::path_params& p) {
    auto u = app.directory.get_unit(id_param(p));
    try {
      app.directory.delete_unit(u.id, api::actor_of(req));
    } catch (const core::error& e) {
      if (e.code() != core::errc::conflict || e.dependents().empty()) throw;
      return delete_page(app, req, u, refusal(word("what_unit", {{"name", u.name}}), e), 409);
    }
    return see_other(with_notice(u.parent_id ? unit_href(*u.parent_id) : "/danh-muc", "don-vi-da-xoa"));
  });
}

}  // namespace satdan::pages::directory
