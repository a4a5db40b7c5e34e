#ifndef PREPAID_RADIUS_PREPAID_API_H
#define PREPAID_RADIUS_PREPAID_API_H
/**
 * @file prepaid_api.h
 * @brief The C API of the prepaid core, as seen by the FreeRADIUS module (rlm_prepaid.c).
 *
 * FreeRADIUS headers are C only, so the module is a thin C shim; everything it needs from the
 * C++ core goes through this header: plain structs and enums, an opaque handle, negative
 * status codes. No C++ exception crosses it (each function catches everything).
 *
 * The shim hands over the request's attributes as they arrived (numbers, vendor, raw value);
 * the core does all protocol logic (Cisco `name=` prefixes, Cisco-AVPair items, h323 time
 * stamps, leg selection, number clean-up) and answers with the attributes to put in the reply,
 * values already formatted. The shim only copies them into the FreeRADIUS lists.
 *
 * Lifetime: prepaid_open() in instantiate, prepaid_close() in detach. Every other function is
 * safe to call from many threads at once on one handle.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Status of a call. 0 is success; errors are negative. */
enum prepaid_status {
  PREPAID_OK = 0,
  /** A NULL pointer, or a configuration value out of its range (message says which). */
  PREPAID_E_INVALID = -1,
  /** The database cannot be reached: fail the request so that the NAS retransmits. */
  PREPAID_E_UNAVAILABLE = -2,
  /** Anything unexpected (a bug); the message says what. Fail the request. */
  PREPAID_E_INTERNAL = -3,
  /** Deliberately not answered: the request's source address is guessing PINs
   *  (source_pin_failures). Send nothing. */
  PREPAID_E_IGNORED = -4
};

/** @brief Which time limit attributes an Access-Accept carries. */
enum prepaid_time_limit {
  PREPAID_TIME_LIMIT_SESSION_TIMEOUT = 1,  /**< Session-Timeout only */
  PREPAID_TIME_LIMIT_H323_CREDIT_TIME = 2, /**< Cisco h323-credit-time only */
  PREPAID_TIME_LIMIT_BOTH = 3              /**< both (the default) */
};

/**
 * @brief The module configuration, as parsed by FreeRADIUS from `prepaid { ... }`.
 *
 * Strings are NUL-terminated and may be NULL where the text says so. prepaid_open() checks
 * every value and names the bad one with its valid range.
 */
struct prepaid_config {
  const char* db_socket;            /**< Unix socket of the database server; NULL or "" = use TCP */
  const char* db_host;              /**< TCP host when no socket is set (default 127.0.0.1) */
  uint32_t db_port;                 /**< TCP port, 1..65535 */
  const char* db_user;              /**< database account */
  const char* db_password;          /**< its password (never logged) */
  const char* db_name;              /**< database (schema) name */
  uint32_t db_connections;          /**< connections kept open, 1..1024 (one per busy thread) */
  const char* default_currency;     /**< ISO 4217 code used where an account has none */
  uint32_t max_call_duration_s;     /**< upper bound of any grant, 1..86400 seconds */
  uint32_t reservation_grace_s;     /**< a reservation outlives its grant by this, 0..86400 */
  const char* international_prefix; /**< stripped before rating, e.g. "00"; may be "" */
  const char* time_limit;           /**< "session_timeout", "h323_credit_time" or "both" */
  /** Cisco leg billed by default: "originate" or "answer". */
  const char* bill_leg;
  /** Per-NAS exceptions: "<source address>=<leg>" items separated by spaces or commas; may be "".
   */
  const char* nas_bill_leg;
  /** Where the call's session id comes from, tried in order, separated by spaces or commas:
   *  "h323-conf-id", "call-id" (Cisco-AVPair call-id=), "acct-session-id". */
  const char* session_key;
  /** Every this many seconds (0..86400; 0 = never) the accounting path marks reservations
   *  past their expiry `expired` (they already stopped counting; this tidies the table). */
  uint32_t expire_interval_s;
  /** Seconds a Stop may report beyond the grant and still be billed, 0..3600. */
  uint32_t overrun_tolerance_s;
  /** Wrong PINs in a row (each within pin_lock_time_s of the one before) that lock a card,
   *  0..1000; 0 = never lock. */
  uint32_t pin_attempts;
  /** How long a card stays locked after pin_attempts wrong PINs, 1..604800 seconds. */
  uint32_t pin_lock_time_s;
  /** Wrong PINs from one source address within source_pin_window_s after which its
   *  Access-Requests are not answered for the rest of the window, 0..1000000; 0 = never. */
  uint32_t source_pin_failures;
  /** The window of source_pin_failures, 1..86400 seconds. */
  uint32_t source_pin_window_s;
};

