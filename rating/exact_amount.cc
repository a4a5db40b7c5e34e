#include "rating/exact_amount.h"

namespace prepaid::rating {

namespace {

[[noreturn]] void overflow(const char* what) {
  throw MoneyOverflow(std::string("exact amount overflow in ") + what);
}

std::int64_t gcd64(std::int64_t a, std::int64_t b) {
  while (b != 0) {
    std::int64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/// Floor division of n by a positive d: n = q·d + r with 0 <= r < d.
void floor_divmod(Int128 n, Int128 d, Int128& q, Int128& r) {
  q = n / d;
  r = n % d;
  if (r < 0) {
    q -= 1;
    r += d;
  }
}

Int128 mul(Int128 a, Int128 b, const char* what) {
  Int128 r = 0;
  if (__builtin_mul_overflow(a, b, &r)) overflow(what);
  return r;
}

bool fits64(Int128 v) {
  return v >= INT64_MIN && v <= INT64_MAX;
}

Int128 add(Int128 a, Int128 b, const char* what) {
  Int128 r = 0;
  if (__builtin_add_overflow(a, b, &r)) overflow(what);
  return r;
}

}  // namespace

ExactAmount::ExactAmount(Money money) : numerator_(money.micros()), denominator_(1) {}

ExactAmount ExactAmount::fraction(Int128 numerator, std::int64_t denominator) {
  if (denominator <= 0) overflow("fraction (denominator must be positive)");
  ExactAmount out;
  if (denominator == 1) {
    out.numerator_ = numerator;
    return out;
  }
  if (fits64(numerator)) {  // the common case: plain 64-bit arithmetic
    auto n = static_cast<std::int64_t>(numerator);
    std::int64_t rem = n % denominator;
    std::int64_t g = gcd64(denominator, rem < 0 ? -rem : rem);
    out.numerator_ = n / g;
    out.denominator_ = denominator / g;
    return out;
  }
  // gcd(n, d) = gcd(n mod d, d): only 64-bit arithmetic after one 128-bit remainder.
  Int128 rem = numerator % denominator;
  if (rem < 0) rem = -rem;
  std::int64_t g = gcd64(denominator, static_cast<std::int64_t>(rem));
  out.numerator_ = numerator / g;
  out.denominator_ = denominator / g;
  return out;
}

ExactAmount ExactAmount::per_unit(Money rate, std::uint64_t seconds, std::uint32_t rate_unit_s) {
  if (rate_unit_s == 0) overflow("per_unit (rate unit 0)");
  return fraction(mul(rate.micros(), static_cast<Int128>(seconds), "per_unit"), rate_unit_s);
}

ExactAmount ExactAmount::operator+(const ExactAmount& other) const {
  if (denominator_ == other.denominator_) {
    return fraction(add(numerator_, other.numerator_, "addition"), denominator_);
  }
  std::int64_t g = gcd64(denominator_, other.denominator_);
  std::int64_t lcm = 0;
  if (__builtin_mul_overflow(denominator_ / g, other.denominator_, &lcm)) overflow("addition");
  Int128 a = mul(numerator_, lcm / denominator_, "addition");
  Int128 b = mul(other.numerator_, lcm / other.denominator_, "addition");
  return fraction(add(a, b, "addition"), lcm);
}

ExactAmount ExactAmount::operator-(const ExactAmount& other) const {
  ExactAmount negated = other;
  negated.numerator_ = mul(other.numerator_, -1, "subtraction");
  return *this + negated;
}

ExactAmount ExactAmount::operator*(std::uint64_t factor) const {
  return fraction(mul(numerator_, static_cast<Int128>(factor), "multiplication"), denominator_);
}

std::strong_ordering ExactAmount::operator<=>(const ExactAmount& other) const {
  if (denominator_ == other.denominator_) {
    return numerator_ < other.numerator_   ? std::strong_ordering::less
           : numerator_ > other.numerator_ ? std::strong_ordering::greater
                                           : std::strong_ordering::equal;
  }
  Int128 left, right;
  if (!__builtin_mul_overflow(numerator_, other.denominator_, &left) &&
      !__builtin_mul_overflow(other.numerator_, denominator_, &right)) {
    return left < right   ? std::strong_ordering::less
           : left > right ? std::strong_ordering::greater
                          : std::strong_ordering::equal;
  }
  // Compare whole parts first, then the remainders: r1/d1 vs r2/d2 with r < d < 2^63, so the
  // cross products stay below 2^126.
  Int128 q1, r1, q2, r2;
  floor_divmod(numerator_, denominator_, q1, r1);
  floor_divmod(other.numerator_, other.denominator_, q2, r2);
  if (q1 != q2) return q1 < q2 ? std::strong_ordering::less : std::strong_ordering::greater;
  left = r1 * other.denominator_;
  right = r2 * denominator_;
  return left < right   ? std::strong_ordering::less
         : left > right ? std::strong_ordering::greater
                        : std::strong_ordering::equal;
}

bool ExactAmount::operator==(const ExactAmount& other) const {
  return numerator_ == other.numerator_ && denominator_ == other.denominator_;
}

Money ExactAmount::round(RoundingMethod method, int decimals) const {
  if (decimals < 0 || decimals > Money::kDecimals) overflow("round (decimals outside 0..6)");
  std::int64_t step = 1;
  for (int k = decimals; k < Money::kDecimals; ++k) step *= 10;
  // value / step = numerator / (denominator · step) = q + r / D, 0 <= r < D.
  Int128 big_d = static_cast<Int128>(denominator_) * step;
  Int128 q, r;
  if (fits64(numerator_) && fits64(big_d)) {  // 64-bit division when the values allow it
    auto n = static_cast<std::int64_t>(numerator_);
    auto d = static_cast<std::int64_t>(big_d);
    std::int64_t q64 = n / d, r64 = n % d;
    if (r64 < 0) {
      q64 -= 1;
      r64 += d;
    }
    q = q64;
    r = r64;
  } else {
    floor_divmod(numerator_, big_d, q, r);
  }
  if (r != 0) {
    switch (method) {
      case RoundingMethod::up:
        q += 1;
        break;
      case RoundingMethod::down:
        break;
      case RoundingMethod::half_up:
      case RoundingMethod::half_even: {
        Int128 twice = 2 * r;
        if (twice > big_d) {
          q += 1;
        } else if (twice == big_d) {
          bool away = method == RoundingMethod::half_up ? q >= 0 : (q % 2 != 0);
          if (away) q += 1;
        }
        break;
      }
    }
  }
  Int128 micros = mul(q, step, "round");
  if (micros > INT64_MAX || micros < INT64_MIN) overflow("round");
  return Money::from_micros(static_cast<std::int64_t>(micros));
}

std::string ExactAmount::to_string() const {
  if (is_whole_micros()) {
    if (numerator_ > INT64_MAX || numerator_ < INT64_MIN) overflow("to_string");
    return Money::from_micros(static_cast<std::int64_t>(numerator_)).to_string();
  }
  std::string out = "~";  // built in two steps: GCC 12 -O3 warns (-Wrestrict) on "~" + s
  out += round(RoundingMethod::half_even, Money::kDecimals).to_string();
  return out;
}

}  // namespace prepaid::rating
