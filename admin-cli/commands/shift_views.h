#pragma once
/// @file shift_views.h
/// @brief Human output of a shift report and of a list of shifts.

#include <iosfwd>

#include "admin-cli/command/command.h"

namespace prepaid::cli::views {

/// A shift report: the shift, its cash movements as a table, then opening float, cash in and
/// out, expected, counted and difference.
void render_shift_report(const Reply& reply, std::ostream& out);
/// {"shifts": [...]} as a table.
void render_shift_list(const Reply& reply, std::ostream& out);

}  // namespace prepaid::cli::views
