/*
 * quire_plugin.h — the C ABI between Quire and its native plugins.
 *
 * A Quire plugin is a shared library (.so on Linux) that exports one function,
 * quire_plugin_entry(), returning a description of the plugin: its identity and the
 * commands, file formats and linters it contributes. Any language that can export a C
 * function works: C, C++, Rust (cdylib), Go (-buildmode=c-shared), Zig...
 *
 * Quire loads each plugin in a process of its own (a "plugin host"), so a plugin that
 * crashes, hangs or leaks costs only itself a restart. Before loading, Quire reads the file
 * and refuses anything that is not a shared library for this OS and CPU or that does not
 * export quire_plugin_entry; `quire doctor PLUGIN.so` shows what Quire thinks of a file.
 * From the same bytes it reads the plugin's manifest (QUIRE_PLUGIN_MANIFEST below): what
 * the user is asked to allow before any of the plugin's code runs.
 *
 * The plugin host process is sandboxed: a plugin may only do what CAPABILITIES (below)
 * grant it, and it is granted only the capabilities its manifest declares and the user allowed.
 *
 * ---------------------------------------------------------------------------------------
 * VERSIONING
 *   QUIRE_ABI_MAJOR changes only when an existing field or rule changes meaning; a host
 *   loads only plugins of its own major. QUIRE_ABI_MINOR grows when something is added;
 *   a host loads plugins built against its own or an older minor (it knows their layout)
 *   and refuses newer ones. Structs that cross the boundary start with `struct_size`, set
 *   by whoever fills the struct to sizeof() as they compiled it, so each side can tell
 *   which fields the other one knows about. New fields are only ever appended to the END
 *   of a struct; nothing is ever removed or reordered within a major version.
 *   Element structs in arrays (quire_command, quire_format, quire_linter, quire_edit,
 *   quire_diagnostic, quire_selection) never change within a major version.
 *
 * STRINGS
 *   Every string is a quire_str: a pointer and a length in bytes, UTF-8, not necessarily
 *   NUL-terminated. Quire never reads past `len` and never relies on a terminating NUL;
 *   it rejects strings that are not valid UTF-8. `ptr` may be NULL only when `len` is 0.
 *
 * MEMORY OWNERSHIP
 *   - The descriptor returned by quire_plugin_entry(), and everything it points to, is
 *     owned by the plugin and must stay valid and unchanged until shutdown() returns
 *     (in practice: make it static const data).
 *   - Arguments Quire passes to a handler (the quire_document and everything it points to)
 *     are owned by Quire and valid only until that handler returns. Copy what you keep.
 *   - A handler's result (quire_result and everything it points to) is owned by the
 *     plugin and must stay valid until the plugin's NEXT handler call or shutdown(),
 *     whichever comes first. Quire checks and copies it before then. The simplest
 *     plugin keeps one static quire_result and frees the previous call's buffers at the
 *     start of each call.
 *   - The quire_host table passed to init() is owned by Quire and valid until shutdown()
 *     returns; keep the pointer.
 *
 * THREADING
 *   Quire calls into a plugin from ONE thread, ONE call at a time: entry, init, each
 *   handler, shutdown. A plugin needs no locks for its own state. A plugin must not call
 *   quire_host functions from any other thread, and must not leave threads running after
 *   a call returns: Quire measures each plugin's CPU, and a plugin that spins in the
 *   background is visible to the user.
 *
 * NO WORK IN CONSTRUCTORS
 *   Do not rely on library constructors (__attribute__((constructor)), C++ static
 *   initialisers with side effects, Rust #[ctor], Go init() doing I/O). They run while the
 *   library is being loaded, before Quire has passed the host table, so they cannot log,
 *   cannot report failure, and a crash there is reported as a crash while loading with no
 *   way to tell the user why (the Go plugin package's "init runs at Open" problem).
 *   Do setup in init(), which Quire calls after loading, under a deadline, and whose
 *   failure it reports with your message.
 *
 * OUTPUT
 *   Anything a plugin writes to stdout or stderr becomes lines in that plugin's log in
 *   Quire; it never reaches Quire's own protocol. Prefer host->log, which carries a level.
 *
 * LIMITS (a plugin that exceeds them is refused, or its call fails, with a message)
 *   strings in the descriptor ≤ 4 KiB (grammars ≤ 1 MiB); ids ≤ 64 bytes; ≤ 256 commands,
 *   64 formats, 64 linters, 64 extensions or file names per format, 64 languages per linter;
 *   results: text ≤ 64 MiB, ≤ 100 000 edits, ≤ 100 000 diagnostics, message ≤ 4 KiB,
 *   diagnostic code ≤ 64 bytes; log lines are cut at 4 KiB.
 * ---------------------------------------------------------------------------------------
 */
