#pragma once
/// @file router.h
/// @brief Router: the API's route table (method + path pattern → Command), built from the
/// command table, and the matching of a request to a route.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "admin-cli/command/command.h"

namespace prepaid::cli {

/// @brief A route: "GET" + "/v1/cards/{number}" → the command that serves it.
struct Route {
  std::string method;
  std::string pattern;
  const Command* command = nullptr;
};

/// @brief What a request path matched.
struct RouteMatch {
  const Command* command = nullptr;  ///< null when nothing matched this method
  std::vector<std::pair<std::string, std::string>> path_params;  ///< {"number", "1000…"}
  std::vector<std::string> allowed_methods;  ///< when the path exists with other methods (405)
};

/// @brief Matches request paths to the commands that have routes. A literal segment beats a
/// `{param}` segment at the same position ("/v1/cards/status" before "/v1/cards/{number}").
class Router {
 public:
  /// Takes every command with a route. Throws std::logic_error for two commands on one
  /// method + pattern, a malformed pattern, or a `{param}` the command does not declare.
  explicit Router(const std::vector<Command>& commands);

  RouteMatch match(std::string_view method, std::string_view path) const;
  /// Every route, sorted by pattern then method (what the OpenAPI test compares).
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

/// The path segments of `path` ("/v1/cards/1" → {"v1", "cards", "1"}); empty segments are
/// kept so that "/v1//cards" does not match "/v1/cards".
std::vector<std::string_view> path_segments(std::string_view path);

}  // namespace prepaid::cli
