#include "billing/csprng.h"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace prepaid::billing {
namespace {

void fill(unsigned char* out, std::size_t n) {
  if (RAND_bytes(out, static_cast<int>(n)) != 1) throw std::runtime_error("RAND_bytes failed");
}

}  // namespace

std::string random_digits(std::size_t count, bool nonzero_first) {
  std::string digits;
  digits.reserve(count);
  std::array<unsigned char, 64> pool{};
  std::size_t used = pool.size();
  while (digits.size() < count) {
    if (used == pool.size()) {
      fill(pool.data(), pool.size());
      used = 0;
    }
    unsigned char b = pool[used++];
    const bool first = digits.empty() && nonzero_first;
    // Reject the top of the byte range so that every accepted value is equally likely.
    const unsigned limit = first ? 252 : 250;  // 252 = 9 * 28, 250 = 10 * 25
    if (b >= limit) continue;
    digits.push_back(first ? static_cast<char>('1' + b % 9) : static_cast<char>('0' + b % 10));
  }
  return digits;
}

std::string random_hex(std::size_t bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string raw(bytes, '\0');
  fill(reinterpret_cast<unsigned char*>(raw.data()), raw.size());
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

}  // namespace prepaid::billing
