#include "billing/counter/column_printer.h"

#include <utility>

#include "billing/counter/utf8_text.h"

namespace prepaid::billing {

void ColumnPrinter::centred(std::string_view text) {
  const std::string fitted = fit_width(printable_text(text), width_);
  out_ += std::string((width_ - code_points(fitted)) / 2, ' ') + fitted + '\n';
}

void ColumnPrinter::rule() {
  out_ += std::string(width_, '-') + '\n';
}

void ColumnPrinter::line(std::string_view left, std::string_view right, std::string_view suffix) {
  const std::string r = fit_width(printable_text(right), width_ - 2);
  const std::size_t r_len = code_points(r);
  const std::size_t room = width_ - r_len - 1;  // at least 1: r has at most width − 2
  const std::size_t s_len = code_points(suffix);
  const std::string l =
      s_len < room ? fit_width(printable_text(left), room - s_len) + std::string(suffix)
                   : fit_width(printable_text(std::string(left) + std::string(suffix)), room);
  out_ += l + std::string(width_ - code_points(l) - r_len, ' ') + r + '\n';
}

}  // namespace prepaid::billing
