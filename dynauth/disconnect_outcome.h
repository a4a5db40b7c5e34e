#pragma once
/// @file disconnect_outcome.h
/// @brief What became of one Disconnect-Request: ACK, NAK (with its Error-Cause), no answer,
/// an answer that does not verify, or a request that could not be sent.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace prepaid::dynauth {

enum class Outcome {
  ack,         ///< Disconnect-ACK (41): the NAS ended the session; its Stop follows
  nak,         ///< Disconnect-NAK (42), with its Error-Cause when it sent one
  no_answer,   ///< no answer after every try
  bad_answer,  ///< only answers whose authenticators do not verify (a wrong secret)
  error,       ///< not sent: no address, a socket error, a call the packet cannot name
};

std::string_view to_string(Outcome outcome);  ///< "ack", "nak", "no-answer", "bad-answer", "error"
std::optional<Outcome> parse_outcome(std::string_view text);

/// @brief The result of sending one Disconnect-Request with its retries.
struct DisconnectResult {
  Outcome outcome = Outcome::error;
  std::optional<std::uint32_t> error_cause;  ///< a NAK's (or ACK's) Error-Cause
  unsigned attempts = 0;                     ///< datagrams sent (1 + retransmissions)
  std::chrono::milliseconds elapsed{0};
  std::string detail;  ///< what went wrong, for people ("" for an ACK)
};

}  // namespace prepaid::dynauth
