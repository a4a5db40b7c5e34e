#include "admin-cli/text/csv_text.h"

namespace prepaid::cli {

std::string csv_record(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    const auto& f = fields[i];
    const bool sign_then_text = f.size() > 1 && (f[0] == '+' || f[0] == '-') &&
                                !((f[1] >= '0' && f[1] <= '9') || f[1] == '.');
    const bool formula = !f.empty() && (f[0] == '=' || f[0] == '@' || sign_then_text ||
                                        (f.size() == 1 && (f[0] == '+' || f[0] == '-')));
    const bool quote = formula || f.find_first_of(",\"\r\n") != std::string::npos;
    if (!quote) {
      out += f;
      continue;
    }
    out += '"';
    if (formula) out += '\'';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += '\n';
  return out;
}

}  // namespace prepaid::cli
