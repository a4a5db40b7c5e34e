#pragma once
/// @file shift_counter.h
/// @brief What the counter did in a shift (ShiftCounter, shift.h): the calls of the booth
/// sessions opened in it, by counter state, and the payments taken in it, by method.

#include <utility>
#include <vector>

#include "billing/calls/cdr.h"
#include "billing/shops/payment.h"
#include "billing/shops/shift.h"
#include "billing/store/store.h"

namespace prepaid::billing {

/// The tallies of `calls` (each with its counter state) and `payments` (undone ones counted
/// apart: they bring no revenue). Exact sums in micro-units.
ShiftCounter make_shift_counter(const std::vector<std::pair<Cdr, CallCounterState>>& calls,
                                const std::vector<Payment>& payments);

/// The counter of `shift` as stored: the calls of the booth sessions opened in it
/// (session_calls.h) with their marks, and the payments taken in it.
ShiftCounter read_shift_counter(Transaction& tx, const Shift& shift);

}  // namespace prepaid::billing
