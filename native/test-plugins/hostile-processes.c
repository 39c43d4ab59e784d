/*
 * hostile-processes — a valid plugin whose commands try to escape their host process: leave
 * processes behind, run programs, signal or trace processes outside it. For the sandbox tests.
 *
 *   fork-children  text = COUNT (empty: 20)  fork COUNT children that sleep 600 s. They keep
 *                  the host's inherited descriptors (its stdio pipes), as careless code does.
 *   daemon         double fork + setsid: a grandchild in a session of its own, stdio on
 *                  /dev/null, sleeping 600 s; reparented to init (or a subreaper) at once.
 *   exec-shell     fork + execve("/bin/sh", -c "sleep 600"), and posix_spawn("/bin/sleep",
 *                  "600") (glibc's posix_spawn is a clone(CLONE_VM|CLONE_VFORK) + execve).
 *   kill-parent    text = SIGNAL (empty: 9)   kill(getppid(), SIGNAL)
 *   kill-pid       text = PID [SIGNAL] (default 15)   kill(PID, SIGNAL)
 *   kill-group     text = SIGNAL (empty: 15)  kill(0, SIGNAL): the host's whole process group
 *   ptrace         text = PID | "child"       PTRACE_ATTACH, then PTRACE_SEIZE (detaching after each)
 *
 * THE MARKER. Every process these commands leave running can be found by `processesWithMarker`
 * in main/plugins/test-support/hostile-plugins.ts, even after it was reparented:
 *   - forked children set their name with prctl(PR_SET_NAME, "quire-hostile") (/proc/PID/comm);
 *   - exec'd programs get argv[0] = "quire-hostile" and an environment holding only
 *     QUIRE_HOSTILE_MARKER=quire-hostile and PATH (/proc/PID/environ; comm becomes "sh"/"sleep",
 *     and the "sleep" that sh starts inherits the environment).
 *
 * !! kill-parent, kill-pid and kill-group really send the signal. Without a sandbox:
 *    - kill-parent SIGKILLs whatever started the host: in a test, the vitest worker itself;
 *    - kill-group signals every process in the host's process group: a host spawned without
 *      `detached` shares the group of the test runner, so SIGTERM would end the whole run.
 *    To show these calls WORK unsandboxed, pass signal 0 ("0"): the kernel checks permission
 *    and delivers nothing. Only send a real signal where the sandbox is meant to stop it, or to
 *    a host started in a group/parent of its own. kill-group ignores a catchable signal in the
 *    host while it sends it, so the host survives to report; SIGKILL/SIGSTOP cannot be ignored.
 *
 * Messages (status OK), e.g.:
 *   "fork-children: 20 of 20 succeeded"   "fork-children: 0 of 20 succeeded; fork blocked (EAGAIN)"
 *   "daemon: succeeded (pid 4242)"        "daemon: fork blocked (EPERM)"   "daemon: setsid blocked (EPERM)"
 *   "exec-shell: fork+exec /bin/sh: succeeded (pid 4243); posix_spawn /bin/sleep: succeeded (pid 4245)"
 *   "exec-shell: fork+exec /bin/sh: exec blocked (EACCES); posix_spawn /bin/sleep: blocked (EACCES)"
 *   "kill-parent: succeeded (signal 0 to pid 100)"   "kill-pid: blocked (EPERM)"
 *   "kill-group: succeeded (signal 0 to process group 99)"
 *   "ptrace-attach: succeeded; ptrace-seize: succeeded"   "ptrace-attach: blocked (EPERM); ..."
 * "blocked (E...)" means the call failed with that errno: ESRCH means no such process, not that
 * a sandbox stopped it. A seccomp filter that KILLS instead of failing ends the host instead of
 * any message. None of this is an example.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "quire_plugin.h"
#include "support/hostile-report.h"

/* The name every process a hostile plugin starts carries (see hostile-plugins.ts). */
#define HOSTILE_MARKER "quire-hostile"

/* The environment exec'd programs get: the marker, and a PATH for sh to find sleep. */
static char marker_variable[] = "QUIRE_HOSTILE_MARKER=" HOSTILE_MARKER;
static char path_variable[] = "PATH=/usr/bin:/bin";
static char *const marked_environment[] = {marker_variable, path_variable, NULL};

