#include "dynauth/packet.h"

namespace prepaid::dynauth {

const Attribute* Packet::find(std::uint8_t type) const {
  for (const auto& a : attributes)
    if (a.type == type) return &a;
  return nullptr;
}

std::optional<Bytes> encode(const Packet& packet) {
  Bytes out;
  out.reserve(64);
  out.push_back(packet.code);
  out.push_back(packet.identifier);
  out.push_back(0);
  out.push_back(0);
  out.insert(out.end(), packet.authenticator.begin(), packet.authenticator.end());
  for (const auto& a : packet.attributes) {
    if (a.value.empty() || a.value.size() > 253) return std::nullopt;
    out.push_back(a.type);
    out.push_back(static_cast<std::uint8_t>(a.value.size() + 2));
    out.insert(out.end(), a.value.begin(), a.value.end());
  }
  if (out.size() > kMaxPacketLength) return std::nullopt;
  out[2] = static_cast<std::uint8_t>(out.size() >> 8);
  out[3] = static_cast<std::uint8_t>(out.size() & 0xff);
  return out;
}

std::optional<Packet> decode(const Bytes& wire) {
  if (wire.size() < 20) return std::nullopt;
  const std::size_t length = (std::size_t{wire[2]} << 8) | wire[3];
  if (length < 20 || length > wire.size() || length > kMaxPacketLength) return std::nullopt;
  Packet p;
  p.code = wire[0];
  p.identifier = wire[1];
  for (std::size_t i = 0; i < 16; ++i) p.authenticator[i] = wire[4 + i];
  std::size_t pos = 20;
  while (pos < length) {
    if (pos + 2 > length) return std::nullopt;
    const std::size_t len = wire[pos + 1];
    if (len < 2 || pos + len > length) return std::nullopt;
    Attribute a;
    a.type = wire[pos];
    a.value.assign(wire.begin() + static_cast<std::ptrdiff_t>(pos + 2),
                   wire.begin() + static_cast<std::ptrdiff_t>(pos + len));
    p.attributes.push_back(std::move(a));
    pos += len;
  }
  return p;
}

Bytes text_value(std::string_view text) {
  return Bytes(text.begin(), text.end());
}

Bytes integer_value(std::uint32_t value) {
  return {static_cast<std::uint8_t>(value >> 24), static_cast<std::uint8_t>(value >> 16),
          static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
}

std::optional<std::uint32_t> integer_of(const Attribute& attribute) {
  if (attribute.value.size() != 4) return std::nullopt;
  const auto& v = attribute.value;
  return (std::uint32_t{v[0]} << 24) | (std::uint32_t{v[1]} << 16) | (std::uint32_t{v[2]} << 8) |
         std::uint32_t{v[3]};
}

}  // namespace prepaid::dynauth
