// hello.cpp — the hello example in C++20: same plugin, C++ syntax.
//
// Build: c++ -std=c++20 -shared -fPIC -O2 -Wall -I path/to/quire/native/include -o hello.so hello.cpp
//
// C++20 is needed for designated initialisers (QUIRE_PLUGIN_HEADER uses them); they must follow
// the header's field order, and g++ -Wextra wants every field named, so the descriptor lists
// them all. No exception may leave a handler: it cannot cross the C ABI (hence noexcept).
#include <cstring>

#include "quire_plugin.h"

namespace {

const quire_host *host;
quire_result result;
quire_edit edit;

// Handlers have C language linkage, like every function Quire calls.
extern "C" const quire_result *say_hello(const quire_document *doc) noexcept {
  result = quire_result{};
  result.struct_size = sizeof result;
  edit.range = doc->selections[0].range;
  edit.text = QUIRE_STR("Hello from C++!");
  result.edits = &edit;
  result.edit_count = 1;
  return &result;
}

extern "C" int32_t hello_init(const quire_host *quire) noexcept {
  static const char ready[] = "hello-cpp is ready";
  host = quire;
  host->log(QUIRE_LOG_INFO, ready, std::strlen(ready));
  return 0;
}

const quire_command commands[] = {
    {QUIRE_STR("say-hello"), QUIRE_STR("Hello (C++): Say Hello"), QUIRE_NO_STR, say_hello},
};

const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("org.example.hello-cpp"),
    .name = QUIRE_STR("Hello (C++)"),
    .version = QUIRE_STR("1.0.0"),
    .description = QUIRE_NO_STR,
    .init = hello_init,
    .shutdown = nullptr,
    .command_count = QUIRE_COUNT(commands),
    .format_count = 0,
    .commands = commands,
    .formats = nullptr,
    .linter_count = 0,
    .reserved = 0,
    .linters = nullptr,
    .capabilities = 0,
    .reserved2 = 0,
};

}  // namespace

// Outside the anonymous namespace: the manifest is looked up by name in the file.
QUIRE_PLUGIN_MANIFEST("org.example.hello-cpp", "Hello (C++)", "1.0.0", "");

// The header declares quire_plugin_entry inside extern "C", so this definition has C linkage.
extern "C" QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