/** @brief How an attribute value is held. */
enum prepaid_attr_kind {
  PREPAID_ATTR_TEXT = 0,    /**< data/length: a string (not NUL-terminated) */
  PREPAID_ATTR_OCTETS = 1,  /**< data/length: raw bytes (e.g. unknown attributes) */
  PREPAID_ATTR_INTEGER = 2, /**< integer (also enumerated values) */
  PREPAID_ATTR_DATE = 3,    /**< integer: seconds since 1970-01-01 UTC */
  PREPAID_ATTR_IPV4 = 4,    /**< integer: the address in host byte order */
  PREPAID_ATTR_OTHER = 5    /**< a type the core does not read */
};

/** @brief One attribute of a request, pointing into the server's memory (valid for the call). */
struct prepaid_attr {
  uint32_t vendor; /**< 0 for standard attributes, 9 for Cisco */
  uint32_t number; /**< attribute number within the vendor space */
  enum prepaid_attr_kind kind;
  uint32_t integer;
  const char* data;
  size_t length;
};

/** @brief A request as received. */
struct prepaid_request {
  const struct prepaid_attr* attrs; /**< every attribute except User-Password and CHAP-Password */
  size_t count;
  const char* client_address; /**< source IP address of the packet, as text */
  int64_t received_us;        /**< arrival time, microseconds since 1970-01-01 UTC */
  /** The authorize step only: User-Password as FreeRADIUS decoded it (PAP), else NULL. Only
   *  compared with the card's PIN, never logged or kept. */
  const char* password;
  size_t password_length;
  /** The authorize step only: CHAP-Password as received (its identifier, then the 16-octet
   *  response), else NULL; and the challenge it answers (CHAP-Challenge, else the Request
   *  Authenticator). Only checked against the card's PIN, never logged or kept. */
  const unsigned char* chap_password;
  size_t chap_password_length;
  const unsigned char* chap_challenge;
  size_t chap_challenge_length;
};

/** Longest value of a reply attribute, NUL excluded (RFC 2865 limit minus the VSA header). */
#define PREPAID_REPLY_TEXT_MAX 247
/** Most attributes a reply carries. */
#define PREPAID_REPLY_MAX 12

/** @brief One attribute to put in the reply, replacing any earlier one with that number. */
struct prepaid_reply_attr {
  uint32_t vendor;
  uint32_t number;
  enum prepaid_attr_kind kind; /**< PREPAID_ATTR_TEXT or PREPAID_ATTR_INTEGER */
  uint32_t integer;
  char text[PREPAID_REPLY_TEXT_MAX + 1];
};

/** @brief How loudly a message goes to the server log. */
enum prepaid_log_level {
  PREPAID_LOG_NONE = 0,
  PREPAID_LOG_INFO,
  PREPAID_LOG_WARN,
  PREPAID_LOG_ERROR
};

/** @brief The answer to an Access-Request step. */
struct prepaid_reply {
  /** 1 = let the request go on (accept), 0 = refuse it (Access-Reject). */
  int accept;
  /** Cisco h323-return-code of the decision (0 = ok); also in attrs. */
  int return_code;
  struct prepaid_reply_attr attrs[PREPAID_REPLY_MAX];
  size_t count;
  enum prepaid_log_level log_level;
  char log[256]; /**< for the server log; never holds a PIN or password */
};

/**
 * @brief Opaque: what the authorize step found, handed to the post-auth step of the same
 * request: the account as it read it (balance, calls in progress, versions), so that the
 * post-auth step decides without reading again; or, for a PAP request whose password is its
 * PIN, the decision already made (and reservation already taken) in the same transaction as
 * the read. Release with prepaid_card_read_free().
 */
struct prepaid_card_read;

/** @brief What the authorize step found. */
struct prepaid_lookup {
  /** 1: the account exists and may try to authenticate; `password` holds its PIN for
   *  FreeRADIUS's pap/chap modules (control:Cleartext-Password). 0: refused, see `reply`. */
  int found;
  char password[128]; /**< the PIN; the caller wipes it after use */
  struct prepaid_reply reply;
  /** When found: the read, for prepaid_authorize() on the same request; NULL otherwise. The
   *  caller owns it (prepaid_card_read_free()), also when post-auth never runs. */
  struct prepaid_card_read* card;
};

