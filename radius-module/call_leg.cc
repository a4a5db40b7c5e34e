#include "radius-module/call_leg.h"

#include <algorithm>
#include <cctype>

#include "radius-module/cisco_vsa.h"
#include "radius-module/config_list.h"

namespace prepaid::radius {

std::optional<CallOrigin> parse_call_origin(std::string_view text) {
  text = strip_vsa_prefix("h323-call-origin", text);
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "answer") return CallOrigin::answer;
  if (lower == "originate") return CallOrigin::originate;
  if (lower == "proxy") return CallOrigin::proxy;
  return std::nullopt;
}

std::string_view to_string(CallOrigin origin) {
  switch (origin) {
    case CallOrigin::answer:
      return "answer";
    case CallOrigin::originate:
      return "originate";
    case CallOrigin::proxy:
      return "proxy";
  }
  return "?";
}

std::variant<LegSelection, std::string> LegSelection::parse(CallOrigin default_leg,
                                                            std::string_view exceptions) {
  LegSelection selection(default_leg);
  for (std::string_view item : split_config_list(exceptions)) {
    const auto eq = item.find('=');
    const auto leg =
        eq == std::string_view::npos ? std::nullopt : parse_call_origin(item.substr(eq + 1));
    if (eq == 0 || !leg || *leg == CallOrigin::proxy) {
      return "nas_bill_leg: bad item \"" + std::string(item) +
             "\" (expected <address>=answer or <address>=originate)";
    }
    selection.by_nas_[std::string(item.substr(0, eq))] = *leg;
  }
  return selection;
}

bool LegSelection::bills(std::string_view nas, std::optional<CallOrigin> origin) const {
  if (!origin || *origin == CallOrigin::proxy) return true;
  const auto it = by_nas_.find(nas);
  return *origin == (it == by_nas_.end() ? default_ : it->second);
}

}  // namespace prepaid::radius
