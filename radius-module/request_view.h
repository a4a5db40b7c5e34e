#pragma once
/// @file request_view.h
/// @brief Read access to the attributes of a request handed over by the C shim.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "radius-module/prepaid_api.h"

namespace prepaid::radius {

/// @brief A read-only view of a prepaid_request (no copies; valid while the request is).
class RequestView {
 public:
  explicit RequestView(const prepaid_request& request) : request_(request) {}

  /// The first attribute with this vendor and number, or nullptr.
  const prepaid_attr* find(unsigned vendor, unsigned number) const;

  /// Text of a string (or raw octets) attribute; nullopt when absent or of another kind.
  std::optional<std::string_view> text(unsigned vendor, unsigned number) const;

  /// Texts of every string (or raw octets) attribute with this number, in request order.
  std::vector<std::string_view> texts(unsigned vendor, unsigned number) const;

  /// Value of an integer, date or IPv4 attribute; nullopt when absent or of another kind.
  std::optional<std::uint32_t> integer(unsigned vendor, unsigned number) const;

  /// A Cisco VSA's value without its `name=` prefix, e.g. cisco(kConfId, "h323-conf-id").
  std::optional<std::string_view> cisco(unsigned number, std::string_view name) const;

  /// The value of the first Cisco-AVPair item with this key ("call-id", "h323-incoming-conf-id").
  std::optional<std::string_view> avpair(std::string_view key) const;

  /// The account's name: Stripped-User-Name when a policy or module before this one set it
  /// (Kamailio's `user@realm` split by the example site's `split_realm`), else User-Name; nullopt
  /// when neither is there.
  std::optional<std::string_view> account() const;

  /// The NAS that sent it: the packet's source address, i.e. the RADIUS client FreeRADIUS
  /// matched and checked the secret of. Never NAS-IP-Address or NAS-Identifier: any gateway
  /// with a valid secret can put another gateway's address there (and release its calls with
  /// an Accounting-On), and a gateway that leaves them out must still key its calls the same.
  std::string nas() const;

  /// When the packet arrived.
  std::chrono::sys_time<std::chrono::microseconds> received() const {
    return std::chrono::sys_time<std::chrono::microseconds>{
        std::chrono::microseconds{request_.received_us}};
  }

 private:
  const prepaid_request& request_;
};

}  // namespace prepaid::radius
