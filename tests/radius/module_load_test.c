/* Proves rlm_prepaid.so loads the way FreeRADIUS 3.2 loads modules (dlopen RTLD_NOW |
 * RTLD_LOCAL | RTLD_DEEPBIND after the server's own libraries), that every symbol it needs
 * resolves against them, that it exports exactly one symbol, `rlm_prepaid`, and that this is
 * a module_t with the server's magic, the name "prepaid", thread safety and the three
 * sections the module implements. Compiled as C against the FreeRADIUS headers. */
/* radiusd.h first: the other FreeRADIUS headers depend on it. */
#include <freeradius/radiusd.h>

#include <freeradius/modules.h>

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

/* libfreeradius-server.so is linked with BIND_NOW and takes these two from the radiusd
 * binary; this program stands in for it (exported with -rdynamic). */
pid_t rad_fork(void);
pid_t rad_waitpid(pid_t pid, int* status);
pid_t rad_fork(void) {
  return -1;
}
pid_t rad_waitpid(pid_t pid, int* status) {
  (void)pid;
  (void)status;
  return -1;
}

static int failures = 0;

#define EXPECT(cond)                                                                 \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      fprintf(stderr, "%s:%d: expectation failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                                    \
    }                                                                                \
  } while (0)

/* Counts the dynamic symbols the module defines (nm -D --defined-only), except rlm_prepaid. */
static int other_exports(char const* path) {
  char cmd[4096], line[1024];
  FILE* nm;
  int others = 0, found = 0;

  snprintf(cmd, sizeof(cmd), "nm -D --defined-only '%s'", path);
  nm = popen(cmd, "r");
  if (!nm) return -1;
  while (fgets(line, sizeof(line), nm)) {
    char addr[64], type[8], name[512];

    if (sscanf(line, "%63s %7s %511s", addr, type, name) != 3) continue;
    if (strcmp(name, "rlm_prepaid") == 0) {
      found = 1;
    } else {
      fprintf(stderr, "unexpected export: %s", line);
      others++;
    }
  }
  if (pclose(nm) != 0) return -1;
  return found ? others : -1;
}

int main(void) {
  char const* path = PREPAID_MODULE_PATH;
  void *radius, *server, *handle;
  module_t const* module;

  radius = dlopen("/usr/lib/freeradius/libfreeradius-radius.so", RTLD_NOW | RTLD_GLOBAL);
  server = dlopen("/usr/lib/freeradius/libfreeradius-server.so", RTLD_NOW | RTLD_GLOBAL);
  if (!radius || !server) {
    fprintf(stderr, "cannot load FreeRADIUS's libraries: %s\n", dlerror());
    return 1;
  }

  handle = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
  if (!handle) {
    fprintf(stderr, "dlopen(%s): %s\n", path, dlerror());
    return 1;
  }
  module = dlsym(handle, "rlm_prepaid");
  EXPECT(module != NULL);
  if (module) {
    EXPECT(module->magic == RLM_MODULE_INIT);
    EXPECT(module->name && strcmp(module->name, "prepaid") == 0);
    EXPECT(module->type == RLM_TYPE_THREAD_SAFE);
    EXPECT(module->inst_size > 0);
    EXPECT(module->config != NULL);
    EXPECT(module->instantiate != NULL);
    EXPECT(module->detach != NULL);
    EXPECT(module->methods[MOD_AUTHORIZE] != NULL);
    EXPECT(module->methods[MOD_POST_AUTH] != NULL);
    EXPECT(module->methods[MOD_ACCOUNTING] != NULL);
    EXPECT(module->methods[MOD_AUTHENTICATE] == NULL); /* pap / chap authenticate */
  }
  /* Nothing of the C++ core (or of libstdc++) leaks into the server's namespace. */
  EXPECT(dlsym(handle, "prepaid_open") == NULL);
  EXPECT(other_exports(path) == 0);

  dlclose(handle);
  if (failures) return 1;
  printf("%s: loads, exports only rlm_prepaid (magic %llx)\n", path,
         (unsigned long long)RLM_MODULE_INIT);
  return 0;
}
