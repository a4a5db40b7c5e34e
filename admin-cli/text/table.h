#pragma once
/// @file table.h
/// @brief Table: rows of text in aligned columns, and a block of "name: value" lines — the
/// readable output of prepaidctl (`--json` prints the API's JSON instead).

#include <cstddef>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace prepaid::cli {

/// @brief A column's title and alignment (numbers and money align right).
struct Column {
  std::string title;
  bool right = false;
};

/// @brief Aligned columns with a header line. Widths count UTF-8 characters, not bytes;
/// control characters in cells are shown as '?' so a hostile value cannot move the cursor.
class Table {
 public:
  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
  /// Adds a row; missing cells are empty, extra cells are an error (std::invalid_argument).
  void add(std::vector<std::string> cells);
  std::size_t rows() const { return rows_.size(); }
  /// Header, then rows; "(none)" under the header when there are no rows.
  void print(std::ostream& out) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

/// Prints "name: value" lines with the names padded to one width.
void print_fields(std::ostream& out,
                  const std::vector<std::pair<std::string, std::string>>& fields);

/// Characters (UTF-8 code points) in `text`.
std::size_t display_width(const std::string& text);

/// `text` with control characters replaced by '?'.
std::string printable(const std::string& text);

}  // namespace prepaid::cli