#ifndef QUIRE_PLUGIN_H
#define QUIRE_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define QUIRE_ABI_MAJOR 1
#define QUIRE_ABI_MINOR 1

/** The name of the one function every plugin exports. */
#define QUIRE_ENTRY_SYMBOL "quire_plugin_entry"

/** Marks the entry function as exported even when building with -fvisibility=hidden. */
#if defined(_WIN32)
#define QUIRE_PLUGIN_EXPORT __declspec(dllexport)
#else
#define QUIRE_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* ---------------------------------------------------------------------------------------
 * Basic types
 * ------------------------------------------------------------------------------------- */

/** UTF-8 text with an explicit length in bytes. @since 1.0 */
typedef struct quire_str {
  /**
   * The first byte; owned by whoever owns the struct holding this quire_str (see MEMORY
   * OWNERSHIP) and valid as long as that struct is. NULL only when `len` is 0.
   */
  const char *ptr;
  /** Length in bytes, without any terminating NUL. */
  size_t len;
} quire_str;

/**
 * A quire_str from a string literal: QUIRE_STR("Sort Lines"). Only literals compile (the ""
 * concatenation rejects a `const char *`, whose sizeof would silently give the pointer size).
 */
#define QUIRE_STR(literal) { ("" literal), sizeof("" literal) - 1 }
/** The empty string: "not given" for Optional fields. */
#define QUIRE_NO_STR { NULL, 0 }

/**
 * A range of the document, as byte offsets into quire_document.text: [start, end).
 * Offsets must lie on UTF-8 character boundaries and satisfy start <= end <= text.len.
 * @since 1.0
 */
typedef struct quire_range {
  uint64_t start;
  uint64_t end;
} quire_range;

/** A selection; `active` is where the cursor is (start or end of `range`). @since 1.0 */
typedef struct quire_selection {
  quire_range range;
  uint64_t active;
} quire_selection;

/* ---------------------------------------------------------------------------------------
 * What Quire passes to handlers
 * ------------------------------------------------------------------------------------- */

/**
 * The document a handler works on. Owned by Quire; valid until the handler returns.
 * @since 1.0
 */
typedef struct quire_document {
  /** sizeof(quire_document) as Quire was compiled; fields past it are absent. */
  uint32_t struct_size;
  /** Number of elements of `selections`; at least 1. */
  uint32_t selection_count;
  /**
   * The whole document, UTF-8. Line endings are as in the editor ("\n" or "\r\n"). Owned by
   * Quire, valid until the handler returns; `ptr` is NULL only for an empty document.
   */
  quire_str text;
  /** The editor's language id for the document, e.g. "csv", "plaintext". Owned by Quire, as `text`. */
  quire_str language_id;
  /** Absolute path of the file; empty (NULL, 0) for a document that was never saved. Owned by Quire, as `text`. */
  quire_str path;
  /**
   * The selections, primary first: `selection_count` elements, at least one (an empty range is
   * a cursor; a linter, or a formatter run on save, gets a cursor at offset 0). Never NULL.
   * Owned by Quire; valid until the handler returns.
   */
  const quire_selection *selections;
} quire_document;

/** Log levels for quire_host.log. */
enum {
  QUIRE_LOG_DEBUG = 0,
  QUIRE_LOG_INFO = 1,
  QUIRE_LOG_WARNING = 2,
  QUIRE_LOG_ERROR = 3
};

