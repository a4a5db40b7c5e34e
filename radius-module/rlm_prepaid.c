/*
 * rlm_prepaid: the FreeRADIUS 3.2 module of the prepaid billing server.
 *
 * A thin C shim: FreeRADIUS's headers are C only, so this file owns everything that touches
 * them (the module_t, the configuration table, the attribute lists) and hands each request
 * to the C++ core through prepaid_api.h. It makes no decision of its own: it copies the
 * request's attributes in, the reply's attributes out, and maps the outcome to an rcode.
 *
 * Sections (see examples/freeradius/sites-enabled/prepaid):
 *   authorize             finds the account and puts its PIN in control:Cleartext-Password,
 *                         so that FreeRADIUS's own pap / chap modules check the password; a
 *                         PAP or CHAP request with a called number is also decided and
 *                         reserved here (the core checks User-Password, or CHAP-Password
 *                         against its challenge, with the PIN in the same transaction as the
 *                         card's read);
 *   authenticate          pap / chap (not this module);
 *   post-auth             decides the call and reserves its cost (accept; or answers with
 *                         the decision authorize made), or, in
 *                         Post-Auth-Type REJECT, sets the refusal of a failed authentication;
 *                         always puts Message-Authenticator first in the reply;
 *   accounting            records Start / Interim-Update / Stop / Accounting-On / -Off and
 *                         answers only once the effect is committed.
 */
/* radiusd.h first: the other FreeRADIUS headers depend on it. */
#include <freeradius/radiusd.h>

#include <freeradius/modules.h>

#include <arpa/inet.h>
#include <string.h>

#include "radius-module/prepaid_api.h"

/* Cisco h323-return-code (vendor 9, attribute 103): present in a reply once the core decided. */
#define CISCO_VENDOR 9
#define CISCO_H323_RETURN_CODE 103
/* control:Response-Packet-Type value that makes FreeRADIUS send nothing (Do-Not-Respond). */
#define DO_NOT_RESPOND 256

/* Module instance: the options as FreeRADIUS parsed them, and the core. */
typedef struct rlm_prepaid_t {
  char const* db_socket;
  char const* db_server;
  uint32_t db_port;
  char const* db_login;
  char const* db_password;
  char const* db_name;
  uint32_t db_connections;

  char const* default_currency;
  uint32_t max_call_duration;
  uint32_t reservation_grace;
  char const* international_prefix;
  char const* time_limit;
  char const* bill_leg;
  char const* nas_bill_leg;
  char const* session_key;
  uint32_t expire_interval;
  uint32_t overrun_tolerance;
  uint32_t pin_attempts;
  uint32_t pin_lock_time;
  uint32_t source_pin_failures;
  uint32_t source_pin_window;

  struct prepaid_core* core;
} rlm_prepaid_t;

/* Defaults are documented in examples/freeradius/mods-enabled/prepaid. */
static const CONF_PARSER database_config[] = {
    {"socket", FR_CONF_OFFSET(PW_TYPE_STRING, rlm_prepaid_t, db_socket), ""},
    {"server", FR_CONF_OFFSET(PW_TYPE_STRING, rlm_prepaid_t, db_server), "127.0.0.1"},
    {"port", FR_CONF_OFFSET(PW_TYPE_INTEGER, rlm_prepaid_t, db_port), "3306"},
    {"login", FR_CONF_OFFSET(PW_TYPE_STRING, rlm_prepaid_t, db_login), "prepaid"},
    {"password", FR_CONF_OFFSET(PW_TYPE_STRING | PW_TYPE_SECRET, rlm_prepaid_t, db_password), ""},
    {"name", FR_CONF_OFFSET(PW_TYPE_STRING, rlm_prepaid_t, db_name), "prepaid"},
    {"connections", FR_CONF_OFFSET(PW_TYPE_INTEGER, rlm_prepaid_t, db_connections), "32"},
    CONF_PARSER_TERMINATOR};

