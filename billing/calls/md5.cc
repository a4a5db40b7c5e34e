#include "billing/calls/md5.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>

namespace prepaid::billing {

bool md5(std::initializer_list<std::string_view> parts, Md5& out) {
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_md5(), nullptr) != 1) return false;
  for (const std::string_view part : parts) {
    if (EVP_DigestUpdate(ctx.get(), part.data(), part.size()) != 1) return false;
  }
  if (EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1 || length != out.size())
    return false;
  std::copy_n(digest.begin(), out.size(), out.begin());
  return true;
}

bool md5_usable() {
  static const bool usable = [] {
    Md5 out{};
    return md5({"md5"}, out);
  }();
  return usable;
}

std::string hex(const Md5& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (const unsigned char b : digest) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0f];
  }
  return out;
}

}  // namespace prepaid::billing
