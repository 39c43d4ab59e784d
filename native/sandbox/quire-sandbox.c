/*
 * quire-sandbox: confines itself, then execs a plugin host (Linux only).
 *
 *   quire-sandbox [--read PATH]... [--allow-network] [--memory-bytes N] [--parent-pid PID]
 *                 [--require-landlock] -- PROGRAM [ARGS...]
 *   quire-sandbox --probe
 *
 * Landlock restricts only the calling thread and what it creates afterwards, and Node starts
 * threads before any of our code could run. So the restriction is made here, in a process with
 * one thread, and the host inherits it across execve (like the kernel's
 * samples/landlock/sandboxer.c). seccomp is left to the host itself (libquire_seccomp.so),
 * because its filter must not stop this launcher's own execve.
 *
 * Exit codes: 2 bad usage, 120 a step failed (a message starting "quire-sandbox: " says which),
 * 0 for --probe and when --parent-pid names a parent that is already gone.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Debian 12's headers describe Landlock ABI 1-2 only: everything newer is spelled out here. */
#ifndef LANDLOCK_CREATE_RULESET_VERSION
#define LANDLOCK_CREATE_RULESET_VERSION (1U << 0)
#endif
#define FS_EXECUTE (1ULL << 0)
#define FS_WRITE_FILE (1ULL << 1)
#define FS_READ_FILE (1ULL << 2)
#define FS_READ_DIR (1ULL << 3)
#define FS_REFER (1ULL << 13)      /* ABI 2 */
#define FS_TRUNCATE (1ULL << 14)   /* ABI 3 */
#define FS_IOCTL_DEV (1ULL << 15)  /* ABI 5 */
#define FS_ALL_KNOWN ((1ULL << 16) - 1)
#define NET_BIND_TCP (1ULL << 0)    /* ABI 4 */
#define NET_CONNECT_TCP (1ULL << 1) /* ABI 4 */
#define SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0) /* ABI 6 */
#define SCOPE_SIGNAL (1ULL << 1)               /* ABI 6 */
#define RULE_PATH_BENEATH 1

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#endif
#ifndef SYS_landlock_add_rule
#define SYS_landlock_add_rule 445
#endif
#ifndef SYS_landlock_restrict_self
#define SYS_landlock_restrict_self 446
#endif
#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

/* The kernel's struct landlock_ruleset_attr as of ABI 6. A kernel that knows fewer fields
 * accepts it as long as the fields it does not know are zero. */
struct ruleset_attr {
  uint64_t handled_access_fs;
  uint64_t handled_access_net;
  uint64_t scoped;
};

struct path_beneath_attr {
  uint64_t allowed_access;
  int32_t parent_fd;
} __attribute__((packed));

#define MAX_READ_PATHS 512
#define FAIL 120

struct options {
  const char *read_paths[MAX_READ_PATHS];
  int read_count;
  int allow_network;
  int probe;
  int require_landlock;
  unsigned long long memory_bytes; /* 0: no limit */
  long parent_pid;                 /* 0: not given */
  char **program;                  /* PROGRAM ARGS..., NULL-terminated (from argv) */
};

static void usage(const char *problem) {
  fprintf(stderr,
          "quire-sandbox: %s\n"
          "usage: quire-sandbox [--read PATH]... [--allow-network] [--memory-bytes N] [--parent-pid PID]\n"
          "                     [--require-landlock] -- PROGRAM [ARGS...]\n"
          "       quire-sandbox --probe\n",
          problem);
  exit(2);
}

static _Noreturn void fail(const char *step, int error) {
  fprintf(stderr, "quire-sandbox: %s: %s\n", step, strerror(error));
  exit(FAIL);
}

/* A whole decimal number in [min, max], or -1 (no valid value here is negative). */
static long long parse_number(const char *text, long long min, long long max) {
  if (!text || !*text) return -1;
  errno = 0;
  char *end = NULL;
  long long value = strtoll(text, &end, 10);
  if (errno || *end || value < min || value > max) return -1;
  return value;
}

