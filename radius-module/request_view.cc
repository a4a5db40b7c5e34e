#include "radius-module/request_view.h"

#include "radius-module/attribute_numbers.h"
#include "radius-module/cisco_vsa.h"

namespace prepaid::radius {

const prepaid_attr* RequestView::find(unsigned vendor, unsigned number) const {
  for (std::size_t i = 0; i < request_.count; ++i) {
    const prepaid_attr& a = request_.attrs[i];
    if (a.vendor == vendor && a.number == number) return &a;
  }
  return nullptr;
}

std::optional<std::string_view> RequestView::text(unsigned vendor, unsigned number) const {
  const prepaid_attr* a = find(vendor, number);
  if (!a || (a->kind != PREPAID_ATTR_TEXT && a->kind != PREPAID_ATTR_OCTETS)) return std::nullopt;
  return std::string_view(a->data ? a->data : "", a->data ? a->length : 0);
}

std::optional<std::string_view> RequestView::account() const {
  // Internal attributes (number above 255) cannot come in a packet: only the server's own
  // configuration sets this one.
  if (auto stripped = text(0, attr::kStrippedUserName)) return stripped;
  return text(0, attr::kUserName);
}

std::vector<std::string_view> RequestView::texts(unsigned vendor, unsigned number) const {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < request_.count; ++i) {
    const prepaid_attr& a = request_.attrs[i];
    if (a.vendor == vendor && a.number == number &&
        (a.kind == PREPAID_ATTR_TEXT || a.kind == PREPAID_ATTR_OCTETS))
      out.emplace_back(a.data ? a.data : "", a.data ? a.length : 0);
  }
  return out;
}

std::optional<std::uint32_t> RequestView::integer(unsigned vendor, unsigned number) const {
  const prepaid_attr* a = find(vendor, number);
  if (!a || (a->kind != PREPAID_ATTR_INTEGER && a->kind != PREPAID_ATTR_DATE &&
             a->kind != PREPAID_ATTR_IPV4)) {
    return std::nullopt;
  }
  return a->integer;
}

std::optional<std::string_view> RequestView::cisco(unsigned number, std::string_view name) const {
  auto value = text(kCiscoVendor, number);
  if (!value) return std::nullopt;
  return strip_vsa_prefix(name, *value);
}

std::optional<std::string_view> RequestView::avpair(std::string_view key) const {
  for (std::size_t i = 0; i < request_.count; ++i) {
    const prepaid_attr& a = request_.attrs[i];
    if (a.vendor != kCiscoVendor || a.number != cisco::kAvPair || a.kind != PREPAID_ATTR_TEXT ||
        !a.data) {
      continue;
    }
    if (auto item = split_avpair(std::string_view(a.data, a.length)); item && item->key == key) {
      return item->value;
    }
  }
  return std::nullopt;
}

std::string RequestView::nas() const {
  return request_.client_address ? request_.client_address : "";
}

}  // namespace prepaid::radius
