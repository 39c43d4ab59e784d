/*
 * driver.c — plays Quire for abi_test.go: loads a plugin built on quire.dev/plugin, prints its
 * descriptor and manifest, and makes the calls Quire makes (init with a host table, commands,
 * a formatter, linters, shutdown), printing every result as plain lines to compare.
 *
 * Usage: driver PLUGIN.so
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quire_plugin.h"

static void print_str(const char *label, quire_str s) {
  if (s.ptr == NULL && s.len != 0) {
    printf("%s=<NULL with length %zu>\n", label, s.len);
    return;
  }
  printf("%s=", label);
  for (size_t i = 0; i < s.len; i++) {
    char c = s.ptr[i];
    if (c == '\n') fputs("\\n", stdout);
    else putchar(c);
  }
  putchar('\n');
}

static void print_list(const char *label, const quire_str *items, uint32_t count) {
  printf("%s:", label);
  if (count > 0 && items == NULL) printf(" <NULL>");
  for (uint32_t i = 0; i < count; i++) printf(" %.*s", (int)items[i].len, items[i].ptr);
  putchar('\n');
}

static void log_line(int32_t level, const char *message, size_t len) {
  printf("host log %d: %.*s\n", level, (int)len, message);
}

static const quire_host host = {sizeof(quire_host), QUIRE_ABI_MAJOR, QUIRE_ABI_MINOR, log_line};

static void print_result(const quire_result *r) {
  if (!r) {
    printf("NULL\n");
    return;
  }
  printf("struct_size=%u status=%d flags=%u reserved=%u\n", r->struct_size, r->status, r->flags, r->reserved);
  print_str("message", r->message);
  if (r->flags & QUIRE_RESULT_HAS_TEXT) print_str("text", r->text);
  for (uint32_t i = 0; i < r->edit_count; i++) {
    printf("edit %llu-%llu ", (unsigned long long)r->edits[i].range.start, (unsigned long long)r->edits[i].range.end);
    print_str("text", r->edits[i].text);
  }
  for (uint32_t i = 0; i < r->diagnostic_count; i++) {
    const quire_diagnostic *d = &r->diagnostics[i];
    printf("diagnostic %llu-%llu severity=%d reserved=%u ", (unsigned long long)d->range.start, (unsigned long long)d->range.end, d->severity, d->reserved);
    print_str("code", d->code);
    print_str("  message", d->message);
  }
}

/* Prints the label, makes the call (logging in between), then prints what the call returned. */
#define CALL(label, expression)             \
  do {                                      \
    printf("-- %s\n", label);               \
    const quire_result *result = expression; \
    print_result(result);                   \
  } while (0)

static void churn(void) {
  for (int i = 0; i < 1000; i++) free(malloc(64));
}

static const quire_result *call(quire_handler_fn handler, const char *text, size_t len, const char *language, uint64_t start, uint64_t end) {
  quire_selection selection = {{start, end}, end};
  quire_document doc = {sizeof(quire_document), 1, {text, len}, {language, strlen(language)}, {NULL, 0}, &selection};
  return handler(&doc);
}

static quire_handler_fn command(const quire_plugin *p, const char *id) {
  for (uint32_t i = 0; i < p->command_count; i++) {
    if (p->commands[i].id.len == strlen(id) && memcmp(p->commands[i].id.ptr, id, p->commands[i].id.len) == 0) return p->commands[i].run;
  }
  fprintf(stderr, "no command %s\n", id);
  exit(1);
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    fprintf(stderr, "%s\n", dlerror());
    return 1;
  }
  const quire_plugin *(*entry)(void) = (const quire_plugin *(*)(void))dlsym(library, QUIRE_ENTRY_SYMBOL);
  const char *manifest = dlsym(library, QUIRE_MANIFEST_SYMBOL);
  if (!entry || !manifest) {
    fprintf(stderr, "missing export\n");
    return 1;
  }
  const quire_plugin *p = entry();
  if (entry() != p) printf("entry returned a different descriptor the second time\n");

  printf("manifest:\n%s", manifest);
  printf("struct_size=%u abi=%u.%u capabilities=%u reserved=%u reserved2=%u init=%d shutdown=%d\n", p->struct_size,
         p->abi_major, p->abi_minor, p->capabilities, p->reserved, p->reserved2, p->init != NULL, p->shutdown != NULL);
  print_str("id", p->id);
  print_str("name", p->name);
  print_str("version", p->version);
  print_str("description", p->description);
  for (uint32_t i = 0; i < p->command_count; i++) {
    const quire_command *c = &p->commands[i];
    printf("command %.*s | %.*s | %.*s | run=%d\n", (int)c->id.len, c->id.ptr, (int)c->title.len, c->title.ptr,
           (int)c->keybinding.len, c->keybinding.ptr ? c->keybinding.ptr : "", c->run != NULL);
    for (uint32_t j = 0; j < i; j++) {
      if (p->commands[j].run == c->run) printf("commands %u and %u share a handler\n", j, i);
    }
  }
  for (uint32_t i = 0; i < p->format_count; i++) {
    const quire_format *f = &p->formats[i];
    printf("format %.*s | %.*s | formatter=%d\n", (int)f->id.len, f->id.ptr, (int)f->name.len, f->name.ptr, f->format != NULL);
    print_list("  extensions", f->extensions, f->extension_count);
    print_list("  filenames", f->filenames, f->filename_count);
    print_str("  grammar", f->monarch_json);
  }
  for (uint32_t i = 0; i < p->linter_count; i++) {
    const quire_linter *l = &p->linters[i];
    printf("linter %.*s | %.*s | triggers=%u | lint=%d\n", (int)l->id.len, l->id.ptr, (int)l->name.len, l->name.ptr, l->triggers, l->lint != NULL);
    print_list("  languages", l->languages, l->language_count);
  }

  printf("-- init\n");
  printf("returned %d\n", p->init(&host));

  static const char hello[] = "say h\xc3\xa9llo";
  CALL("uppercase", call(command(p, "uppercase"), hello, sizeof hello - 1, "plaintext", 4, 10));
  CALL("explode", call(command(p, "explode"), "abc", 3, "plaintext", 0, 0));
  CALL("refuse", call(command(p, "refuse"), "abc", 3, "plaintext", 0, 0));
  CALL("nothing", call(command(p, "nothing"), "abc", 3, "plaintext", 0, 0));
  CALL("log-from-a-goroutine", call(command(p, "log-from-a-goroutine"), "", 0, "plaintext", 0, 0));
  CALL("not utf-8", call(command(p, "uppercase"), "ab\xff", 3, "plaintext", 0, 3));
  CALL("formatter", call(p->formats[0].format, "a  \n\n", 5, "tidy", 0, 0));
  /* A result stays valid until the next call, however much the process allocates meanwhile. */
  printf("-- linter\n");
  const quire_result *lint = call(p->linters[0].lint, "TODO one\nTODO two", 17, "tidy", 0, 0);
  churn();
  print_result(lint);
  CALL("linter, nothing found", call(p->linters[0].lint, "done", 4, "tidy", 0, 0));

  printf("-- shutdown\n");
  fflush(stdout);
  p->shutdown();
  fflush(stdout);
  return 0;
}
