#pragma once
/// @file card_views.h
/// @brief Readable output of cards, batches and ledger rows (from their API JSON).

#include <iosfwd>

#include <nlohmann/json.hpp>

#include "admin-cli/command/command.h"

namespace prepaid::cli::views {

/// One card as "name: value" lines.
void print_card(const nlohmann::json& card, std::ostream& out);
/// Cards as a table (a PIN column when the cards carry PINs).
void print_cards(const nlohmann::json& cards, std::ostream& out);
/// Renderer of a reply that is one card.
void render_card(const Reply& reply, std::ostream& out);
/// Renderer of a reply {"cards": [...]}.
void render_card_list(const Reply& reply, std::ostream& out);
/// One ledger row as "name: value" lines.
void render_ledger_entry(const Reply& reply, std::ostream& out);

}  // namespace prepaid::cli::views
