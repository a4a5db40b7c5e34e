#pragma once
/// @file shift_text.h
/// @brief A shift report as plain text for a 40- or 48-column thermal printer: the shift, its
/// calls by counter state, its revenue by payment method, and its cash — expected against
/// counted. Times local to the shop's zone; amounts in its currency, flush right.

#include <cstddef>
#include <string>

#include "billing/result.h"
#include "billing/shops/shift.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

/// The report's text, lines of at most `width` code points each ended by '\n'; refused
/// (field "width") when the width is neither 40 nor 48.
Result<std::string> shift_report_text(const ShiftReport& report, const rating::TimeZone& zone,
                                      std::size_t width);

}  // namespace prepaid::billing
