#include "rating/money.h"

#include <limits>

namespace prepaid::rating {

namespace {

[[noreturn]] void overflow(const char* what) {
  throw MoneyOverflow(std::string("money overflow in ") + what);
}

}  // namespace

Money Money::from_units(std::int64_t units) {
  std::int64_t micros = 0;
  if (__builtin_mul_overflow(units, kMicrosPerUnit, &micros)) overflow("from_units");
  return Money(micros);
}

std::optional<Money> Money::parse(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  // Accumulate the magnitude as a negative number so that INT64_MIN parses too.
  std::int64_t acc = 0;
  std::size_t int_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++int_digits) {
    if (__builtin_mul_overflow(acc, std::int64_t{10}, &acc) ||
        __builtin_sub_overflow(acc, std::int64_t{text[i] - '0'}, &acc)) {
      return std::nullopt;
    }
  }
  if (int_digits == 0) return std::nullopt;
  std::int64_t fraction = 0;
  int decimals = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (++decimals > kDecimals) return std::nullopt;
      fraction = fraction * 10 + (text[i] - '0');
    }
    if (decimals == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  for (int k = decimals; k < kDecimals; ++k) fraction *= 10;
  std::int64_t micros = 0;
  if (__builtin_mul_overflow(acc, kMicrosPerUnit, &micros) ||
      __builtin_sub_overflow(micros, fraction, &micros)) {
    return std::nullopt;
  }
  if (!negative) {
    if (micros == std::numeric_limits<std::int64_t>::min()) return std::nullopt;
    micros = -micros;
  }
  return Money(micros);
}

std::string Money::to_string(int min_decimals) const {
  if (min_decimals < 0) min_decimals = 0;
  if (min_decimals > kDecimals) min_decimals = kDecimals;
  // Magnitude as unsigned so that INT64_MIN prints correctly.
  std::uint64_t magnitude =
      micros_ < 0 ? 0 - static_cast<std::uint64_t>(micros_) : static_cast<std::uint64_t>(micros_);
  std::uint64_t units = magnitude / kMicrosPerUnit;
  std::uint64_t fraction = magnitude % kMicrosPerUnit;
  std::string out;
  if (micros_ < 0) out.push_back('-');
  out += std::to_string(units);
  char digits[kDecimals];
  for (int k = kDecimals - 1; k >= 0; --k) {
    digits[k] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  int shown = kDecimals;
  while (shown > min_decimals && digits[shown - 1] == '0') --shown;
  if (shown > 0) {
    out.push_back('.');
    out.append(digits, static_cast<std::size_t>(shown));
  }
  return out;
}

Money Money::operator+(Money other) const {
  std::int64_t r = 0;
  if (__builtin_add_overflow(micros_, other.micros_, &r)) overflow("addition");
  return Money(r);
}

Money Money::operator-(Money other) const {
  std::int64_t r = 0;
  if (__builtin_sub_overflow(micros_, other.micros_, &r)) overflow("subtraction");
  return Money(r);
}

Money Money::operator-() const {
  std::int64_t r = 0;
  if (__builtin_sub_overflow(std::int64_t{0}, micros_, &r)) overflow("negation");
  return Money(r);
}

Money Money::operator*(std::int64_t factor) const {
  std::int64_t r = 0;
  if (__builtin_mul_overflow(micros_, factor, &r)) overflow("multiplication");
  return Money(r);
}

}  // namespace prepaid::rating
