#include "billing/mysql/migrations.h"

#include <cctype>

namespace prepaid::mysql {

int code_schema_version() {
  return migrations().empty() ? 0 : migrations().back().version;
}

std::vector<std::string> split_statements(std::string_view sql) {
  std::vector<std::string> out;
  std::string current;
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
    current.append(line.substr(0, last + 1));
    if (line[last] == ';') {
      current.pop_back();  // the ';' itself
      out.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back('\n');
    }
  }
  const std::size_t last = current.find_last_not_of(" \t\r\n");
  if (last != std::string::npos) out.push_back(current.substr(0, last + 1));
  return out;
}

}  // namespace prepaid::mysql
