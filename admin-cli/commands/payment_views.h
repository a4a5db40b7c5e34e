#pragma once
/// @file payment_views.h
/// @brief Human output of payments: one payment's money, and a list of payments.

#include <iosfwd>

#include "admin-cli/command/command.h"

namespace prepaid::cli::views {

/// {"payment": payment_json}: its receipt number, booth, calls, total, paid, change.
void render_payment(const Reply& reply, std::ostream& out);
/// {"payments": [...]} as a table, newest first.
void render_payment_list(const Reply& reply, std::ostream& out);

}  // namespace prepaid::cli::views
