#include "radius-module/config_list.h"

#include <doctest/doctest.h>

using namespace prepaid::radius;

TEST_CASE("config lists split on spaces and commas") {
  // Proves mixed separators and empty items are handled.
  using V = std::vector<std::string_view>;
  CHECK(split_config_list("a, b c,,d") == V{"a", "b", "c", "d"});
  CHECK(split_config_list("  one  ") == V{"one"});
  CHECK(split_config_list("") == V{});
  CHECK(split_config_list(" , ,") == V{});
}