static const CONF_PARSER module_config[] = {
    {"database", FR_CONF_POINTER(PW_TYPE_SUBSECTION, NULL), (void const*)database_config},
    {"default_currency", FR_CONF_OFFSET(PW_TYPE_STRING, rlm_prepaid_t, default_currency), "EUR"},
    {"max_call_duration", FR_CONF_OFFSET(PW_TYPE_INTEGER, rlm_prepaid_t, max_call_duration),
     "7200"},
    {"reservation_grace", FR_CONF_OFFSET(PW_TYPE_INTEGER, rlm_prepaid_t, reservation_grace), "120"},
    {"international_prefix", FR_CONF_OFFSET(PW_TYPE_STRING, rlm_prepaid_t, international_prefix),
     "00"},
    {"time_limit", FR_CONF_OFFSET(PW_TYPE_STRING, rlm_prepaid_t, time_limit), "both"},
    {"bill_leg", FR_CONF_OFFSET(PW_TYPE_STRING, rlm_prepaid_t, bill_leg), "originate"},
    {"nas_bill_leg", FR_CONF_OFFSET(PW_TYPE_STRING, rlm_prepaid_t, nas_bill_leg), ""},
    {"session_key", FR_CONF_OFFSET(PW_TYPE_STRING, rlm_prepaid_t, session_key),
     "h323-conf-id call-id acct-session-id"},
    {"expire_interval", FR_CONF_OFFSET(PW_TYPE_INTEGER, rlm_prepaid_t, expire_interval), "60"},
    {"overrun_tolerance", FR_CONF_OFFSET(PW_TYPE_INTEGER, rlm_prepaid_t, overrun_tolerance), "0"},
    {"pin_attempts", FR_CONF_OFFSET(PW_TYPE_INTEGER, rlm_prepaid_t, pin_attempts), "5"},
    {"pin_lock_time", FR_CONF_OFFSET(PW_TYPE_INTEGER, rlm_prepaid_t, pin_lock_time), "900"},
    {"source_pin_failures", FR_CONF_OFFSET(PW_TYPE_INTEGER, rlm_prepaid_t, source_pin_failures),
     "50"},
    {"source_pin_window", FR_CONF_OFFSET(PW_TYPE_INTEGER, rlm_prepaid_t, source_pin_window), "300"},
    CONF_PARSER_TERMINATOR};

/* Attributes the shim never hands to the core: secrets. */
static bool is_secret(VALUE_PAIR const* vp) {
  return vp->da->vendor == 0 &&
         (vp->da->attr == PW_USER_PASSWORD || vp->da->attr == PW_CHAP_PASSWORD);
}

static bool known_option(CONF_PARSER const* table, char const* name) {
  for (; table->name; table++) {
    if (strcmp(table->name, name) == 0) return true;
  }
  return false;
}

/* FreeRADIUS only warns about unknown items; a misspelt option must stop the server. */
static int check_unknown_options(CONF_SECTION* section, CONF_PARSER const* table) {
  CONF_ITEM* ci;

  for (ci = cf_item_find_next(section, NULL); ci; ci = cf_item_find_next(section, ci)) {
    if (cf_item_is_pair(ci)) {
      CONF_PAIR* cp = cf_item_to_pair(ci);

      if (!known_option(table, cf_pair_attr(cp))) {
        cf_log_err_cp(cp, "Unknown option \"%s\" in %s { ... }", cf_pair_attr(cp),
                      cf_section_name1(section));
        return -1;
      }
    } else if (cf_item_is_section(ci)) {
      CONF_SECTION* sub = cf_item_to_section(ci);
      char const* name = cf_section_name1(sub);

      if (strcmp(name, "database") != 0 || table != module_config) {
        cf_log_err_cs(sub, "Unknown section \"%s\" in %s { ... }", name, cf_section_name1(section));
        return -1;
      }
      if (check_unknown_options(sub, database_config) < 0) return -1;
    }
  }
  return 0;
}

