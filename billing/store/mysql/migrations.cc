#include "billing/store/mysql/migrations.h"

#include <cctype>

namespace prepaid::mysql {

namespace {

// "DELIMITER <token>", the keyword in any case, the token not empty.
bool is_delimiter_line(std::string_view line) {
  constexpr std::string_view kKeyword = "DELIMITER";
  if (line.size() <= kKeyword.size() + 1) return false;
  for (std::size_t i = 0; i < kKeyword.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(line[i])) != kKeyword[i]) return false;
  const char after = line[kKeyword.size()];
  return (after == ' ' || after == '\t') &&
         line.find_first_not_of(" \t", kKeyword.size()) != std::string_view::npos;
}

}  // namespace

int code_schema_version() {
  return migrations().empty() ? 0 : migrations().back().version;
}

std::vector<std::string> split_statements(std::string_view sql) {
  std::vector<std::string> out;
  std::string current;
  std::string delimiter = ";";
  std::size_t pos = 0;
  while (pos < sql.size()) {
    std::size_t end = sql.find('\n', pos);
    if (end == std::string_view::npos) end = sql.size();
    std::string_view line = sql.substr(pos, end - pos);
    pos = end + 1;
    std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;  // blank
    if (line.substr(first, 2) == "--") continue;    // comment line
    std::size_t last = line.find_last_not_of(" \t\r");
    std::string_view trimmed = line.substr(first, last + 1 - first);
    if (current.empty() && is_delimiter_line(trimmed)) {
      const std::string_view token = trimmed.substr(9);
      delimiter = std::string(token.substr(token.find_first_not_of(" \t")));
      continue;
    }
    std::string_view kept = line.substr(0, last + 1);
    if (kept.ends_with(delimiter)) {
      kept.remove_suffix(delimiter.size());
      current.append(kept);
      const std::size_t stop = current.find_last_not_of(" \t\r\n");
      if (stop != std::string::npos) out.push_back(current.substr(0, stop + 1));
      current.clear();
    } else {
      current.append(kept);
      current.push_back('\n');
    }
  }
  const std::size_t last = current.find_last_not_of(" \t\r\n");
  if (last != std::string::npos) out.push_back(current.substr(0, last + 1));
  return out;
}

}  // namespace prepaid::mysql
