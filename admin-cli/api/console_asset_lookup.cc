// Looking up an embedded console file by path.
#include <algorithm>

#include "admin-cli/api/console_assets.h"

namespace prepaid::cli {

const ConsoleAsset* find_console_asset(std::string_view path) {
  const auto& all = console_assets();
  auto it = std::lower_bound(all.begin(), all.end(), path,
                             [](const ConsoleAsset& a, std::string_view p) { return a.path < p; });
  return it != all.end() && it->path == path ? &*it : nullptr;
}

}  // namespace prepaid::cli