static int mod_instantiate(CONF_SECTION* conf, void* instance) {
  rlm_prepaid_t* inst = instance;
  struct prepaid_config config;
  char error[512];
  int rc;

  if (check_unknown_options(conf, module_config) < 0) return -1;

  memset(&config, 0, sizeof(config));
  config.db_socket = inst->db_socket;
  config.db_host = inst->db_server;
  config.db_port = inst->db_port;
  config.db_user = inst->db_login;
  config.db_password = inst->db_password;
  config.db_name = inst->db_name;
  config.db_connections = inst->db_connections;
  config.default_currency = inst->default_currency;
  config.max_call_duration_s = inst->max_call_duration;
  config.reservation_grace_s = inst->reservation_grace;
  config.international_prefix = inst->international_prefix;
  config.time_limit = inst->time_limit;
  config.bill_leg = inst->bill_leg;
  config.nas_bill_leg = inst->nas_bill_leg;
  config.session_key = inst->session_key;
  config.expire_interval_s = inst->expire_interval;
  config.overrun_tolerance_s = inst->overrun_tolerance;
  config.pin_attempts = inst->pin_attempts;
  config.pin_lock_time_s = inst->pin_lock_time;
  config.source_pin_failures = inst->source_pin_failures;
  config.source_pin_window_s = inst->source_pin_window;

  error[0] = '\0';
  rc = prepaid_open(&config, &inst->core, error, sizeof(error));
  if (rc != PREPAID_OK) {
    cf_log_err_cs(conf, "Invalid configuration: %s", error);
    return -1;
  }
  if (error[0]) WARN("rlm_prepaid (%s): %s", cf_section_name1(conf), error);
  return 0;
}

static int mod_detach(void* instance) {
  rlm_prepaid_t* inst = instance;

  prepaid_close(inst->core);
  inst->core = NULL;
  return 0;
}

/* Converts the request's attributes for the core. The array belongs to `request`. */
static struct prepaid_attr* request_attrs(REQUEST* request, size_t* count) {
  vp_cursor_t cursor;
  VALUE_PAIR* vp;
  struct prepaid_attr* attrs;
  size_t n = 0;

  for (vp = fr_cursor_init(&cursor, &request->packet->vps); vp; vp = fr_cursor_next(&cursor)) n++;
  attrs = talloc_zero_array(request, struct prepaid_attr, n ? n : 1);
  if (!attrs) return NULL;

  n = 0;
  for (vp = fr_cursor_init(&cursor, &request->packet->vps); vp; vp = fr_cursor_next(&cursor)) {
    struct prepaid_attr* a;

    if (is_secret(vp)) continue;
    a = &attrs[n++];
    a->vendor = vp->da->vendor;
    a->number = vp->da->attr;
    switch (vp->da->type) {
      case PW_TYPE_STRING:
        a->kind = PREPAID_ATTR_TEXT;
        a->data = vp->vp_strvalue;
        a->length = vp->vp_length;
        break;
      case PW_TYPE_OCTETS:
        a->kind = PREPAID_ATTR_OCTETS;
        a->data = (char const*)vp->vp_octets;
        a->length = vp->vp_length;
        break;
      case PW_TYPE_INTEGER:
        a->kind = PREPAID_ATTR_INTEGER;
        a->integer = vp->vp_integer;
        break;
      case PW_TYPE_SHORT:
        a->kind = PREPAID_ATTR_INTEGER;
        a->integer = vp->vp_short;
        break;
      case PW_TYPE_BYTE:
        a->kind = PREPAID_ATTR_INTEGER;
        a->integer = vp->vp_byte;
        break;
      case PW_TYPE_DATE:
        a->kind = PREPAID_ATTR_DATE;
        a->integer = vp->vp_date;
        break;
      case PW_TYPE_IPV4_ADDR:
        a->kind = PREPAID_ATTR_IPV4;
        a->integer = ntohl(vp->vp_ipaddr);
        break;
      default:
        a->kind = PREPAID_ATTR_OTHER;
        break;
    }
  }
  *count = n;
  return attrs;
}

/* Fills `out` from `request`; `address` is a buffer for the source address text. */
static int request_for_core(REQUEST* request, struct prepaid_request* out, char* address,
                            size_t address_size) {
  fr_ipaddr_t const* src = &request->packet->src_ipaddr;

  out->attrs = request_attrs(request, &out->count);
  if (!out->attrs) return -1;
  address[0] = '\0';
  if (src->af == AF_INET) {
    inet_ntop(AF_INET, &src->ipaddr.ip4addr, address, address_size);
  } else if (src->af == AF_INET6) {
    inet_ntop(AF_INET6, &src->ipaddr.ip6addr, address, address_size);
  }
  out->client_address = address;
  out->password = NULL;
  out->password_length = 0;
  out->chap_password = NULL;
  out->chap_password_length = 0;
  out->chap_challenge = NULL;
  out->chap_challenge_length = 0;
  out->received_us =
      (int64_t)request->packet->timestamp.tv_sec * 1000000 + request->packet->timestamp.tv_usec;
  return 0;
}