/**
 * Functions Quire provides to the plugin, passed to init(). Owned by Quire; valid until
 * shutdown() returns. Call them only from inside a call Quire made (init or a handler).
 * New members are only ever appended. @since 1.0
 */
typedef struct quire_host {
  /** sizeof(quire_host) as Quire was compiled; check it before using a newer member. */
  uint32_t struct_size;
  /** The host's ABI version: a plugin may adapt to an older minor. */
  uint16_t abi_major;
  uint16_t abi_minor;
  /**
   * Adds a line to this plugin's log in Quire. Never NULL; callable until shutdown() returns,
   * from inside a call Quire made. `message` (`len` bytes of UTF-8, need not be NUL-terminated)
   * is owned by the plugin and copied before log returns; NULL is allowed only with `len` 0.
   */
  void (*log)(int32_t level, const char *message, size_t len);
} quire_host;

/* ---------------------------------------------------------------------------------------
 * What handlers return
 * ------------------------------------------------------------------------------------- */

/** Severity of a diagnostic. */
enum {
  QUIRE_SEVERITY_ERROR = 1,
  QUIRE_SEVERITY_WARNING = 2,
  QUIRE_SEVERITY_INFO = 3,
  QUIRE_SEVERITY_HINT = 4
};

/** Replace `range` of the document with `text`. @since 1.0 */
typedef struct quire_edit {
  /** Byte offsets into the document as it was passed in. */
  quire_range range;
  /** The replacement; empty (NULL, 0) deletes. Owned by the plugin, as the quire_result. */
  quire_str text;
} quire_edit;

/** One problem a linter found. @since 1.0 */
typedef struct quire_diagnostic {
  /** Where; an empty range marks a position. */
  quire_range range;
  /** QUIRE_SEVERITY_*. */
  int32_t severity;
  /** Must be zero: Quire fails the call (bad-result, naming the diagnostic) otherwise. */
  uint32_t reserved;
  /** Required. What is wrong, for the user; ≤ 4 KiB. Owned by the plugin, as the quire_result. */
  quire_str message;
  /** Optional (NULL, 0 for none). A short stable code, e.g. "field-count"; ≤ 64 bytes. Owned as `message`. */
  quire_str code;
} quire_diagnostic;

/** quire_result.status values. */
enum {
  /** The call worked; the fields below say what to do. */
  QUIRE_STATUS_OK = 0,
  /** The call failed; `message` says why (shown to the user). The document is unchanged. */
  QUIRE_STATUS_ERROR = 1
};

/** quire_result.flags bits. */
enum {
  /** `text` is meaningful (an empty `text` with this flag set means "make it empty"). */
  QUIRE_RESULT_HAS_TEXT = 1u << 0
};

/**
 * What a handler returns. Owned by the plugin; valid until its next handler call or
 * shutdown(). A handler may also return NULL, meaning "OK, nothing to change".
 *
 *  - command:   either `edits` (applied together as one undoable step) or, with
 *               QUIRE_RESULT_HAS_TEXT, `text` replacing the whole document; plus an
 *               optional `message` shown as a notification.
 *  - formatter: `text` (with QUIRE_RESULT_HAS_TEXT) replacing the whole document, or `edits`.
 *  - linter:    `diagnostics` (none means "no problems").
 *
 * Edits must not overlap; Quire applies them against the document as it was passed in.
 * @since 1.0
 */
typedef struct quire_result {
  /** sizeof(quire_result) as the plugin was compiled. */
  uint32_t struct_size;
  /** QUIRE_STATUS_*. */
  int32_t status;
  /** QUIRE_RESULT_* bits. */
  uint32_t flags;
  /** Number of elements of `edits`; 0 for none. Read for commands and formatters only. */
  uint32_t edit_count;
  /** Number of elements of `diagnostics`; 0 for none. Read for linters only. */
  uint32_t diagnostic_count;
  /** Must be zero: Quire fails the call (bad-result) otherwise. */
  uint32_t reserved;
  /**
   * Optional (NULL, 0 for none). Shown to the user: information for OK, the reason for ERROR.
   * ≤ 4 KiB. Everything this struct points to is owned by the plugin, like the struct itself.
   */
  quire_str message;
  /** See QUIRE_RESULT_HAS_TEXT; ≤ 64 MiB. Ignored without that flag. */
  quire_str text;
  /** `edit_count` edits; may be NULL only when edit_count is 0. */
  const quire_edit *edits;
  /** `diagnostic_count` diagnostics; may be NULL only when diagnostic_count is 0. */
  const quire_diagnostic *diagnostics;
} quire_result;

