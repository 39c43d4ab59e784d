/*
 * hostile-proc — a valid plugin whose commands try to spy on other processes through /proc,
 * for the sandbox tests. The document text names the victim:
 *
 *   read-environ  text = PID | "child"  read /proc/PID/environ and /proc/PID/cmdline; the
 *                 message gives the byte count (never the contents: environments hold secrets)
 *   read-mem      text = PID | "child"  open /proc/PID/mem and read 16 bytes of its first
 *                 readable mapping (found in /proc/PID/maps)
 *
 * "child" makes the plugin fork a victim of its own first (named "quire-hostile", killed and
 * reaped before the command returns). Use it where Yama (kernel.yama.ptrace_scope = 1, the
 * Ubuntu default) would refuse /proc/PID/mem of a process that is not a descendant even
 * without a sandbox; environ and cmdline are readable for any process of the same user.
 *
 * Messages, e.g.:
 *   "environ: succeeded (2210 bytes); cmdline: succeeded (57 bytes)"
 *   "environ: blocked (EACCES); cmdline: blocked (EACCES)"
 *   "read-mem: succeeded (16 bytes)"   "read-mem: blocked (EACCES)"
 *   "read-mem: opened, read blocked (EIO)"   "read-mem: child: blocked (EAGAIN)"
 * "blocked (E...)" means the call failed with that errno. None of this is an example.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "quire_plugin.h"
#include "support/hostile-report.h"

/* The name every process a hostile plugin starts carries (see hostile-plugins.ts). */
#define HOSTILE_MARKER "quire-hostile"

/*
 * The victim: a pid from the text, or (for "child") a child forked here that only waits to be
 * killed. Returns 0 with *pid set, or an errno (fork's) when the child could not be made.
 */
static int victim_of(const char *text, pid_t *pid, int *is_child) {
  *is_child = 0;
  if (text && strcmp(text, "child") == 0) {
    pid_t child = fork();
    if (child < 0) return errno;
    if (child == 0) {
      /* Only async-signal-safe calls here: the host has other threads. */
      prctl(PR_SET_NAME, HOSTILE_MARKER);
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      for (;;) pause();
    }
    *pid = child;
    *is_child = 1;
    return 0;
  }
  char *end = NULL;
  long number = text ? strtol(text, &end, 10) : 0;
  if (!text || end == text || *end != '\0' || number <= 0) return EINVAL;
  *pid = (pid_t)number;
  return 0;
}

static void end_victim(pid_t pid, int is_child) {
  if (!is_child) return;
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
}

/* Reads all of /proc/PID/NAME, appending "NAME: succeeded (N bytes)" or why not to `out`. */
static void read_whole(pid_t pid, const char *name, char *out, size_t room) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    snprintf(out, room, "%s: blocked (%s)", name, errno_name(errno));
    return;
  }
  char chunk[4096];
  size_t total = 0;
  ssize_t count;
  while ((count = read(fd, chunk, sizeof chunk)) > 0) total += (size_t)count;
  int error = errno;
  close(fd);
  if (count < 0) snprintf(out, room, "%s: opened, read blocked (%s)", name, errno_name(error));
  else snprintf(out, room, "%s: succeeded (%zu bytes)", name, total);
}

/* Attack: read another process's environment (API keys, tokens) and command line. */
static const quire_result *read_environ(const quire_document *doc) {
  pid_t pid;
  int is_child;
  int error = victim_of(argument_of(doc), &pid, &is_child);
  if (error == EINVAL) return report("read-environ: give a pid or \"child\"");
  if (error) return report("read-environ: child: blocked (%s)", errno_name(error));
  char environ_part[256], cmdline_part[256];
  read_whole(pid, "environ", environ_part, sizeof environ_part);
  read_whole(pid, "cmdline", cmdline_part, sizeof cmdline_part);
  end_victim(pid, is_child);
  return report("%s; %s", environ_part, cmdline_part);
}

/* The start address of the first readable mapping in /proc/PID/maps, or 0 (errno set). */
static unsigned long first_readable_mapping(pid_t pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
  FILE *maps = fopen(path, "re");
  if (!maps) return 0;
  char line[512];
  unsigned long start = 0, end = 0;
  char permissions[8];
  unsigned long found = 0;
  while (fgets(line, sizeof line, maps)) {
    if (sscanf(line, "%lx-%lx %7s", &start, &end, permissions) == 3 && permissions[0] == 'r') {
      found = start;
      break;
    }
  }
  fclose(maps);
  if (!found) errno = ENOENT;
  return found;
}

/* Attack: read another process's memory directly, as a debugger would. */
static const quire_result *read_mem(const quire_document *doc) {
  pid_t pid;
  int is_child;
  int error = victim_of(argument_of(doc), &pid, &is_child);
  if (error == EINVAL) return report("read-mem: give a pid or \"child\"");
  if (error) return report("read-mem: child: blocked (%s)", errno_name(error));
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/mem", (int)pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = errno;
    end_victim(pid, is_child);
    return report("read-mem: blocked (%s)", errno_name(error));
  }
  unsigned long address = first_readable_mapping(pid);
  if (!address) {
    error = errno;
    close(fd);
    end_victim(pid, is_child);
    return report("read-mem: opened, maps blocked (%s)", errno_name(error));
  }
  char bytes[16];
  ssize_t count = pread(fd, bytes, sizeof bytes, (off_t)address);
  error = errno;
  close(fd);
  end_victim(pid, is_child);
  if (count < 0) return report("read-mem: opened, read blocked (%s)", errno_name(error));
  return report("read-mem: succeeded (%zd bytes)", count);
}

static const quire_command commands[] = {
    {QUIRE_STR("read-environ"), QUIRE_STR("Hostile: Read Another Process's Environment"), QUIRE_NO_STR, read_environ},
    {QUIRE_STR("read-mem"), QUIRE_STR("Hostile: Read Another Process's Memory"), QUIRE_NO_STR, read_mem},
};

/* Asks for no capability: everything above must fail inside the sandbox. */
QUIRE_PLUGIN_MANIFEST("dev.quire.test.hostile-proc", "Hostile Proc", "1.0.0", "");

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.hostile-proc"),
    .name = QUIRE_STR("Hostile Proc"),
    .version = QUIRE_STR("1.0.0"),
    .description = QUIRE_STR("Commands that read other processes' environment and memory through /proc, for the sandbox tests."),
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
