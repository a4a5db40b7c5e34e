#include "dynauth/error_cause.h"

namespace prepaid::dynauth {

std::string_view error_cause_name(std::uint32_t value) {
  switch (value) {
    case 201:
      return "Residual Session Context Removed";
    case 202:
      return "Invalid EAP Packet (Ignored)";
    case 401:
      return "Unsupported Attribute";
    case 402:
      return "Missing Attribute";
    case 403:
      return "NAS Identification Mismatch";
    case 404:
      return "Invalid Request";
    case 405:
      return "Unsupported Service";
    case 406:
      return "Unsupported Extension";
    case 407:
      return "Invalid Attribute Value";
    case 501:
      return "Administratively Prohibited";
    case 502:
      return "Request Not Routable (Proxy)";
    case 503:
      return "Session Context Not Found";
    case 504:
      return "Session Context Not Removable";
    case 505:
      return "Other Proxy Processing Error";
    case 506:
      return "Resources Unavailable";
    case 507:
      return "Request Initiated";
    case 508:
      return "Multiple Session Selection Unsupported";
    default:
      return "";
  }
}

}  // namespace prepaid::dynauth
