#pragma once
/// @file call_leg.h
/// @brief Cisco call legs (h323-call-origin) and which of them is billed.
///
/// A Cisco gateway sends accounting for each call leg: the incoming "answer" leg (which also
/// holds the IVR time) and the outgoing "originate" leg; all legs of a call share
/// h323-conf-id. Prepaid bills one of them, by default the originate leg, whose time starts
/// when the outbound call is placed. Clients without h323-call-origin (SIP proxies, ATAs)
/// send one leg, which is always billed.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace prepaid::radius {

/// @brief The value of h323-call-origin.
enum class CallOrigin { answer, originate, proxy };

/// "answer", "originate" or "proxy" (GnuGk), with or without the `h323-call-origin=` prefix,
/// any case. nullopt otherwise.
std::optional<CallOrigin> parse_call_origin(std::string_view text);

/// "answer", "originate" or "proxy".
std::string_view to_string(CallOrigin origin);

/// @brief Which leg is billed, by default and per NAS.
class LegSelection {
 public:
  /// Bills `default_leg` (answer or originate) on every NAS without an exception.
  explicit LegSelection(CallOrigin default_leg = CallOrigin::originate) : default_(default_leg) {}

  /// Parses the per-NAS exceptions: "<nas>=<leg>" items separated by spaces or commas, e.g.
  /// "192.0.2.10=answer, 192.0.2.11=originate"; <nas> is compared with RequestView::nas() (the
  /// packet's source address). Returns a message naming the bad item on error.
  static std::variant<LegSelection, std::string> parse(CallOrigin default_leg,
                                                       std::string_view exceptions);

  /// True when a leg with this origin, reported by `nas`, is the one to bill. A leg without
  /// h323-call-origin, and a GnuGk "proxy" leg, is always billed.
  bool bills(std::string_view nas, std::optional<CallOrigin> origin) const;

  CallOrigin default_leg() const { return default_; }

 private:
  CallOrigin default_;
  std::map<std::string, CallOrigin, std::less<>> by_nas_;
};

}  // namespace prepaid::radius
