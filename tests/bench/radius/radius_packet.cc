#include "tests/bench/radius/radius_packet.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace prepaid::radius::bench {

namespace {

using Digest = std::array<std::uint8_t, 16>;

// MD5 over the concatenation of the parts (RADIUS's authenticators are MD5 by definition).
Digest md5(std::initializer_list<std::pair<const void*, std::size_t>> parts) {
  Digest out{};
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (!ctx || EVP_DigestInit_ex(ctx, EVP_md5(), nullptr) != 1) {
    EVP_MD_CTX_free(ctx);
    throw std::runtime_error("MD5 unavailable");
  }
  for (const auto& [data, size] : parts) EVP_DigestUpdate(ctx, data, size);
  unsigned int n = 0;
  EVP_DigestFinal_ex(ctx, out.data(), &n);
  EVP_MD_CTX_free(ctx);
  return out;
}

void put_attr(std::vector<std::uint8_t>& out, std::uint8_t type, const void* value,
              std::size_t size) {
  if (size > 253) throw std::invalid_argument("RADIUS attribute value longer than 253 octets");
  out.push_back(type);
  out.push_back(static_cast<std::uint8_t>(size + 2));
  const auto* p = static_cast<const std::uint8_t*>(value);
  out.insert(out.end(), p, p + size);
}

}  // namespace

std::string md5_hex(std::string_view text) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t b : md5({{text.data(), text.size()}})) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0f];
  }
  return out;
}

RadiusRequest& RadiusRequest::text(std::uint8_t type, std::string_view value) {
  put_attr(attrs_, type, value.data(), value.size());
  return *this;
}

RadiusRequest& RadiusRequest::integer(std::uint8_t type, std::uint32_t value) {
  const std::uint8_t be[4] = {
      static_cast<std::uint8_t>(value >> 24), static_cast<std::uint8_t>(value >> 16),
      static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
  put_attr(attrs_, type, be, 4);
  return *this;
}

RadiusRequest& RadiusRequest::ipv4(std::uint8_t type, std::uint32_t address) {
  return integer(type, address);
}

RadiusRequest& RadiusRequest::vendor_text(std::uint32_t vendor, std::uint8_t type,
                                          std::string_view value) {
  if (value.size() > 247) throw std::invalid_argument("VSA value longer than 247 octets");
  std::vector<std::uint8_t> v = {static_cast<std::uint8_t>(vendor >> 24),
                                 static_cast<std::uint8_t>(vendor >> 16),
                                 static_cast<std::uint8_t>(vendor >> 8),
                                 static_cast<std::uint8_t>(vendor),
                                 type,
                                 static_cast<std::uint8_t>(value.size() + 2)};
  v.insert(v.end(), value.begin(), value.end());
  put_attr(attrs_, 26, v.data(), v.size());
  return *this;
}

RadiusRequest& RadiusRequest::password(std::string_view value) {
  if (value.size() > 128) throw std::invalid_argument("User-Password longer than 128 octets");
  password_ = std::string(value);
  return *this;
}

RadiusRequest& RadiusRequest::chap_password(std::string_view value) {
  password(value);
  chap_ = true;
  return *this;
}

std::vector<std::uint8_t> RadiusRequest::encode(std::uint8_t id, std::string_view secret,
                                                Digest& authenticator) const {
  std::vector<std::uint8_t> attrs = attrs_;
  if (code_ == kAccessRequest) {
    if (RAND_bytes(authenticator.data(), static_cast<int>(authenticator.size())) != 1) {
      throw std::runtime_error("RAND_bytes failed");
    }
    if (password_ && chap_) {
      // RFC 2865 5.3: CHAP ident, then MD5(ident + secret + challenge); no CHAP-Challenge
      // attribute: the Request Authenticator is the challenge.
      std::array<std::uint8_t, 17> value{};
      value[0] = id;
      const Digest response =
          md5({{&value[0], 1}, {password_->data(), password_->size()}, {authenticator.data(), 16}});
      std::copy(response.begin(), response.end(), value.begin() + 1);
      put_attr(attrs, 3, value.data(), value.size());
    } else if (password_) {
      // RFC 2865 5.2: c(1) = p(1) xor MD5(S + RA), c(i) = p(i) xor MD5(S + c(i-1)).
      std::vector<std::uint8_t> hidden(password_->begin(), password_->end());
      hidden.resize(hidden.empty() ? 16 : (hidden.size() + 15) / 16 * 16, 0);
      const std::uint8_t* prev = authenticator.data();
      for (std::size_t i = 0; i < hidden.size(); i += 16) {
        const Digest b = md5({{secret.data(), secret.size()}, {prev, 16}});
        for (std::size_t j = 0; j < 16; ++j) hidden[i + j] ^= b[j];
        prev = &hidden[i];
      }
      put_attr(attrs, 2, hidden.data(), hidden.size());
    }
  }
  const std::size_t length = 20 + attrs.size();
  if (length > 4096) throw std::invalid_argument("RADIUS packet longer than 4096 octets");
  std::vector<std::uint8_t> packet(length, 0);
  packet[0] = code_;
  packet[1] = id;
  packet[2] = static_cast<std::uint8_t>(length >> 8);
  packet[3] = static_cast<std::uint8_t>(length);
  std::copy(attrs.begin(), attrs.end(), packet.begin() + 20);
  if (code_ == kAccessRequest) {
    std::memcpy(&packet[4], authenticator.data(), 16);
  } else {
    // RFC 2866 3: MD5(Code + Identifier + Length + 16 zero octets + Attributes + Secret).
    authenticator = md5({{packet.data(), packet.size()}, {secret.data(), secret.size()}});
    std::memcpy(&packet[4], authenticator.data(), 16);
  }
  return packet;
}

std::optional<RadiusReply> check_reply(const std::uint8_t* data, std::size_t size,
                                       const Digest& request_authenticator,
                                       std::string_view secret) {
  if (size < 20) return std::nullopt;
  const std::size_t length = (std::size_t{data[2]} << 8) | data[3];
  if (length < 20 || length > size) return std::nullopt;
  // Response Authenticator = MD5(Code + ID + Length + RequestAuth + Attributes + Secret).
  const Digest expected = md5({{data, 4},
                               {request_authenticator.data(), 16},
                               {data + 20, length - 20},
                               {secret.data(), secret.size()}});
  if (std::memcmp(expected.data(), data + 4, 16) != 0) return std::nullopt;
  RadiusReply reply;
  reply.code = data[0];
  reply.id = data[1];
  for (std::size_t at = 20; at + 2 <= length;) {
    const std::uint8_t type = data[at];
    const std::size_t len = data[at + 1];
    if (len < 2 || at + len > length) return std::nullopt;
    if (type == 26 && len >= 8) {
      const std::uint32_t vendor = (std::uint32_t{data[at + 2]} << 24) |
                                   (std::uint32_t{data[at + 3]} << 16) |
                                   (std::uint32_t{data[at + 4]} << 8) | data[at + 5];
      const std::uint8_t vtype = data[at + 6];
      const std::size_t vlen = data[at + 7];
      if (vendor == 9 && vtype == 103 && vlen >= 2 && 6 + vlen <= len) {
        std::string_view value(reinterpret_cast<const char*>(data + at + 8), vlen - 2);
        if (const auto eq = value.find('='); eq != std::string_view::npos) {
          value.remove_prefix(eq + 1);
        }
        int code = 0;
        for (char c : value) code = c >= '0' && c <= '9' ? code * 10 + (c - '0') : code;
        reply.h323_return_code = code;
      }
    }
    at += len;
  }
  return reply;
}

}  // namespace prepaid::radius::bench