/**
 * A command, formatter or linter handler. `doc` is never NULL.
 * Runs on Quire's plugin thread under a deadline (5 s for commands and formatters, 2 s
 * for linters by default); a handler that overruns is stopped by ending its host process.
 */
typedef const quire_result *(*quire_handler_fn)(const quire_document *doc);

/* ---------------------------------------------------------------------------------------
 * What a plugin contributes
 * ------------------------------------------------------------------------------------- */

/**
 * A command the user runs from the command palette or a keybinding. It receives the
 * active document and its selections. @since 1.0
 */
typedef struct quire_command {
  /** Required. Unique within the plugin: lowercase letters, digits, '.', '-', '_'; e.g. "sort-lines". */
  quire_str id;
  /** Required. Shown in the command palette, e.g. "Sort Lines". */
  quire_str title;
  /**
   * Optional. Default keybinding: modifiers joined by '+', then one key, e.g. "Ctrl+Alt+S".
   * Modifiers: Ctrl, Shift, Alt, Meta. Keys: A–Z, 0–9, F1–F24, Enter, Escape, Tab, Space,
   * Backspace, Delete, Insert, Home, End, PageUp, PageDown, Up, Down, Left, Right, and
   * ` - = [ ] \ ; ' , . /
   */
  quire_str keybinding;
  /** Required; never NULL. Plugin code, callable until shutdown() returns. */
  quire_handler_fn run;
} quire_command;

/** A file format: a language with highlighting and, optionally, a formatter. @since 1.0 */
typedef struct quire_format {
  /** Required. The language id, unique within the plugin, e.g. "csv". */
  quire_str id;
  /** Required. Shown to the user, e.g. "CSV". */
  quire_str name;
  /**
   * `extension_count` file extensions with their dot, e.g. ".csv". At least one extension or
   * file name. NULL only when extension_count is 0. Owned by the plugin, as the descriptor.
   */
  const quire_str *extensions;
  /** Number of elements of `extensions`; ≤ 64. */
  uint32_t extension_count;
  /** Number of elements of `filenames`; ≤ 64. */
  uint32_t filename_count;
  /** `filename_count` exact file names, e.g. "Makefile". NULL only when filename_count is 0. Owned as `extensions`. */
  const quire_str *filenames;
  /** Optional (NULL, 0 for none). A Monaco Monarch grammar as JSON text, ≤ 1 MiB (see native/README.md). */
  quire_str monarch_json;
  /** Optional: NULL when the format has no formatter. Plugin code, callable until shutdown() returns. */
  quire_handler_fn format;
} quire_format;

/** quire_linter.triggers bits. */
enum {
  /** Run when the document is saved. */
  QUIRE_LINT_ON_SAVE = 1u << 0,
  /** Run as the user types (debounced by Quire). */
  QUIRE_LINT_ON_CHANGE = 1u << 1
};

/** A linter for one or more languages. @since 1.0 */
typedef struct quire_linter {
  /** Required. Unique within the plugin, e.g. "field-count". */
  quire_str id;
  /** Required. Shown next to its diagnostics, e.g. "CSV field count". */
  quire_str name;
  /**
   * Required. `language_count` language ids it checks, e.g. "csv"; never NULL. Owned by the
   * plugin, as the descriptor.
   */
  const quire_str *languages;
  /** Number of elements of `languages`; at least 1, ≤ 64. */
  uint32_t language_count;
  /** Required. QUIRE_LINT_* bits; at least one. */
  uint32_t triggers;
  /** Required; never NULL. Plugin code, callable until shutdown() returns. */
  quire_handler_fn lint;
} quire_linter;

