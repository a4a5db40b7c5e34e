#pragma once
/// @file index_reads.h
/// @brief What MySQL tests need to prove a statement reads only the rows it should: the
/// server's count of index entries read, and a card's history written in bulk.

#include <cstdint>
#include <string>

#include "billing/cards/card.h"
#include "billing/store/mysql/connection.h"

namespace prepaid::mysql::testing {

/// The rows `conn`'s session has read one after another so far, in an index range or by
/// scanning a table (Handler_read_next + Handler_read_prev + Handler_read_rnd_next): what a
/// statement scanning costs, counted by the server. Compare two readings around a statement
/// run on the same connection.
std::int64_t index_rows_read(Connection& conn);

/// Writes `count` reservations of `card` at NAS `nas` (session ids `prefix` + card id + "-" +
/// 1..count), in `state` — or, when `state` is empty, alternately 'settled' and 'expired',
/// closed at `at` (a card's past calls); an open state expires at `at`. Amounts 0.001 each.
/// Commits.
void add_reservations(Connection& conn, billing::CardId card, const std::string& nas,
                      const std::string& prefix, const std::string& state, std::int64_t at,
                      int count);

/// The same for every card of the database: `count` reservations each (at most 10,000),
/// session ids `prefix` + card id + "-" + 1..count, in one statement. Commits.
void add_reservations_to_every_card(Connection& conn, const std::string& nas,
                                    const std::string& prefix, const std::string& state,
                                    std::int64_t at, int count);

}  // namespace prepaid::mysql::testing