static void parse(int argc, char **argv, struct options *options) {
  memset(options, 0, sizeof *options);
  int i = 1;
  for (; i < argc; i++) {
    const char *arg = argv[i];
    if (strcmp(arg, "--") == 0) {
      i++;
      break;
    } else if (strcmp(arg, "--probe") == 0) {
      options->probe = 1;
    } else if (strcmp(arg, "--allow-network") == 0) {
      options->allow_network = 1;
    } else if (strcmp(arg, "--require-landlock") == 0) {
      options->require_landlock = 1;
    } else if (strcmp(arg, "--read") == 0) {
      if (i + 1 >= argc || !argv[i + 1][0]) usage("--read needs a path");
      if (options->read_count == MAX_READ_PATHS) usage("too many --read paths");
      options->read_paths[options->read_count++] = argv[++i];
    } else if (strcmp(arg, "--memory-bytes") == 0) {
      long long value = parse_number(i + 1 < argc ? argv[i + 1] : NULL, 1, LLONG_MAX);
      if (value < 0) usage("--memory-bytes needs a positive whole number of bytes");
      options->memory_bytes = (unsigned long long)value;
      i++;
    } else if (strcmp(arg, "--parent-pid") == 0) {
      long long value = parse_number(i + 1 < argc ? argv[i + 1] : NULL, 1, INT_MAX);
      if (value < 0) usage("--parent-pid needs a process id");
      options->parent_pid = (long)value;
      i++;
    } else {
      fprintf(stderr, "quire-sandbox: unknown option %s\n", arg);
      usage("see the usage below");
    }
  }
  if (options->probe) {
    if (i < argc || argc != 2) usage("--probe takes no other arguments");
    return;
  }
  if (i >= argc) usage("no program to run (expected -- PROGRAM [ARGS...])");
  options->program = &argv[i];
}

static int landlock_abi(void) {
  return (int)syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
}

/* Why Landlock cannot be used, for an abi < 0 with its errno. */
static const char *landlock_absence(int error) {
  switch (error) {
    case ENOSYS: return "this kernel was built without Landlock (ENOSYS)";
    case EOPNOTSUPP: return "Landlock is disabled in this kernel (EOPNOTSUPP; add landlock to the lsm= boot parameter)";
    default: return NULL;
  }
}

/* Prints strings into JSON: only quotes, backslashes and control characters need escaping. */
static void print_json_string(const char *text) {
  putchar('"');
  for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
    if (*c == '"' || *c == '\\') printf("\\%c", *c);
    else if (*c < 0x20) printf("\\u%04x", *c);
    else putchar(*c);
  }
  putchar('"');
}

static int probe(void) {
  int abi = landlock_abi();
  int error = errno;
  /* seccomp filters need both the prctl interface (CONFIG_SECCOMP) and the seccomp syscall. */
  uint32_t action = SECCOMP_RET_KILL_PROCESS;
  int seccomp = prctl(PR_GET_SECCOMP, 0, 0, 0, 0) >= 0 && syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) == 0;
  if (abi >= 0) {
    printf("{\"landlockAbi\":%d,\"landlockError\":null,\"seccomp\":%s}\n", abi, seccomp ? "true" : "false");
  } else {
    const char *reason = landlock_absence(error);
    char other[160];
    if (!reason) {
      snprintf(other, sizeof other, "Landlock could not be queried: %s", strerror(error));
      reason = other;
    }
    printf("{\"landlockAbi\":null,\"landlockError\":");
    print_json_string(reason);
    printf(",\"seccomp\":%s}\n", seccomp ? "true" : "false");
  }
  return fflush(stdout) == 0 ? 0 : FAIL;
}

static void limit(int resource, rlim_t value, const char *step) {
  struct rlimit limit = {.rlim_cur = value, .rlim_max = value};
  if (setrlimit(resource, &limit) != 0) fail(step, errno);
}

/* Root or not, the program runs with no capabilities; steps that need privilege we lack are
 * skipped (EPERM), since then there is nothing for them to take away. */
static void drop_capabilities(void) {
  int last = 63;
  FILE *file = fopen("/proc/sys/kernel/cap_last_cap", "re");
  if (file) {
    if (fscanf(file, "%d", &last) != 1) last = 63;
    fclose(file);
  }
  for (int cap = 0; cap <= last; cap++) {
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) {
      if (errno == EPERM) break; /* no CAP_SETPCAP: not privileged, nothing in the set to fear */
      if (errno == EINVAL) break; /* past the kernel's last capability */
      fail("dropping the capability bounding set", errno);
    }
  }
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) {
    fail("clearing ambient capabilities", errno);
  }
  struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
  struct __user_cap_data_struct data[2];
  memset(data, 0, sizeof data);
  if (syscall(SYS_capset, &header, data) != 0 && errno != EPERM) fail("dropping capabilities (capset)", errno);
}

