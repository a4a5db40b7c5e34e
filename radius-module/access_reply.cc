#include "radius-module/access_reply.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include "radius-module/attribute_numbers.h"
#include "radius-module/cisco_vsa.h"

namespace prepaid::radius {

std::string_view return_code_message(int code) {
  switch (code) {
    case return_code::kOk:
      return "OK";
    case return_code::kInvalidAccount:
      return "Invalid account number";
    case return_code::kInvalidPin:
      return "Invalid PIN";
    case return_code::kInUse:
      return "Account in use";
    case return_code::kZeroBalance:
      return "Zero balance";
    case return_code::kExpired:
      return "Account expired";
    case return_code::kCreditLimit:
      return "Credit limit reached";
    case return_code::kDisabled:
      return "Account disabled";
    case return_code::kServiceUnavailable:
      return "Service not available";
    case return_code::kDestinationBlocked:
      return "Destination not allowed";
    case return_code::kRetriesExceeded:
      return "Too many wrong PINs: try again later";
    case return_code::kInvalidArgument:
      return "Invalid request";
    case return_code::kInsufficientBalance:
      return "Insufficient balance";
    default:
      return "Refused";
  }
}

AccessReply::AccessReply(prepaid_reply& reply) : reply_(reply) {
  reply_.accept = 0;
  reply_.return_code = return_code::kOk;
  reply_.count = 0;
  reply_.log_level = PREPAID_LOG_NONE;
  reply_.log[0] = '\0';
}

prepaid_reply_attr& AccessReply::next() {
  if (reply_.count >= PREPAID_REPLY_MAX) throw std::logic_error("too many reply attributes");
  prepaid_reply_attr& a = reply_.attrs[reply_.count++];
  a = prepaid_reply_attr{};
  return a;
}

AccessReply& AccessReply::text(unsigned vendor, unsigned number, std::string_view value) {
  if (value.size() > PREPAID_REPLY_TEXT_MAX) {
    throw std::logic_error("reply attribute " + std::to_string(number) + " too long");
  }
  prepaid_reply_attr& a = next();
  a.vendor = vendor;
  a.number = number;
  a.kind = PREPAID_ATTR_TEXT;
  std::memcpy(a.text, value.data(), value.size());
  a.text[value.size()] = '\0';
  return *this;
}

AccessReply& AccessReply::integer(unsigned vendor, unsigned number, std::uint32_t value) {
  prepaid_reply_attr& a = next();
  a.vendor = vendor;
  a.number = number;
  a.kind = PREPAID_ATTR_INTEGER;
  a.integer = value;
  return *this;
}

AccessReply& AccessReply::cisco(unsigned number, std::string_view name, std::string_view value) {
  return text(kCiscoVendor, number, with_vsa_prefix(name, value));
}

AccessReply& AccessReply::return_code(int code) {
  reply_.return_code = code;
  return cisco(cisco::kReturnCode, "h323-return-code", std::to_string(code));
}

AccessReply& AccessReply::log(prepaid_log_level level, std::string_view message) {
  reply_.log_level = level;
  const std::size_t n = std::min(message.size(), sizeof reply_.log - 1);
  std::memcpy(reply_.log, message.data(), n);
  reply_.log[n] = '\0';
  return *this;
}

AccessReply& AccessReply::accept(bool yes) {
  reply_.accept = yes ? 1 : 0;
  return *this;
}

AccessReply& AccessReply::refuse(int code, std::string_view message, prepaid_log_level level,
                                 std::string_view log_message) {
  accept(false);
  return_code(code);
  text(0, attr::kReplyMessage, message.empty() ? return_code_message(code) : message);
  return log(level, log_message);
}

}  // namespace prepaid::radius
