#include "dynauth/disconnect_outcome.h"

namespace prepaid::dynauth {

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::ack:
      return "ack";
    case Outcome::nak:
      return "nak";
    case Outcome::no_answer:
      return "no-answer";
    case Outcome::bad_answer:
      return "bad-answer";
    case Outcome::error:
      return "error";
  }
  return "error";
}

std::optional<Outcome> parse_outcome(std::string_view text) {
  for (Outcome o :
       {Outcome::ack, Outcome::nak, Outcome::no_answer, Outcome::bad_answer, Outcome::error})
    if (to_string(o) == text) return o;
  return std::nullopt;
}

}  // namespace prepaid::dynauth