/* Reads a whole non-negative decimal number from `text`, advancing it past the digits; -1 if none. */
static long number_from(const char **text) {
  char *end = NULL;
  long value = strtol(*text, &end, 10);
  if (end == *text || value < 0) return -1;
  *text = end;
  return value;
}

/*
 * What a forked child that must linger does. Only async-signal-safe calls: the host has
 * other threads, and after fork only this one exists, possibly holding their locks.
 */
static void linger_marked(void) {
  prctl(PR_SET_NAME, HOSTILE_MARKER);
  struct timespec remaining = {600, 0};
  while (nanosleep(&remaining, &remaining) != 0) {
  }
  _exit(0);
}

/* Attack: leave a crowd of processes behind (and exhaust the user's process limit). */
static const quire_result *fork_children(const quire_document *doc) {
  const char *text = argument_of(doc);
  long wanted = 20;
  if (text && *text && ((wanted = number_from(&text)) <= 0 || *text || wanted > 1000)) {
    return report("fork-children: give a count from 1 to 1000, or nothing for 20");
  }
  long started = 0;
  int first_error = 0;
  for (long i = 0; i < wanted; i++) {
    pid_t child = fork();
    if (child == 0) linger_marked();
    if (child > 0) started++;
    else if (!first_error) first_error = errno;
  }
  if (!first_error) return report("fork-children: %ld of %ld succeeded", started, wanted);
  return report("fork-children: %ld of %ld succeeded; fork blocked (%s)", started, wanted, errno_name(first_error));
}

/* What the middle process of `daemon` tells the host through a pipe. */
struct daemon_news {
  int stage; /* 0 started, 1 setsid failed, 2 second fork failed */
  int error;
  pid_t pid;
};

/* Attack: the classic daemon, which no longer has the host as parent nor shares its session. */
static const quire_result *daemon_command(const quire_document *doc) {
  (void)doc;
  int news_pipe[2];
  if (pipe2(news_pipe, O_CLOEXEC) != 0) return report("daemon: pipe blocked (%s)", errno_name(errno));
  pid_t middle = fork();
  if (middle < 0) {
    int error = errno;
    close(news_pipe[0]);
    close(news_pipe[1]);
    return report("daemon: fork blocked (%s)", errno_name(error));
  }
  if (middle == 0) {
    struct daemon_news news = {0, 0, 0};
    close(news_pipe[0]);
    if (setsid() < 0) {
      news = (struct daemon_news){1, errno, 0};
    } else {
      pid_t grandchild = fork();
      if (grandchild == 0) {
        close(news_pipe[1]);
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
          dup2(null, 0);
          dup2(null, 1);
          dup2(null, 2);
          if (null > 2) close(null);
        }
        if (chdir("/") != 0) {
          /* Staying where we are is fine too. */
        }
        linger_marked();
      }
      news = grandchild > 0 ? (struct daemon_news){0, 0, grandchild} : (struct daemon_news){2, errno, 0};
    }
    if (write(news_pipe[1], &news, sizeof news) != (ssize_t)sizeof news) _exit(1);
    _exit(0);
  }
  close(news_pipe[1]);
  struct daemon_news news = {0, 0, 0};
  ssize_t got = read(news_pipe[0], &news, sizeof news);
  close(news_pipe[0]);
  waitpid(middle, NULL, 0);
  if (got != (ssize_t)sizeof news) return report("daemon: the middle process died without a word");
  if (news.stage == 1) return report("daemon: setsid blocked (%s)", errno_name(news.error));
  if (news.stage == 2) return report("daemon: second fork blocked (%s)", errno_name(news.error));
  return report("daemon: succeeded (pid %d)", (int)news.pid);
}

/*
 * fork + execve of /bin/sh -c "sleep 600". A close-on-exec pipe tells whether the exec worked:
 * the child writes errno to it only when execve returns; a successful exec closes it empty.
 */