static void log_core(REQUEST* request, enum prepaid_log_level level, char const* message) {
  if (!message[0]) return;
  switch (level) {
    case PREPAID_LOG_ERROR:
      RERROR("%s", message);
      break;
    case PREPAID_LOG_WARN:
      RWARN("%s", message);
      break;
    case PREPAID_LOG_INFO:
      RINFO("%s", message);
      break;
    default:
      RDEBUG2("%s", message);
      break;
  }
}

/* Copies the core's reply attributes into the reply list, each replacing earlier ones. */
static void apply_reply(REQUEST* request, struct prepaid_reply const* reply) {
  size_t i;

  log_core(request, reply->log_level, reply->log);
  for (i = 0; i < reply->count; i++) {
    struct prepaid_reply_attr const* a = &reply->attrs[i];
    VALUE_PAIR* vp;

    fr_pair_delete_by_num(&request->reply->vps, a->number, a->vendor, TAG_ANY);
    vp = fr_pair_afrom_num(request->reply, a->number, a->vendor);
    if (!vp) {
      RERROR("Attribute %u (vendor %u) is not in the dictionary", a->number, a->vendor);
      continue;
    }
    if (a->kind == PREPAID_ATTR_INTEGER) {
      vp->vp_integer = a->integer;
    } else {
      fr_pair_value_bstrncpy(vp, a->text, strlen(a->text));
    }
    fr_pair_add(&request->reply->vps, vp);
  }
}

/* Message-Authenticator first in every Access reply (BlastRADIUS, CVE-2024-3596): the
 * encoder computes it; 3.2.1 encodes attributes in list order. */
static void message_authenticator_first(REQUEST* request) {
  static uint8_t const zeros[AUTH_VECTOR_LEN];
  VALUE_PAIR* vp;

  if (request->reply->vps && request->reply->vps->da->vendor == 0 &&
      request->reply->vps->da->attr == PW_MESSAGE_AUTHENTICATOR) {
    return;
  }
  fr_pair_delete_by_num(&request->reply->vps, PW_MESSAGE_AUTHENTICATOR, 0, TAG_ANY);
  vp = fr_pair_afrom_num(request->reply, PW_MESSAGE_AUTHENTICATOR, 0);
  if (!vp) return;
  fr_pair_value_memcpy(vp, zeros, sizeof(zeros));
  fr_pair_prepend(&request->reply->vps, vp);
}

/* The database cannot be reached: no answer at all, so that the gateway retransmits or fails
 * over to another RADIUS server (an Access-Reject would end the call). FreeRADIUS honours it
 * after authorize and again after post-auth (process.c, request_finish). */
static void do_not_respond(REQUEST* request) {
  VALUE_PAIR* vp;

  fr_pair_delete_by_num(&request->config, PW_RESPONSE_PACKET_TYPE, 0, TAG_ANY);
  vp = fr_pair_afrom_num(request, PW_RESPONSE_PACKET_TYPE, 0);
  if (!vp) return;
  vp->vp_integer = DO_NOT_RESPOND;
  fr_pair_add(&request->config, vp);
}

static bool not_responding(REQUEST* request) {
  VALUE_PAIR* vp = fr_pair_find_by_num(request->config, PW_RESPONSE_PACKET_TYPE, 0, TAG_ANY);
  return vp && vp->vp_integer == DO_NOT_RESPOND;
}

/* Maps the status of an Access-Request step that did not go through: the database being down,
 * or a source guessing PINs, means no answer; anything else (a bug) is refused with the reply
 * the core built (code 8). */
