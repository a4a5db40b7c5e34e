#pragma once
/// @file json_rows.h
/// @brief JsonRows: the one JSON parameter (an array of rows) that a grouped statement reads
/// through JSON_TABLE (internal to the MySQL store).
///
/// The grouped call path sends the keys, ids and figures of many requests as one bound JSON
/// text, `[[a, b, ...], [a, b, ...], ...]`, so that one prepared statement serves any group
/// size. Only integers and printable-ASCII strings go in (groupable() in call_group.h decides
/// which strings may), so escaping '"' and '\\' is all the encoding there is; integers are
/// written exactly (JSON_TABLE reads them into BIGINT columns without loss).

#include <cstdint>
#include <string>
#include <string_view>

namespace prepaid::mysql {

class JsonRows {
 public:
  /// Starts a new row.
  JsonRows& row() {
    close_row();
    out_ += out_.size() > 1 ? ",[" : "[";
    row_open_ = true;
    first_in_row_ = true;
    return *this;
  }
  /// Adds an integer to the current row.
  JsonRows& number(std::int64_t v) {
    separate();
    out_ += std::to_string(v);
    return *this;
  }
  /// Adds a printable-ASCII string to the current row.
  JsonRows& text(std::string_view s) {
    separate();
    out_ += '"';
    for (const char ch : s) {
      if (ch == '"' || ch == '\\') out_ += '\\';
      out_ += ch;
    }
    out_ += '"';
    return *this;
  }
  /// The array (empty rows allowed: "[]").
  std::string str() {
    close_row();
    return out_ + ']';
  }

 private:
  void close_row() {
    if (row_open_) out_ += ']';
    row_open_ = false;
  }
  void separate() {
    if (!first_in_row_) out_ += ',';
    first_in_row_ = false;
  }

  std::string out_ = "[";
  bool row_open_ = false;
  bool first_in_row_ = true;
};

}  // namespace prepaid::mysql