/* ---------------------------------------------------------------------------------------
 * The descriptor
 * ------------------------------------------------------------------------------------- */

/**
 * Everything Quire needs to know about a plugin. Owned by the plugin; valid and unchanged
 * until shutdown() returns. Fill it with QUIRE_PLUGIN_HEADER so the versions are right.
 * @since 1.0
 */
typedef struct quire_plugin {
  /** Required. sizeof(quire_plugin) as the plugin was compiled. */
  uint32_t struct_size;
  /** Required. QUIRE_ABI_MAJOR / QUIRE_ABI_MINOR of the header the plugin was built with. */
  uint16_t abi_major;
  uint16_t abi_minor;
  /** Required. Reverse-DNS, unique among all plugins: e.g. "org.example.text-tools". */
  quire_str id;
  /** Required. Shown to the user, e.g. "Text Tools". */
  quire_str name;
  /** Required. The plugin's own version, e.g. "1.2.0". */
  quire_str version;
  /** Optional. One sentence for the Plugins panel. */
  quire_str description;

  /**
   * Optional. Called once after loading, before any handler, with the host's functions.
   * Return 0 on success. On failure return non-zero and log the reason at
   * QUIRE_LOG_ERROR first: Quire shows the last error line as the reason.
   * Runs under a deadline (5 s). NULL: nothing to set up. `host` is never NULL (see quire_host).
   */
  int32_t (*init)(const quire_host *host);
  /** Optional (NULL: nothing to free). Called once before the host process ends normally. Free what init took. */
  void (*shutdown)(void);

  /** Number of elements of `commands`; ≤ 256. */
  uint32_t command_count;
  /** Number of elements of `formats`; ≤ 64. */
  uint32_t format_count;
  /**
   * `command_count` commands; NULL only when command_count is 0. This array, `formats` and
   * `linters`, and everything they point to, are owned by the plugin, as the descriptor: valid
   * and unchanged until shutdown() returns.
   */
  const quire_command *commands;
  /** `format_count` formats; NULL only when format_count is 0. */
  const quire_format *formats;
  /** Number of elements of `linters`; ≤ 64. */
  uint32_t linter_count;
  /** Must be zero: Quire refuses the plugin (bad-descriptor, naming the field) otherwise. */
  uint32_t reserved;
  /** `linter_count` linters; NULL only when linter_count is 0. */
  const quire_linter *linters;

  /**
   * Optional. QUIRE_CAP_* bits: what the plugin may do beyond its own process. Must equal the
   * capabilities of its manifest (QUIRE_PLUGIN_MANIFEST); any capability without a manifest,
   * a difference, or an unknown bit and Quire refuses the plugin before init().
   * Absent (struct_size too small) in a 1.0 plugin, which gets no capabilities.
   * @since 1.1
   */
  uint32_t capabilities;
  /** Must be zero (read when struct_size covers it): Quire refuses the plugin otherwise. @since 1.1 */
  uint32_t reserved2;
} quire_plugin;

/* ---------------------------------------------------------------------------------------
 * Capabilities and the manifest
 * ------------------------------------------------------------------------------------- */

/**
 * quire_plugin.capabilities bits. Quire runs each plugin host in an OS sandbox that grants
 * exactly the capabilities the plugin declared in its manifest and the user allowed; nothing
 * else. Without a capability the operation does not crash the plugin: the system call fails
 * with the error named below, and the plugin must handle it as an error (return a
 * QUIRE_STATUS_ERROR result saying what it could not do).
 *
 * ALWAYS FORBIDDEN, whatever the capabilities: writing, creating, renaming or deleting any
 * file; starting processes (fork, exec: EPERM); signalling or tracing other processes (kill,
 * ptrace: EPERM); reading the user's home folder or other files outside what a capability
 * grants (open: EACCES); reading other processes (their memory, their /proc entries).
 * Threads within a call (see THREADING) and writing to stdout/stderr (the log) stay allowed.
 * @since 1.1
 */