static rlm_rcode_t access_failure(REQUEST* request, int rc, struct prepaid_reply const* reply) {
  if (rc == PREPAID_E_UNAVAILABLE || rc == PREPAID_E_IGNORED) {
    log_core(request, reply->log_level, reply->log);
    do_not_respond(request);
    return RLM_MODULE_HANDLED;
  }
  apply_reply(request, reply);
  return RLM_MODULE_FAIL;
}

static void set_cleartext_password(REQUEST* request, char const* pin) {
  VALUE_PAIR* vp;

  fr_pair_delete_by_num(&request->config, PW_CLEARTEXT_PASSWORD, 0, TAG_ANY);
  vp = fr_pair_afrom_num(request, PW_CLEARTEXT_PASSWORD, 0);
  if (!vp) return;
  fr_pair_value_bstrncpy(vp, pin, strlen(pin));
  fr_pair_add(&request->config, vp);
}

/* The account as the authorize step read it, kept with the request for its post-auth step.
 * A talloc child of the request: freed with it if post-auth never takes it. */
typedef struct card_read_holder {
  struct prepaid_card_read* card;
} card_read_holder;

static int free_card_read_holder(card_read_holder* holder) {
  prepaid_card_read_free(holder->card);
  holder->card = NULL;
  return 0;
}

static void keep_card_read(rlm_prepaid_t* inst, REQUEST* request, struct prepaid_card_read* card) {
  card_read_holder* holder;

  if (!card) return;
  holder = talloc_zero(request, card_read_holder);
  if (!holder) {
    prepaid_card_read_free(card);
    return;
  }
  holder->card = card;
  talloc_set_destructor(holder, free_card_read_holder);
  if (request_data_add(request, inst, 0, holder, true) < 0) talloc_free(holder);
}

static rlm_rcode_t CC_HINT(nonnull) mod_authorize(void* instance, REQUEST* request) {
  rlm_prepaid_t* inst = instance;
  struct prepaid_request req;
  struct prepaid_lookup* lookup;
  VALUE_PAIR* password;
  VALUE_PAIR* chap;
  char address[INET6_ADDRSTRLEN];
  rlm_rcode_t rcode;
  int rc;

  if (request->packet->code != PW_CODE_ACCESS_REQUEST) return RLM_MODULE_NOOP;
  if (request_for_core(request, &req, address, sizeof(address)) < 0) return RLM_MODULE_FAIL;
  lookup = talloc_zero(request, struct prepaid_lookup);
  if (!lookup) {
    talloc_free((void*)req.attrs);
    return RLM_MODULE_FAIL;
  }
  password = fr_pair_find_by_num(request->packet->vps, PW_USER_PASSWORD, 0, TAG_ANY);
  if (password && password->da->type == PW_TYPE_STRING) {
    req.password = password->vp_strvalue;
    req.password_length = password->vp_length;
  }
  chap = fr_pair_find_by_num(request->packet->vps, PW_CHAP_PASSWORD, 0, TAG_ANY);
  if (chap && chap->da->type == PW_TYPE_OCTETS) {
    /* The challenge the chap module checks it against: CHAP-Challenge, else the vector. */
    VALUE_PAIR* challenge =
        fr_pair_find_by_num(request->packet->vps, PW_CHAP_CHALLENGE, 0, TAG_ANY);

    req.chap_password = chap->vp_octets;
    req.chap_password_length = chap->vp_length;
    if (challenge && challenge->da->type == PW_TYPE_OCTETS) {
      req.chap_challenge = challenge->vp_octets;
      req.chap_challenge_length = challenge->vp_length;
    } else {
      req.chap_challenge = request->packet->vector;
      req.chap_challenge_length = AUTH_VECTOR_LEN;
    }
  }

  rc = prepaid_find_account(inst->core, &req, lookup);
  if (rc == PREPAID_OK && lookup->found) {
    log_core(request, lookup->reply.log_level, lookup->reply.log);
    set_cleartext_password(request, lookup->password);
    keep_card_read(inst, request, lookup->card);
    lookup->card = NULL;
    rcode = RLM_MODULE_UPDATED;
  } else {
    prepaid_card_read_free(lookup->card);
    lookup->card = NULL;
    if (rc == PREPAID_OK) {
      apply_reply(request, &lookup->reply);
      rcode = RLM_MODULE_REJECT;
    } else {
      rcode = access_failure(request, rc, &lookup->reply);
    }
  }
  explicit_bzero(lookup->password, sizeof(lookup->password));
  talloc_free(lookup);
  talloc_free((void*)req.attrs);
  return rcode;
}

