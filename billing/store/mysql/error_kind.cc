#include "billing/store/mysql/error_kind.h"

#include "billing/store/store_error.h"

namespace prepaid::mysql {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::retry:
      return "retry";
    case ErrorKind::duplicate:
      return "duplicate";
    case ErrorKind::unavailable:
      return "unavailable";
    case ErrorKind::fatal:
      return "fatal";
  }
  return "fatal";
}

ErrorKind classify(int error_number, std::string_view message) {
  switch (error_number) {
    case 1205:  // ER_LOCK_WAIT_TIMEOUT
    case 1213:  // ER_LOCK_DEADLOCK
    case 1614:  // ER_XA_RBDEADLOCK
    case 4162:  // MariaDB: WSREP/Galera certification failure reported as deadlock variants
      return ErrorKind::retry;
    case 1062:  // ER_DUP_ENTRY
    case 1586:  // ER_DUP_ENTRY_WITH_KEY_NAME
    case 1022:  // ER_DUP_KEY
      return ErrorKind::duplicate;
    case 1040:  // ER_CON_COUNT_ERROR (too many connections)
    case 1053:  // ER_SERVER_SHUTDOWN
    case 1077:  // ER_NORMAL_SHUTDOWN
    case 1152:  // ER_ABORTING_CONNECTION
    case 1927:  // ER_CONNECTION_KILLED (MariaDB)
    case 2002:  // CR_CONNECTION_ERROR (socket)
    case 2003:  // CR_CONN_HOST_ERROR (tcp)
    case 2005:  // CR_UNKNOWN_HOST
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2013:  // CR_SERVER_LOST
    case 2026:  // CR_SSL_CONNECTION_ERROR
    case 2055:  // CR_SERVER_LOST_EXTENDED
    case 4031:  // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8)
      return ErrorKind::unavailable;
    case 0:
      // Connector/C++ raises its own errors without a number ("Connection has been closed").
      if (message.find("closed") != std::string_view::npos ||
          message.find("connect") != std::string_view::npos)
        return ErrorKind::unavailable;
      return ErrorKind::fatal;
    default:
      return ErrorKind::fatal;
  }
}

void throw_store_error(ErrorKind kind, const std::string& message) {
  switch (kind) {
    case ErrorKind::retry:
      throw billing::StoreConflict(message);
    case ErrorKind::duplicate:
      throw billing::StoreDuplicate(message);
    case ErrorKind::unavailable:
      throw billing::StoreUnavailable(message);
    case ErrorKind::fatal:
      break;
  }
  throw billing::StoreError(message);
}

}  // namespace prepaid::mysql
