#include "admin-cli/json/strict_json.h"

#include <set>
#include <utility>
#include <vector>

namespace prepaid::cli {
namespace {

/// Thrown from the parser's callback to stop at the first refusal.
struct Stop {
  JsonRefusal refusal;
};

std::string shown_key(const std::string& key) {
  std::string out = key.size() > 64 ? key.substr(0, 64) + "…" : key;
  // The key goes back into a JSON error message; keep it readable and single-line.
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  return out;
}

}  // namespace

std::variant<nlohmann::json, JsonRefusal> parse_strict_json(std::string_view text) {
  using Event = nlohmann::json::parse_event_t;
  std::vector<std::set<std::string>> keys;  // the keys seen in each open object
  int open = 0;                             // open arrays and objects
  auto check = [&](int /*depth*/, Event event, nlohmann::json& parsed) {
    switch (event) {
      case Event::object_start:
        keys.emplace_back();
        [[fallthrough]];
      case Event::array_start:
        if (++open > kMaxJsonDepth) {
          throw Stop{{"the request body nests arrays and objects deeper than " +
                          std::to_string(kMaxJsonDepth) + " levels",
                      ""}};
        }
        break;
      case Event::object_end:
        keys.pop_back();
        --open;
        break;
      case Event::array_end:
        --open;
        break;
      case Event::key: {
        auto key = parsed.get<std::string>();
        if (!keys.back().insert(key).second) {
          throw Stop{{"duplicate key '" + shown_key(key) +
                          "' in the request body (each key may appear once per object)",
                      key}};
        }
        break;
      }
      case Event::value:
        break;
    }
    return true;
  };
  try {
    return nlohmann::json::parse(text.begin(), text.end(), check);
  } catch (const Stop& stop) {
    return stop.refusal;
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    if (const auto at = what.find("] "); at != std::string::npos) what.erase(0, at + 2);
    return JsonRefusal{"the request body is not valid JSON: " + what, ""};
  }
}

}  // namespace prepaid::cli
