// The directory API over real HTTP: CRUD, every error status, pagination, Vietnamese text.
#include <boost/json.hpp>

#include "e2e/e2e_fixture.hpp"

using namespace satdan::testkit;
namespace json = boost::json;

namespace {

class DirectoryApi : public ServerTest {
 protected:
  // Its dates are written out: it runs at a fixed instant before them.
  std::optional<satdan::core::instant> clock_at() const override { return before_the_2027_plan(); }
  std::int64_t create(http_client& c, const std::string& path, const json::value& body) {
    auto r = c.post(path, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").as_int64();
  }
  static std::vector<std::string> error_fields(const http_result& r) {
    std::vector<std::string> out;
    auto body = r.json();
    for (const auto& e : body.at("errors").as_array()) out.emplace_back(e.at("field").as_string());
    return out;
  }
};

TEST_F(DirectoryApi, UnitLifecycle) {
  auto c = client();
  auto created = c.post("/api/v1/units", {{"kind", "district"}, {"name", "Phú Ninh"}, {"code", "PN"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = created.json().at("id").as_int64();
  EXPECT_EQ(created.header("Location"), "/api/v1/units/" + std::to_string(id));
  EXPECT_EQ(created.header("Content-Type"), "application/json");

  auto got = c.get("/api/v1/units/" + std::to_string(id));
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.json().at("name").as_string(), "Phú Ninh");

  auto patched = c.patch("/api/v1/units/" + std::to_string(id), {{"name", "Huyện Phú Ninh"}, {"code", nullptr}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json().at("name").as_string(), "Huyện Phú Ninh");
  EXPECT_TRUE(patched.json().at("code").is_null());
  EXPECT_EQ(patched.json().at("kind").as_string(), "district");

  EXPECT_EQ(c.del("/api/v1/units/" + std::to_string(id)).status, 204);
  EXPECT_EQ(c.get("/api/v1/units/" + std::to_string(id)).status, 404);
}

TEST_F(DirectoryApi, VietnameseNamesRoundTripByteForByte) {
  auto c = client();
  auto unit = create(c, "/api/v1/units", {{"kind", "commune"}, {"name", "Tam Đàn"}});
  const std::string name = "Nguyễn Thị Ánh Tuyết";
  auto m = c.post("/api/v1/members", {{"full_name", name}, {"level", "commune"}, {"home_unit_id", unit},
                                      {"position", "Phó Bí thư Đảng ủy xã"}});
  ASSERT_EQ(m.status, 201) << m.body;
  auto back = c.get("/api/v1/members/" + std::to_string(m.json().at("id").as_int64()));
  EXPECT_EQ(back.json().at("full_name").as_string(), name);
  EXPECT_NE(back.body.find(name), std::string::npos);  // raw UTF-8, not \u escapes
}

TEST_F(DirectoryApi, InvalidFieldsAre422NamingEachField) {
  auto c = client();
  auto r = c.post("/api/v1/members", {{"full_name", ""}, {"level", "village"}, {"home_unit_id", "one"}, {"colour", 1}});
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  auto body = r.json().as_object();
  EXPECT_EQ(body.at("status").as_int64(), 422);
  EXPECT_TRUE(body.contains("type") && body.contains("title") && body.contains("detail"));
  auto fields = error_fields(r);
  for (const char* f : {"full_name", "level", "home_unit_id", "colour"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
  EXPECT_TRUE(c.get("/api/v1/members").json().at("items").as_array().empty());
}

TEST_F(DirectoryApi, MalformedJsonIs400AndWrongMediaTypeIs415) {
  auto c = client();
  EXPECT_EQ(c.request("POST", "/api/v1/units", "{\"kind\": ").status, 400);
  EXPECT_EQ(c.request("POST", "/api/v1/units", "kind=village", "application/x-www-form-urlencoded").status, 415);
  EXPECT_EQ(c.request("POST", "/api/v1/units", "{\"name\": \"\xC3\x28\"}").status, 400);
}

TEST_F(DirectoryApi, UnknownPathsAre404AndWrongMethods405) {
  auto c = client();
  EXPECT_EQ(c.get("/api/v1/nothing").status, 404);
  EXPECT_EQ(c.get("/api/v1/units/abc").status, 404);
  auto r = c.request("PUT", "/api/v1/units");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow"), "GET, HEAD, POST");
}

TEST_F(DirectoryApi, BadQueryParametersAre400) {
  auto c = client();
  auto r = c.get("/api/v1/units?limit=0&colour=red");
  ASSERT_EQ(r.status, 400);
  auto fields = error_fields(r);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "query.limit"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "query.colour"), fields.end());
  EXPECT_EQ(c.get("/api/v1/units?cursor=garbage").status, 400);
  EXPECT_EQ(c.get("/api/v1/unavailability?from=tomorrow").status, 400);
}

TEST_F(DirectoryApi, ConflictsAre409) {
  auto c = client();
  auto district = create(c, "/api/v1/units", {{"kind", "district"}, {"name", "Phú Ninh"}, {"code", "PN"}});
  auto dup = c.post("/api/v1/units", {{"kind", "district"}, {"name", "Khác"}, {"code", "PN"}});
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(error_fields(dup), std::vector<std::string>{"code"});

  create(c, "/api/v1/units", {{"kind", "commune"}, {"name", "Tam An"}, {"parent_id", district}});
  auto del = c.del("/api/v1/units/" + std::to_string(district));
  ASSERT_EQ(del.status, 409);
  auto deps = del.json().at("dependents").as_array();
  ASSERT_EQ(deps.size(), 1u);
  EXPECT_EQ(deps[0].at("kind").as_string(), "units");
  EXPECT_EQ(deps[0].at("count").as_int64(), 1);
  EXPECT_EQ(c.get("/api/v1/units/" + std::to_string(district)).status, 200);
}

TEST_F(DirectoryApi, CursorPagesWalkTheWholeList) {
  auto c = client();
  auto district = create(c, "/api/v1/units", {{"kind", "district"}, {"name", "Phú Ninh"}});
  for (int i = 0; i < 11; ++i)
    create(c, "/api/v1/units", {{"kind", "village"}, {"name", "Thôn " + std::to_string(i)}, {"parent_id", district}});
  std::set<std::int64_t> ids;
  std::string target = "/api/v1/units?limit=4&within=" + std::to_string(district);
  int pages = 0;
  for (; pages < 10; ++pages) {
    auto r = c.get(target);
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    for (const auto& item : body.at("items").as_array()) ids.insert(item.at("id").as_int64());
    const auto& next = body.at("next_cursor");
    if (next.is_null()) break;
    target = "/api/v1/units?limit=4&within=" + std::to_string(district) + "&cursor=" + std::string(next.as_string());
  }
  EXPECT_EQ(pages, 2);  // 12 units: 4 + 4 + 4
  EXPECT_EQ(ids.size(), 12u);
}

TEST_F(DirectoryApi, ResponsibilitiesAndUnavailabilityThroughTheApi) {
  auto c = client();
  auto commune = create(c, "/api/v1/units", {{"kind", "commune"}, {"name", "Tam Lộc"}});
  auto village = create(c, "/api/v1/units", {{"kind", "village"}, {"name", "Phước Lộc"}, {"parent_id", commune}});
  auto cell = create(c, "/api/v1/cells", {{"unit_id", village}, {"name", "Chi bộ thôn Phước Lộc"}});
  auto member = create(c, "/api/v1/members", {{"full_name", "Hồ Văn Lợi"}, {"level", "commune"}, {"home_unit_id", commune}});
  create(c, "/api/v1/responsibilities", {{"member_id", member}, {"cell_id", cell}});
  EXPECT_EQ(c.post("/api/v1/responsibilities", {{"member_id", member}, {"cell_id", cell}}).status, 409);
  EXPECT_EQ(c.post("/api/v1/responsibilities", {{"member_id", member}, {"cell_id", 999999}}).status, 422);
  auto leave = c.post("/api/v1/unavailability", {{"member_id", member}, {"start", "2027-02-01T00:00:00+07:00"},
                                                 {"end", "2027-02-08T00:00:00+07:00"}, {"reason", "Nghỉ phép"}});
  ASSERT_EQ(leave.status, 201) << leave.body;
  EXPECT_EQ(leave.json().at("start").as_string(), "2027-01-31T17:00:00Z");
  auto list = c.get("/api/v1/unavailability?member_id=" + std::to_string(member) +
                    "&from=2027-02-07T00:00:00%2B07:00");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json().at("items").as_array().size(), 1u);
  auto cells = c.get("/api/v1/cells?within=" + std::to_string(commune));
  EXPECT_EQ(cells.json().at("items").as_array().size(), 1u);
}

TEST_F(DirectoryApi, HealthReadinessAndOpenApi) {
  auto c = client();
  EXPECT_EQ(c.get("/healthz").status, 200);
  auto ready = c.get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.json().at("status").as_string(), "ready");
  auto doc = c.get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_TRUE(doc.json().as_object().contains("paths"));
}

// A key given twice is refused, naming it: a proxy or filter that reads the first would see another request.
TEST_F(DirectoryApi, DuplicateKeysAre422NamingTheKey) {
  auto c = client();
  auto r = c.request("POST", "/api/v1/units", R"({"kind": "district", "name": "Phú Ninh", "name": "Tam Kỳ"})");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(error_fields(r), std::vector<std::string>{"name"});
  auto nested = c.request("POST", "/api/v1/members",
                          R"({"full_name": "Hồ Văn Lợi", "level": "commune", "roles": [], "x": {"a": 1, "a": 2}})");
  ASSERT_EQ(nested.status, 422) << nested.body;
  EXPECT_EQ(error_fields(nested), std::vector<std::string>{"x.a"});
  EXPECT_TRUE(c.get("/api/v1/units").json().at("items").as_array().empty());
}

// "Nguyễn" typed decomposed (NFD) is stored as most keyboards send it (NFC): one name, one unique key.
TEST_F(DirectoryApi, TextIsStoredAsNfcSoBothFormsAreOneName) {
  const std::string nfc = "Nguy\xE1\xBB\x85n";
  const std::string nfd = "Nguye\xCC\x82\xCC\x83n";
  auto c = client();
  auto commune = create(c, "/api/v1/units", {{"kind", "commune"}, {"name", "Tam Tho\xCC\x82n"}});  // decomposed ô
  EXPECT_EQ(c.get("/api/v1/units/" + std::to_string(commune)).json().at("name").as_string(), "Tam Th\xC3\xB4n");
  auto m = create(c, "/api/v1/members", {{"full_name", nfd + " Va\xCC\x86n An"}, {"level", "commune"}, {"home_unit_id", commune}});
  auto back = c.get("/api/v1/members/" + std::to_string(m));
  EXPECT_EQ(back.json().at("full_name").as_string(), nfc + " V\xC4\x83n An");
  EXPECT_EQ(back.body.find(nfd), std::string::npos);
  // Cell names are unique within a unit: the second form is the same name.
  create(c, "/api/v1/cells", {{"unit_id", commune}, {"name", "Chi b\xE1\xBB\x99 " + nfd}});
  auto again = c.post("/api/v1/cells", {{"unit_id", commune}, {"name", "Chi b\xE1\xBB\x99 " + nfc}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(c.get("/api/v1/cells?unit_id=" + std::to_string(commune)).json().at("items").as_array().size(), 1u);
}

}  // namespace
