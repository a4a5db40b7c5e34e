#pragma once
/// @file console_assets.h
/// @brief The web console's files (the repository's web/ folder), embedded into prepaidctl
/// at build time (admin-cli/api/embed_console.cmake generates console_assets.cc): the server
/// reads nothing from the disk or the internet to serve them.

#include <string_view>
#include <vector>

namespace prepaid::cli {

/// @brief One file of web/.
struct ConsoleAsset {
  std::string_view path;          ///< "/index.html", "/js/app.js" (from web/)
  std::string_view content_type;  ///< "text/javascript; charset=utf-8"
  std::string_view etag;          ///< a quoted prefix of its SHA-256
  std::string_view body;
};

/// Every embedded file, sorted by path.
const std::vector<ConsoleAsset>& console_assets();

/// The file at `path`, or null.
const ConsoleAsset* find_console_asset(std::string_view path);

}  // namespace prepaid::cli
