#include "admin-cli/api/router.h"

#include <algorithm>
#include <stdexcept>

namespace prepaid::cli {
namespace {

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

/// Lower is more specific: a literal at an earlier position wins.
std::vector<int> specificity(std::string_view pattern) {
  std::vector<int> out;
  for (auto s : path_segments(pattern)) out.push_back(is_param(s) ? 1 : 0);
  return out;
}

}  // namespace

std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

Router::Router(const std::vector<Command>& commands) {
  for (const auto& c : commands) {
    if (!c.has_route()) continue;
    const auto segments = path_segments(c.path);
    if (segments.empty()) throw std::logic_error("route of '" + c.name() + "' is not a path");
    for (auto s : segments) {
      if (s.empty()) throw std::logic_error("empty segment in route " + c.path);
      if (!is_param(s)) continue;
      const std::string name(s.substr(1, s.size() - 2));
      const bool declared = std::any_of(c.params.begin(), c.params.end(),
                                        [&](const Param& p) { return p.name == name; });
      if (!declared) {
        throw std::logic_error("route " + c.path + " names {" + name + "}, which '" + c.name() +
                               "' does not declare");
      }
    }
    for (const auto& r : routes_) {
      if (r.method == c.method && r.pattern == c.path) {
        throw std::logic_error("two commands on " + c.method + " " + c.path);
      }
    }
    routes_.push_back(Route{c.method, c.path, &c});
  }
  std::sort(routes_.begin(), routes_.end(), [](const Route& a, const Route& b) {
    return std::tie(a.pattern, a.method) < std::tie(b.pattern, b.method);
  });
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  const auto segments = path_segments(path);
  RouteMatch best;
  std::vector<int> best_rank;
  std::vector<int> path_rank;  // rank of the most specific pattern matching the path at all
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& route : routes_) {
    const auto pattern = path_segments(route.pattern);
    if (pattern.size() != segments.size()) continue;
    params.clear();
    bool ok = true;
    for (std::size_t i = 0; ok && i < pattern.size(); ++i) {
      if (is_param(pattern[i])) {
        if (segments[i].empty())
          ok = false;
        else
          params.emplace_back(std::string(pattern[i].substr(1, pattern[i].size() - 2)),
                              std::string(segments[i]));
      } else {
        ok = pattern[i] == segments[i];
      }
    }
    if (!ok) continue;
    const auto rank = specificity(route.pattern);
    if (route.method == method) {
      if (!best.command || rank < best_rank) {
        best.command = route.command;
        best.path_params = params;
        best_rank = rank;
      }
    } else if (std::find(best.allowed_methods.begin(), best.allowed_methods.end(), route.method) ==
               best.allowed_methods.end()) {
      best.allowed_methods.push_back(route.method);
    }
  }
  if (best.command) best.allowed_methods.clear();
  return best;
}

}  // namespace prepaid::cli
