#include "admin-cli/text/table.h"

#include <algorithm>
#include <ostream>
#include <stdexcept>

namespace prepaid::cli {
namespace {

void pad(std::ostream& out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out.put(' ');
}

}  // namespace

std::size_t display_width(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string printable(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = '?';
  }
  return out;
}

void Table::add(std::vector<std::string> cells) {
  if (cells.size() > columns_.size()) throw std::invalid_argument("table row has too many cells");
  cells.resize(columns_.size());
  for (auto& c : cells) c = printable(c);
  rows_.push_back(std::move(cells));
}

void Table::print(std::ostream& out) const {
  std::vector<std::size_t> width(columns_.size());
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    width[i] = display_width(columns_[i].title);
    for (const auto& row : rows_) width[i] = std::max(width[i], display_width(row[i]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::size_t gap = width[i] - display_width(cells[i]);
      const bool last = i + 1 == cells.size();
      if (i > 0) out << "  ";
      if (columns_[i].right) {
        pad(out, gap);
        out << cells[i];
      } else {
        out << cells[i];
        if (!last) pad(out, gap);
      }
    }
    out << '\n';
  };
  std::vector<std::string> titles;
  for (const auto& c : columns_) titles.push_back(c.title);
  line(titles);
  if (rows_.empty()) out << "(none)\n";
  for (const auto& row : rows_) line(row);
}

void print_fields(std::ostream& out,
                  const std::vector<std::pair<std::string, std::string>>& fields) {
  std::size_t width = 0;
  for (const auto& [name, value] : fields) width = std::max(width, display_width(name));
  for (const auto& [name, value] : fields) {
    out << name << ':';
    pad(out, width - display_width(name) + 1);
    out << printable(value) << '\n';
  }
}

}  // namespace prepaid::cli