static rlm_rcode_t CC_HINT(nonnull) mod_post_auth(void* instance, REQUEST* request) {
  rlm_prepaid_t* inst = instance;
  struct prepaid_request req;
  struct prepaid_reply* reply;
  card_read_holder* read;
  char address[INET6_ADDRSTRLEN];
  rlm_rcode_t rcode;
  int rc;

  if (request->packet->code != PW_CODE_ACCESS_REQUEST) return RLM_MODULE_NOOP;
  /* The database was down in authorize: nothing is sent, nothing more to do. */
  if (not_responding(request)) return RLM_MODULE_NOOP;
  message_authenticator_first(request);
  /* Taken off the request's data (still its talloc child until freed below). */
  read = request_data_get(request, inst, 0);

  /* Refused earlier by this module (authorize or the accept path): the code is set. */
  if (request->reply->code == PW_CODE_ACCESS_REJECT &&
      fr_pair_find_by_num(request->reply->vps, CISCO_H323_RETURN_CODE, CISCO_VENDOR, TAG_ANY)) {
    talloc_free(read);
    return RLM_MODULE_NOOP;
  }

  if (request_for_core(request, &req, address, sizeof(address)) < 0) {
    talloc_free(read);
    return RLM_MODULE_FAIL;
  }
  reply = talloc_zero(request, struct prepaid_reply);
  if (!reply) {
    talloc_free(read);
    talloc_free((void*)req.attrs);
    return RLM_MODULE_FAIL;
  }

  if (request->reply->code == PW_CODE_ACCESS_REJECT) {
    /* Post-Auth-Type REJECT with no decision of ours: authentication failed. */
    rc = prepaid_refuse_authentication(inst->core, &req, read ? read->card : NULL, reply);
    if (rc == PREPAID_OK) {
      apply_reply(request, reply);
      rcode = RLM_MODULE_UPDATED;
    } else {
      rcode = access_failure(request, rc, reply);
    }
  } else {
    rc = prepaid_authorize(inst->core, &req, read ? read->card : NULL, reply);
    if (rc == PREPAID_OK) {
      apply_reply(request, reply);
      rcode = reply->accept ? RLM_MODULE_UPDATED : RLM_MODULE_REJECT;
    } else {
      rcode = access_failure(request, rc, reply);
    }
  }
  talloc_free(reply);
  talloc_free(read);
  talloc_free((void*)req.attrs);
  return rcode;
}

static rlm_rcode_t CC_HINT(nonnull) mod_accounting(void* instance, REQUEST* request) {
  rlm_prepaid_t* inst = instance;
  struct prepaid_request req;
  struct prepaid_accounting result;
  char address[INET6_ADDRSTRLEN];
  int rc;

  if (request_for_core(request, &req, address, sizeof(address)) < 0) return RLM_MODULE_FAIL;
  memset(&result, 0, sizeof(result));
  rc = prepaid_record_accounting(inst->core, &req, &result);
  log_core(request, result.log_level, result.log);
  talloc_free((void*)req.attrs);

  /* Only ok/updated make FreeRADIUS answer: anything else leaves the NAS retransmitting. */
  if (rc != PREPAID_OK) return RLM_MODULE_FAIL;
  return result.outcome == PREPAID_ACCT_RECORDED ? RLM_MODULE_UPDATED : RLM_MODULE_OK;
}

extern module_t rlm_prepaid;
module_t rlm_prepaid = {
    .magic = RLM_MODULE_INIT,
    .name = "prepaid",
    .type = RLM_TYPE_THREAD_SAFE,
    .inst_size = sizeof(rlm_prepaid_t),
    .config = module_config,
    .instantiate = mod_instantiate,
    .detach = mod_detach,
    .methods = {[MOD_AUTHORIZE] = mod_authorize,
                [MOD_POST_AUTH] = mod_post_auth,
                [MOD_ACCOUNTING] = mod_accounting},
};