static void fork_exec_shell(char *out, size_t room) {
  static char sh_name[] = HOSTILE_MARKER, dash_c[] = "-c", command[] = "sleep 600";
  char *const shell_argv[] = {sh_name, dash_c, command, NULL};
  int exec_pipe[2];
  if (pipe2(exec_pipe, O_CLOEXEC) != 0) {
    snprintf(out, room, "fork+exec /bin/sh: pipe blocked (%s)", errno_name(errno));
    return;
  }
  pid_t child = fork();
  if (child == 0) {
    prctl(PR_SET_NAME, HOSTILE_MARKER);
    execve("/bin/sh", shell_argv, marked_environment);
    int error = errno;
    if (write(exec_pipe[1], &error, sizeof error) < 0) _exit(126);
    _exit(127);
  }
  int fork_error = errno;
  close(exec_pipe[1]);
  if (child < 0) {
    close(exec_pipe[0]);
    snprintf(out, room, "fork+exec /bin/sh: fork blocked (%s)", errno_name(fork_error));
    return;
  }
  int exec_error = 0;
  ssize_t got = read(exec_pipe[0], &exec_error, sizeof exec_error);
  close(exec_pipe[0]);
  if (got == (ssize_t)sizeof exec_error) {
    waitpid(child, NULL, 0);
    snprintf(out, room, "fork+exec /bin/sh: exec blocked (%s)", errno_name(exec_error));
  } else {
    snprintf(out, room, "fork+exec /bin/sh: succeeded (pid %d)", (int)child);
  }
}

/* posix_spawn reports the child's execve error itself (glibc waits for it in a vfork). */
static void spawn_sleep(char *out, size_t room) {
  static char sleep_name[] = HOSTILE_MARKER, seconds[] = "600";
  char *const sleep_argv[] = {sleep_name, seconds, NULL};
  pid_t child;
  int error = posix_spawn(&child, "/bin/sleep", NULL, NULL, sleep_argv, marked_environment);
  if (error) snprintf(out, room, "posix_spawn /bin/sleep: blocked (%s)", errno_name(error));
  else snprintf(out, room, "posix_spawn /bin/sleep: succeeded (pid %d)", (int)child);
}

/* Attack: run another program, with none of the host's restrictions it would choose for itself. */
static const quire_result *exec_shell(const quire_document *doc) {
  (void)doc;
  char shell_part[256], spawn_part[256];
  fork_exec_shell(shell_part, sizeof shell_part);
  spawn_sleep(spawn_part, sizeof spawn_part);
  return report("exec-shell: %s; %s", shell_part, spawn_part);
}

/* The signal from `text` (a number), `fallback` when empty, -1 when it is not a signal number. */
static int signal_from(const char *text, int fallback) {
  if (!text || !*text) return fallback;
  long signal = number_from(&text);
  return signal < 0 || signal >= NSIG || *text ? -1 : (int)signal;
}

/* Attack: end (or signal) the process that supervises the host: Quire itself. See the warning at the top. */
static const quire_result *kill_parent(const quire_document *doc) {
  int signal = signal_from(argument_of(doc), SIGKILL);
  if (signal < 0) return report("kill-parent: give a signal number, or nothing for 9");
  pid_t parent = getppid();
  if (kill(parent, signal) != 0) return report("kill-parent: blocked (%s)", errno_name(errno));
  return report("kill-parent: succeeded (signal %d to pid %d)", signal, (int)parent);
}

/* Attack: signal any process of the same user (the test passes one it started). */
static const quire_result *kill_pid(const quire_document *doc) {
  const char *text = argument_of(doc);
  long pid = text ? number_from(&text) : -1;
  while (text && *text == ' ') text++;
  int signal = pid > 0 ? signal_from(text, SIGTERM) : -1;
  if (signal < 0) return report("kill-pid: give \"PID\" or \"PID SIGNAL\"");
  if (kill((pid_t)pid, signal) != 0) return report("kill-pid: blocked (%s)", errno_name(errno));
  return report("kill-pid: succeeded (signal %d to pid %ld)", signal, pid);
}

/*
 * Attack: signal the host's whole process group, which it may share with Quire (or a test
 * runner). See the warning at the top: without a sandbox, use signal 0.
 */
static const quire_result *kill_group(const quire_document *doc) {
  int signal = signal_from(argument_of(doc), SIGTERM);
  if (signal < 0) return report("kill-group: give a signal number, or nothing for 15");
  /* Ignore the signal here while sending it, so the host lives to report what happened. */
  int shield = signal != 0 && signal != SIGKILL && signal != SIGSTOP;
  struct sigaction ignore = {.sa_handler = SIG_IGN}, previous;
  if (shield) sigaction(signal, &ignore, &previous);
  int failed = kill(0, signal);
  int error = errno;
  if (shield) sigaction(signal, &previous, NULL);
  if (failed) return report("kill-group: blocked (%s)", errno_name(error));
  return report("kill-group: succeeded (signal %d to process group %d)", signal, (int)getpgrp());
}