static void add_rule(int ruleset, const char *path, uint64_t access, int skip_missing) {
  int fd = open(path, O_PATH | O_CLOEXEC);
  if (fd < 0) {
    if (skip_missing && (errno == ENOENT || errno == ENOTDIR)) return;
    char step[PATH_MAX + 64];
    snprintf(step, sizeof step, "opening %s for a Landlock rule", path);
    fail(step, errno);
  }
  struct stat info;
  if (fstat(fd, &info) != 0) fail("fstat for a Landlock rule", errno);
  /* Landlock refuses directory rights on a file: give a file only the rights a file has. */
  if (!S_ISDIR(info.st_mode)) access &= FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV;
  struct path_beneath_attr rule = {.allowed_access = access, .parent_fd = fd};
  if (syscall(SYS_landlock_add_rule, ruleset, RULE_PATH_BENEATH, &rule, 0) != 0) {
    char step[PATH_MAX + 64];
    snprintf(step, sizeof step, "adding the Landlock rule for %s", path);
    fail(step, errno);
  }
  close(fd);
}

/* Returns the ABI in force, or -errno when the kernel has no Landlock (nothing was restricted). */
static int restrict_filesystem_and_network(const struct options *options) {
  int abi = landlock_abi();
  if (abi < 0) {
    if (errno == ENOSYS || errno == EOPNOTSUPP) return -errno;
    fail("querying the Landlock ABI", errno);
  }
  struct ruleset_attr attr = {.handled_access_fs = FS_ALL_KNOWN};
  if (abi < 2) attr.handled_access_fs &= ~FS_REFER;
  if (abi < 3) attr.handled_access_fs &= ~FS_TRUNCATE;
  if (abi < 5) attr.handled_access_fs &= ~FS_IOCTL_DEV;
  /* Handling a right with no rule granting it denies it everywhere: that is how TCP is closed. */
  if (abi >= 4 && !options->allow_network) attr.handled_access_net = NET_BIND_TCP | NET_CONNECT_TCP;
  if (abi >= 6) attr.scoped = SCOPE_SIGNAL | (options->allow_network ? 0 : SCOPE_ABSTRACT_UNIX_SOCKET);

  int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
  if (ruleset < 0) fail("creating the Landlock ruleset", errno);

  const uint64_t read = FS_READ_FILE | FS_READ_DIR | FS_EXECUTE;
  /* System folders differ between distributions: a --read path that is missing is skipped. */
  for (int i = 0; i < options->read_count; i++) add_rule(ruleset, options->read_paths[i], read, 1);
  /* This process's own /proc entry, by number: the pid survives execve, so /proc/self works
   * for the host while every other process's environ, cmdline and maps stay unreadable. */
  char own_proc[64];
  snprintf(own_proc, sizeof own_proc, "/proc/%d", (int)getpid());
  add_rule(ruleset, own_proc, FS_READ_FILE | FS_READ_DIR, 0);
  add_rule(ruleset, "/dev/null", FS_READ_FILE | FS_WRITE_FILE, 1);
  add_rule(ruleset, "/dev/zero", FS_READ_FILE, 1);
  add_rule(ruleset, "/dev/urandom", FS_READ_FILE, 1);
  add_rule(ruleset, "/dev/random", FS_READ_FILE, 1);

  if (syscall(SYS_landlock_restrict_self, ruleset, 0) != 0) fail("enforcing the Landlock ruleset", errno);
  close(ruleset);
  return abi;
}

int main(int argc, char **argv) {
  struct options options;
  parse(argc, argv, &options);
  if (options.probe) return probe();

  if (options.parent_pid) {
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) fail("arming the parent-death signal", errno);
    /* The parent may have died before the signal was armed; then nobody would send it. */
    if (getppid() != (pid_t)options.parent_pid) return 0;
  }
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("setting no_new_privs", errno);
  limit(RLIMIT_CORE, 0, "disabling core dumps (RLIMIT_CORE)");
  if (options.memory_bytes) limit(RLIMIT_DATA, (rlim_t)options.memory_bytes, "limiting memory (RLIMIT_DATA)");
  drop_capabilities();

  int abi = restrict_filesystem_and_network(&options);
  if (abi < 0) {
    const char *reason = landlock_absence(-abi);
    if (options.require_landlock) {
      fprintf(stderr, "quire-sandbox: Landlock is required but unavailable: %s\n", reason);
      return FAIL;
    }
    char value[256];
    snprintf(value, sizeof value, "unavailable: %s", reason);
    if (setenv("QUIRE_SANDBOX_LANDLOCK", value, 1) != 0) fail("setting QUIRE_SANDBOX_LANDLOCK", errno);
  } else {
    char value[16];
    snprintf(value, sizeof value, "%d", abi);
    if (setenv("QUIRE_SANDBOX_LANDLOCK", value, 1) != 0) fail("setting QUIRE_SANDBOX_LANDLOCK", errno);
  }

  execv(options.program[0], options.program);
  char step[PATH_MAX + 32];
  snprintf(step, sizeof step, "executing %s", options.program[0]);
  fail(step, errno);
}
