// The session page's Vietnamese: a session's title, seat names, why the hard rules refuse a seat, and what an
// audit entry changed. Names of units, cells, members and accounts are looked up once per page.
#pragma once
#include <map>
#include <string>

#include "api/app.hpp"
#include "domain/audit.hpp"
#include "services/seating.hpp"

namespace satdan::pages {

class session_wording {
 public:
  explicit session_wording(api::app_context& app) : app_(app) {}

  // "Sinh hoạt chi bộ thôn Bình Trung", "Đối thoại với nhân dân tại Xã Tam Thành".
  std::string title(const domain::session& s);
  std::string unit_label(domain::id_t unit_id);
  std::string cell_name(domain::id_t cell_id);
  std::string member_name(domain::id_t member_id);
  std::string account_name(domain::id_t account_id);
  // "Cấp ủy viên huyện", "Chủ trì đối thoại".
  std::string seat(const std::string& need);
  // "Thứ Ba, 05/01/2027, 19:30–21:30".
  std::string when(core::instant start, core::instant end);
  // "19:30–21:30".
  std::string times(core::instant start, core::instant end);
  // Why the verdict refuses the seat, in words ("Đã đủ 4 buổi trong tháng 01/2027 (giới hạn 4)").
  std::string refusal(const services::verdict& v, const services::seat_member& m, const std::string& need,
                      const services::seat_session& session);
  // What the entry did: "Phân công Nguyễn Văn A (Cấp ủy viên huyện)", "Hủy buổi họp. Lý do: mưa bão".
  std::string change(const domain::audit_entry& e);
  // The session's assignments (id → member), to name the member of a pin's entry.
  void know_assignments(const std::vector<domain::assignment>& list) {
    for (const auto& a : list) seated_[a.id] = a.member_id;
  }

 private:
  std::string status_word(const std::string& status);
  api::app_context& app_;
  std::map<domain::id_t, std::string> units_, cells_, members_, accounts_;
  std::map<domain::id_t, domain::id_t> seated_;
};

}  // namespace satdan::pages
