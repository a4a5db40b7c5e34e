#pragma once
/// @file tariff_file.h
/// @brief The tariff file: a self-contained text description of a Tariff, for
/// `prepaidctl quote` without a database and for reservation snapshots.
///
/// The format is documented in docs/tariff-file.md (sections, keys, defaults, examples).
/// Parse errors name the line and the key.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rating/rate_deck_csv.h"
#include "rating/tariff.h"

namespace prepaid::rating {

struct TariffLoad {
  std::shared_ptr<const Tariff> tariff;  ///< set when and only when problems is empty
  std::vector<InputProblem> problems;
};

/// Parses tariff text. Price-list files named in it (`file = deck.csv`) are read relative to
/// `base_dir`; with an empty `base_dir` (text from a client or a database) every file reference
/// is refused, so untrusted text can never make the process read a local file.
TariffLoad parse_tariff_text(std::string_view text, const std::filesystem::path& base_dir = {});
/// Reads and parses a tariff file.
TariffLoad load_tariff_file(const std::filesystem::path& path);
/// Writes a tariff with every price list inline; parse_tariff_text(format_tariff_text(t))
/// yields an equal tariff.
std::string format_tariff_text(const Tariff& tariff);

}  // namespace prepaid::rating
