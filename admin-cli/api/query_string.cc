#include "admin-cli/api/query_string.h"

namespace prepaid::cli {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// `text` with '+' as a space and %XX decoded; nullopt for a broken escape or a NUL byte.
std::optional<std::string> form_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = hex_value(text[i + 1]);
      const int lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      const char byte = static_cast<char>(hi * 16 + lo);
      if (byte == '\0') return std::nullopt;
      out += byte;
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string_view query_of_target(std::string_view target) {
  if (const auto hash = target.find('#'); hash != std::string_view::npos) {
    target = target.substr(0, hash);
  }
  const auto question = target.find('?');
  return question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
}

std::variant<std::vector<std::pair<std::string, std::string>>, QueryRefusal> parse_query_string(
    std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = form_decode(pair.substr(0, eq));
    if (!name) return QueryRefusal{"malformed %-escape in a query parameter's name", ""};
    if (name->empty()) return QueryRefusal{"a query parameter without a name", ""};
    auto value =
        form_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
    if (!value) {
      return QueryRefusal{*name +
                              ": malformed %-escape in the query string (use %XX with two "
                              "hex digits, never %00)",
                          *name};
    }
    pairs.emplace_back(std::move(*name), std::move(*value));
  }
  return pairs;
}

}  // namespace prepaid::cli
