// The directory as the pages show it, from rows alone: the unit tree with each subtree's cells and members
// counted, and members found by a search without marks, in Vietnamese order.
#include <gtest/gtest.h>

#include "services/directory_overview.hpp"

using namespace satdan;

namespace {

domain::unit unit(domain::id_t id, std::optional<domain::id_t> parent, const char* kind, const char* name) {
  return {.id = id, .parent_id = parent, .kind = kind, .name = name};
}

domain::member member(domain::id_t id, const char* name, domain::id_t home) {
  return {.id = id, .full_name = name, .level = "commune", .home_unit_id = home};
}

}  // namespace

TEST(DirectoryOverview, TheTreeCountsCellsAndMembersOfEachWholeSubtree) {
  std::vector<domain::unit> units = {unit(1, std::nullopt, "district", "Phú Ninh"), unit(2, 1, "commune", "Tam Thành"),
                                     unit(3, 2, "village", "Phú Lâm"), unit(4, 2, "village", "Cẩm Phô"),
                                     unit(5, 1, "commune", "Tam An")};
  std::vector<domain::cell> cells = {{.id = 1, .unit_id = 3, .name = "Chi bộ thôn Phú Lâm"},
                                     {.id = 2, .unit_id = 4, .name = "Chi bộ thôn Cẩm Phô"},
                                     {.id = 3, .unit_id = 1, .name = "Chi bộ Văn phòng", .kind = "agency"}};
  std::vector<domain::member> members = {member(1, "Lê Văn A", 2), member(2, "Lê Văn B", 2), member(3, "Lê Văn C", 5)};
  auto tree = services::build_unit_tree(units, cells, members);
  ASSERT_EQ(tree.size(), 1u);
  const auto& district = tree[0];
  EXPECT_EQ(district.cells, 3);
  EXPECT_EQ(district.members, 3);
  ASSERT_EQ(district.children.size(), 2u);
  // Children in Vietnamese order of their names, not by id.
  EXPECT_EQ(district.children[0].unit.name, "Tam An");
  EXPECT_EQ(district.children[1].unit.name, "Tam Thành");
  const auto& commune = district.children[1];
  EXPECT_EQ(commune.cells, 2) << "a commune holds its villages' cells";
  EXPECT_EQ(commune.members, 2);
  ASSERT_EQ(commune.children.size(), 2u);
  EXPECT_EQ(commune.children[0].unit.name, "Cẩm Phô");
  EXPECT_EQ(commune.children[1].unit.name, "Phú Lâm");
  EXPECT_EQ(commune.children[1].cells, 1);
  EXPECT_EQ(commune.children[1].members, 0);
}

TEST(DirectoryOverview, SeveralRootsAfterAReformAreAllShown) {
  // No district any more: merged communes stand side by side at the top.
  auto tree = services::build_unit_tree({unit(7, std::nullopt, "commune", "Tam Thành"), unit(8, std::nullopt, "commune", "Đại Lộc"),
                                         unit(9, std::nullopt, "commune", "Bình Dương")},
                                        {}, {});
  ASSERT_EQ(tree.size(), 3u);
  EXPECT_EQ(tree[0].unit.name, "Bình Dương");
  EXPECT_EQ(tree[1].unit.name, "Đại Lộc");
  EXPECT_EQ(tree[2].unit.name, "Tam Thành");
}

TEST(DirectoryOverview, MembersAreFoundWithoutMarksAndListedInVietnameseOrder) {
  std::vector<domain::member> all = {member(1, "Nguyễn Văn An", 1), member(2, "Đào Thị Nguyên", 1), member(3, "Ngô Bảo", 1),
                                     member(4, "Nguyên Hạnh", 1), member(5, "Dương Văn Nguyễn", 1)};
  auto found = services::filter_members(all, "nguyen");
  std::vector<std::string> names;
  for (const auto& m : found) names.push_back(m.full_name);
  EXPECT_EQ(names, (std::vector<std::string>{"Dương Văn Nguyễn", "Đào Thị Nguyên", "Nguyên Hạnh", "Nguyễn Văn An"}));
  EXPECT_EQ(services::filter_members(all, "").size(), all.size());
  EXPECT_TRUE(services::filter_members(all, "tran").empty());
}
