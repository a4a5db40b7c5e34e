#include "radius-module/session_key.h"

#include <algorithm>
#include <cctype>

#include "radius-module/attribute_numbers.h"
#include "radius-module/config_list.h"

namespace prepaid::radius {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// "931c146b 0f4411d6" -> "931C146B0F4411D6"; other ids are kept as they are.
std::string canonical_conf_id(std::string_view id) {
  const bool hex_groups = std::all_of(id.begin(), id.end(),
                                      [](unsigned char c) { return std::isxdigit(c) || c == ' '; });
  if (!hex_groups) return std::string(id);
  std::string out;
  for (unsigned char c : id) {
    if (c != ' ') out.push_back(static_cast<char>(std::toupper(c)));
  }
  return out;
}

}  // namespace

SessionKeyOrder::SessionKeyOrder()
    : sources_{SessionIdSource::h323_conf_id, SessionIdSource::call_id,
               SessionIdSource::acct_session_id} {}

std::variant<SessionKeyOrder, std::string> SessionKeyOrder::parse(std::string_view text) {
  SessionKeyOrder order;
  order.sources_.clear();
  for (std::string_view item : split_config_list(text)) {
    SessionIdSource source;
    if (item == "h323-conf-id") {
      source = SessionIdSource::h323_conf_id;
    } else if (item == "call-id") {
      source = SessionIdSource::call_id;
    } else if (item == "acct-session-id") {
      source = SessionIdSource::acct_session_id;
    } else {
      return "session_key: unknown source \"" + std::string(item) +
             "\" (valid: h323-conf-id, call-id, acct-session-id)";
    }
    if (std::find(order.sources_.begin(), order.sources_.end(), source) != order.sources_.end()) {
      return "session_key: \"" + std::string(item) + "\" is listed twice";
    }
    order.sources_.push_back(source);
  }
  if (order.sources_.empty()) {
    return std::string("session_key: empty (valid: h323-conf-id, call-id, acct-session-id)");
  }
  return order;
}

std::optional<std::string> SessionKeyOrder::session_id(const RequestView& request) const {
  for (SessionIdSource source : sources_) {
    std::optional<std::string_view> found;
    std::string id;
    switch (source) {
      case SessionIdSource::h323_conf_id:
        found = request.cisco(cisco::kConfId, "h323-conf-id");
        if (found) id = canonical_conf_id(trim(*found));
        break;
      case SessionIdSource::call_id:
        found = request.avpair("call-id");
        if (found) id = std::string(trim(*found));
        break;
      case SessionIdSource::acct_session_id:
        found = request.text(0, attr::kAcctSessionId);
        if (found) id = std::string(trim(*found));
        break;
    }
    if (id.empty()) continue;
    if (id.size() > kMaxSessionIdLength) return std::nullopt;
    return id;
  }
  return std::nullopt;
}

}  // namespace prepaid::radius
