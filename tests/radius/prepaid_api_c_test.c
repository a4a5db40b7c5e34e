/* Proves prepaid_api.h is valid C: compiled as C11, it opens and closes a core and gets a
 * named error for a bad option through the C API. Runs without a database. */
#include "radius-module/prepaid_api.h"

#include <stdio.h>
#include <string.h>

static int failures = 0;

#define EXPECT(cond)                                                                 \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      fprintf(stderr, "%s:%d: expectation failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                                    \
    }                                                                                \
  } while (0)

static struct prepaid_config defaults(void) {
  struct prepaid_config c;
  memset(&c, 0, sizeof(c));
  c.db_socket = "/nonexistent/mysqld.sock";
  c.db_host = "127.0.0.1";
  c.db_port = 3306;
  c.db_user = "prepaid";
  c.db_password = "";
  c.db_name = "prepaid";
  c.db_connections = 4;
  c.default_currency = "EUR";
  c.max_call_duration_s = 7200;
  c.reservation_grace_s = 120;
  c.international_prefix = "00";
  c.time_limit = "both";
  c.bill_leg = "originate";
  c.nas_bill_leg = "";
  c.session_key = "h323-conf-id call-id acct-session-id";
  c.expire_interval_s = 60;
  c.overrun_tolerance_s = 0;
  c.pin_attempts = 5;
  c.pin_lock_time_s = 900;
  c.source_pin_failures = 50;
  c.source_pin_window_s = 300;
  return c;
}

int main(void) {
  struct prepaid_config config = defaults();
  struct prepaid_core* core = NULL;
  char error[256] = "";
  int rc;

  /* A bad option: refused, named, no handle. */
  config.time_limit = "forever";
  rc = prepaid_open(&config, &core, error, sizeof(error));
  EXPECT(rc == PREPAID_E_INVALID);
  EXPECT(core == NULL);
  EXPECT(strstr(error, "time_limit") != NULL);

  /* NULL arguments are errors, not crashes. */
  EXPECT(prepaid_open(NULL, &core, error, sizeof(error)) == PREPAID_E_INVALID);
  EXPECT(prepaid_find_account(NULL, NULL, NULL) == PREPAID_E_INVALID);
  EXPECT(prepaid_authorize(NULL, NULL, NULL, NULL) == PREPAID_E_INVALID);
  prepaid_card_read_free(NULL);
  EXPECT(prepaid_record_accounting(NULL, NULL, NULL) == PREPAID_E_INVALID);

  /* A good configuration opens even while the database is unreachable. */
  config = defaults();
  rc = prepaid_open(&config, &core, error, sizeof(error));
  EXPECT(rc == PREPAID_OK);
  EXPECT(core != NULL);
  prepaid_close(core);
  prepaid_close(NULL);

  if (failures) return 1;
  printf("prepaid_api.h: C API ok\n");
  return 0;
}
