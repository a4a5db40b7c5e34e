#include "billing/counter/utf8_text.h"

#include <doctest/doctest.h>

#include <string>

using namespace prepaid::billing;

TEST_CASE("well-formed UTF-8 is told from broken bytes") {
  // Proves is_utf8 on Cyrillic, Portuguese, CJK and emoji, and on each kind of broken sequence.
  for (const std::string good : {"", "abc", "Вода", "São Paulo", "中文", "😀", "…"}) {
    CAPTURE(good);
    CHECK(is_utf8(good));
  }
  for (const std::string bad : {"\xFF", "\xD0", "caf\xE9", "\xC0\xAF", "\xED\xA0\x80",
                                "\xF4\x90\x80\x80", "\xE2\x80", "\x80"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_utf8(bad));
  }
}

TEST_CASE("code points, control characters, printable text") {
  // Proves the measures a receipt line relies on: one column per code point, controls found.
  CHECK(code_points("Вода") == 4);
  CHECK(code_points("São") == 3);
  CHECK(code_points("😀x") == 2);
  CHECK(code_points("\xFF\xFE") == 2);
  CHECK(has_control_character("a\tb"));
  CHECK(has_control_character(std::string("a\0b", 3)));
  CHECK(has_control_character("\x7F"));
  CHECK(has_control_character("\xC2\x85"));  // NEL, a C1 control
  CHECK_FALSE(has_control_character("Вода São"));
  CHECK(printable_text("a\tb\xFF") == "a b\xEF\xBF\xBD");
  CHECK(printable_text("Вода") == "Вода");
}

TEST_CASE("text is cut between characters, with an ellipsis") {
  // Proves fit_width never splits a multibyte character and marks a cut with "…".
  CHECK(first_code_points("Вода", 2) == "Во");
  CHECK(fit_width("Вода", 4) == "Вода");
  CHECK(fit_width("Вода", 3) == "Во…");
  CHECK(fit_width("Móvel", 2) == "M…");
  CHECK(fit_width("abc", 1) == "…");
  CHECK(fit_width("abc", 0) == "");
  CHECK(fit_width("😀😀😀", 2) == "😀…");
}