/* Waits up to two seconds for a traced `pid` to stop; 0 when it did. */
static int await_stop(pid_t pid) {
  for (int tries = 0; tries < 200; tries++) {
    int status;
    pid_t got = waitpid(pid, &status, WNOHANG | __WALL);
    if (got == pid && WIFSTOPPED(status)) return 0;
    if (got < 0) return errno;
    struct timespec pause_10ms = {0, 10 * 1000 * 1000};
    nanosleep(&pause_10ms, NULL);
  }
  return ETIMEDOUT;
}

/* Attack: take over another process as a debugger does (read its memory, change its code). */
static const quire_result *ptrace_command(const quire_document *doc) {
  const char *text = argument_of(doc);
  pid_t pid;
  int own_child = text && strcmp(text, "child") == 0;
  if (own_child) {
    pid = fork();
    if (pid < 0) return report("ptrace: child: blocked (%s)", errno_name(errno));
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      linger_marked();
    }
  } else {
    long number = text ? number_from(&text) : -1;
    if (number <= 0 || *text) return report("ptrace: give a pid or \"child\"");
    pid = (pid_t)number;
  }

  char attach_part[128], seize_part[128];
  if (ptrace(PTRACE_ATTACH, pid, NULL, NULL) != 0) {
    snprintf(attach_part, sizeof attach_part, "ptrace-attach: blocked (%s)", errno_name(errno));
  } else {
    int error = await_stop(pid);
    ptrace(PTRACE_DETACH, pid, NULL, NULL);
    if (error) snprintf(attach_part, sizeof attach_part, "ptrace-attach: succeeded, no stop (%s)", errno_name(error));
    else snprintf(attach_part, sizeof attach_part, "ptrace-attach: succeeded");
  }
  if (ptrace(PTRACE_SEIZE, pid, NULL, NULL) != 0) {
    snprintf(seize_part, sizeof seize_part, "ptrace-seize: blocked (%s)", errno_name(errno));
  } else {
    /* A seized tracee runs on; it must be stopped before it can be detached. */
    ptrace(PTRACE_INTERRUPT, pid, NULL, NULL);
    int error = await_stop(pid);
    ptrace(PTRACE_DETACH, pid, NULL, NULL);
    if (error) snprintf(seize_part, sizeof seize_part, "ptrace-seize: succeeded, no stop (%s)", errno_name(error));
    else snprintf(seize_part, sizeof seize_part, "ptrace-seize: succeeded");
  }
  if (own_child) {
    kill(pid, SIGKILL);
    waitpid(pid, NULL, __WALL);
  }
  return report("%s; %s", attach_part, seize_part);
}

static const quire_command commands[] = {
    {QUIRE_STR("fork-children"), QUIRE_STR("Hostile: Fork Lingering Children"), QUIRE_NO_STR, fork_children},
    {QUIRE_STR("daemon"), QUIRE_STR("Hostile: Start a Daemon"), QUIRE_NO_STR, daemon_command},
    {QUIRE_STR("exec-shell"), QUIRE_STR("Hostile: Run a Shell"), QUIRE_NO_STR, exec_shell},
    {QUIRE_STR("kill-parent"), QUIRE_STR("Hostile: Signal the Parent"), QUIRE_NO_STR, kill_parent},
    {QUIRE_STR("kill-pid"), QUIRE_STR("Hostile: Signal a Process"), QUIRE_NO_STR, kill_pid},
    {QUIRE_STR("kill-group"), QUIRE_STR("Hostile: Signal the Process Group"), QUIRE_NO_STR, kill_group},
    {QUIRE_STR("ptrace"), QUIRE_STR("Hostile: Trace a Process"), QUIRE_NO_STR, ptrace_command},
};

/* Asks for no capability: everything above must fail inside the sandbox. */
QUIRE_PLUGIN_MANIFEST("dev.quire.test.hostile-processes", "Hostile Processes", "1.0.0", "");

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.hostile-processes"),
    .name = QUIRE_STR("Hostile Processes"),
    .version = QUIRE_STR("1.0.0"),
    .description = QUIRE_STR("Commands that fork, daemonise, exec, signal and trace, for the sandbox tests."),
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