enum {
  /**
   * Read (never write) files under the folder of the document being handled, for that
   * call's document: e.g. a config file beside it (".editorconfig", a schema). The folder is
   * the directory of quire_document.path; a document that was never saved has none. Files
   * anywhere else stay unreadable. Without it, open() of any such file fails with EACCES.
   */
  QUIRE_CAP_READ_DOCUMENT_FOLDER = 1u << 0,
  /**
   * Open sockets: TCP and UDP, IPv4 and IPv6, and local (Unix) sockets, e.g. to ask a
   * language server or a web service. Without it, socket() fails with EPERM.
   */
  QUIRE_CAP_NETWORK = 1u << 1
};

/**
 * The manifest: a static, NUL-terminated text that Quire reads from the plugin FILE without
 * running any of its code, to show the user the plugin's name, id, version and the
 * capabilities it asks for before it runs. The exported symbol is a char array named
 * quire_plugin_manifest (not a function, not a pointer) holding exactly:
 *
 *   "quire-manifest 1\n"
 *   "id=<id>\n"
 *   "name=<name>\n"
 *   "version=<version>\n"
 *   "capabilities=<names, comma-separated, or nothing>\n"
 *
 * Capability names: "read-document-folder" (QUIRE_CAP_READ_DOCUMENT_FOLDER), "network"
 * (QUIRE_CAP_NETWORK); e.g. "capabilities=read-document-folder,network". Values are UTF-8
 * without control characters; the id follows the rules of quire_plugin.id; the whole array
 * is at most 8 KiB. id, name, version and capabilities must equal the descriptor's.
 *
 * Optional for a plugin that asks for no capability (without one, the user is asked about a
 * nameless file); Required for a plugin that asks for any. A malformed manifest, or one that
 * differs from the descriptor, is refused with the failure code "manifest-mismatch".
 * Declare it in exactly one C or C++ source file, with string literals:
 *
 *   QUIRE_PLUGIN_MANIFEST("org.example.hello", "Hello", "1.0.0", "");
 *
 * Rust and Go forms are in native/README.md, "Capabilities and the manifest".
 * @since 1.1
 */
#define QUIRE_MANIFEST_SYMBOL "quire_plugin_manifest"
#define QUIRE_PLUGIN_MANIFEST(id, name, version, capabilities)                                   \
  QUIRE_MANIFEST_LINKAGE QUIRE_PLUGIN_EXPORT const char quire_plugin_manifest[] =                \
      "quire-manifest 1\n"                                                                      \
      "id=" id "\n"                                                                             \
      "name=" name "\n"                                                                         \
      "version=" version "\n"                                                                   \
      "capabilities=" capabilities "\n"

/*
 * In C++ a namespace-scope const has internal linkage and a C++ name: `extern "C"` gives the
 * manifest the external, unmangled name Quire looks for (use the macro at global scope).
 */
#ifdef __cplusplus
#define QUIRE_MANIFEST_LINKAGE extern "C"
#else
#define QUIRE_MANIFEST_LINKAGE
#endif

/** The manifest, when the plugin defines one with QUIRE_PLUGIN_MANIFEST. @since 1.1 */
QUIRE_PLUGIN_EXPORT extern const char quire_plugin_manifest[];

/** Fills the first fields of a quire_plugin: struct size and ABI version. */
#define QUIRE_PLUGIN_HEADER \
  .struct_size = sizeof(quire_plugin), .abi_major = QUIRE_ABI_MAJOR, .abi_minor = QUIRE_ABI_MINOR

/** Number of elements of a static array, for the *_count fields. */
#define QUIRE_COUNT(array) ((uint32_t)(sizeof(array) / sizeof((array)[0])))

/**
 * The entry point. Required. Returns the plugin's descriptor; must not fail, allocate
 * resources or call anything else: it may run in a process that only inspects the plugin.
 * Declare it in exactly one source file:
 *
 *   QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) { return &my_plugin; }
 */
QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void);

#ifdef __cplusplus
}
#endif

#endif /* QUIRE_PLUGIN_H */