/** @brief What an Accounting-Request did. */
enum prepaid_accounting_outcome {
  PREPAID_ACCT_RECORDED = 0, /**< committed: answer the NAS */
  PREPAID_ACCT_IGNORED = 1,  /**< nothing to bill (other leg, malformed): logged, answer the NAS */
};

struct prepaid_accounting {
  enum prepaid_accounting_outcome outcome;
  enum prepaid_log_level log_level;
  char log[256];
};

/** Opaque handle of the core: configuration, database connections, caches. */
struct prepaid_core;

/**
 * @brief Checks the configuration and opens the core (connecting to the database once).
 * @param error receives a message naming the bad value and its valid range (may be NULL);
 *        on success it may hold a warning (e.g. the database is not reachable yet: the core
 *        retries on later requests), else it is "".
 * @return PREPAID_OK and *core set, or a negative status (*core untouched). A database whose
 *         schema does not match this code is an error (the message says what to run).
 */
int prepaid_open(const struct prepaid_config* config, struct prepaid_core** core, char* error,
                 size_t error_size);

/** @brief Releases the core (NULL is fine). */
void prepaid_close(struct prepaid_core* core);

/**
 * @brief The authorize step: finds the account named by User-Name.
 * Found: `lookup->found` = 1 and its PIN in `lookup->password`. Unknown, malformed: found = 0
 * and `lookup->reply` holds the refusal (h323-return-code 1 or 11, Reply-Message).
 * A stage-2 (or single-stage) request with `request->password`, `request->chap_password`
 * or a SIP digest answer (Digest-Response and Digest-Attributes among `request->attrs`) is
 * decided here at once: a wrong password or CHAP answer is refused (found = 0,
 * h323-return-code 2); otherwise found = 1, the decision travels in `lookup->card` and
 * `lookup->password` holds the PIN, for pap, chap or digest to check as usual (a digest that
 * does not match is not refused here: it goes the slower way, and the digest module decides).
 * @return PREPAID_OK, or a negative status with a log message in `lookup->reply`:
 *         PREPAID_E_UNAVAILABLE (the database cannot be reached: the shim sends no answer at
 *         all, so that the gateway retransmits or fails over), else an internal error with a
 *         refusal to send (h323-return-code 8).
 */
int prepaid_find_account(struct prepaid_core* core, const struct prepaid_request* request,
                         struct prepaid_lookup* lookup);

/**
 * @brief The post-auth step after a successful authentication: decides the call and reserves
 * its cost. Stage 1 (no Called-Station-Id) answers with the balance; stage 2 and single-stage
 * requests with the granted seconds. A refusal has `reply->accept` = 0.
 * @param card what prepaid_find_account() read for this request, or NULL (then the account
 *        is read again); not released here.
 * @return PREPAID_OK, or a negative status: PREPAID_E_UNAVAILABLE (no answer is sent),
 *         else an internal error with a refusal (code 8) in `reply`.
 */
int prepaid_authorize(struct prepaid_core* core, const struct prepaid_request* request,
                      const struct prepaid_card_read* card, struct prepaid_reply* reply);

/** @brief Releases what prepaid_find_account() put in `lookup->card` (NULL is fine). */
void prepaid_card_read_free(struct prepaid_card_read* card);

/**
 * @brief The post-auth step after a failed authentication (wrong PIN): the refusal to send,
 * h323-return-code 2 and a Reply-Message. A reservation the authorize step took for this
 * request (`card`, may be NULL) is released.
 */
int prepaid_refuse_authentication(struct prepaid_core* core, const struct prepaid_request* request,
                                  const struct prepaid_card_read* card,
                                  struct prepaid_reply* reply);

/**
 * @brief The accounting step: records Start, Interim-Update, Stop, Accounting-On/Off.
 * @return PREPAID_OK once the effect is committed (or deliberately ignored, see
 *         `result->outcome`); PREPAID_E_UNAVAILABLE when the database cannot be reached, so
 *         the module fails the request and the NAS retransmits.
 */
int prepaid_record_accounting(struct prepaid_core* core, const struct prepaid_request* request,
                              struct prepaid_accounting* result);

#ifdef __cplusplus
}
#endif

#endif /* PREPAID_RADIUS_PREPAID_API_H */
