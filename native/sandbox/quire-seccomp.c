/*
 * libquire_seccomp.so: the system-call filter a plugin host applies to itself (Linux only).
 *
 *   int32_t quire_seccomp_apply(int32_t self_pid, uint32_t flags);   0, or -errno
 *
 * The host calls it at startup, before any plugin code is loaded. SECCOMP_FILTER_FLAG_TSYNC
 * puts every thread of the process under the filter at once: by then Node has started its V8
 * and libuv threads, and a filter on the calling thread alone would leave them free.
 *
 * The filter is hand-written classic BPF (no libseccomp to ship). It denies with EPERM what a
 * plugin needs none of: starting programs or processes, reaching other processes (signals,
 * ptrace, their memory, pidfds), sockets unless the network is granted, and the privileged or
 * escape-prone calls kernels keep finding bugs in. Threads stay allowed: clone is inspected and
 * passes only with CLONE_THREAD; clone3, whose flags live in memory a filter cannot read,
 * answers ENOSYS so that glibc falls back to clone.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define QUIRE_SECCOMP_ALLOW_NETWORK (1u << 0)
#define QUIRE_SECCOMP_KNOWN_FLAGS QUIRE_SECCOMP_ALLOW_NETWORK

#if defined(__x86_64__)
#define FILTER_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define FILTER_ARCH AUDIT_ARCH_AARCH64
#else
#error "quire-seccomp: only x86_64 and aarch64 are supported"
#endif

#ifndef SECCOMP_RET_KILL_PROCESS
#define SECCOMP_RET_KILL_PROCESS 0x80000000U
#endif
#ifndef __X32_SYSCALL_BIT
#define __X32_SYSCALL_BIT 0x40000000
#endif
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif

/* Namespaces a thread-creating clone must not ask for either. */
#define CLONE_NAMESPACES (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)

/* Both supported architectures are little-endian: the low 32 bits of an argument come first. */
#define ARG_LOW(n) (offsetof(struct seccomp_data, args) + (n) * sizeof(uint64_t))

#define MAX_FILTER 256

struct program {
  struct sock_filter code[MAX_FILTER];
  unsigned short length;
  int overflow;
};

static void emit(struct program *p, struct sock_filter instruction) {
  if (p->length == MAX_FILTER) {
    p->overflow = 1;
    return;
  }
  p->code[p->length++] = instruction;
}

#define STMT(code, k) ((struct sock_filter)BPF_STMT((code), (k)))
#define JUMP(code, k, jt, jf) ((struct sock_filter)BPF_JUMP((code), (k), (jt), (jf)))
#define LOAD_NR STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))
#define RETURN(action) STMT(BPF_RET | BPF_K, (action))
#define DENY(error) RETURN(SECCOMP_RET_ERRNO | ((error) & SECCOMP_RET_DATA))

/* if (nr == number) return ERRNO(error); */
static void deny(struct program *p, long number, int error) {
  emit(p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)number, 0, 1));
  emit(p, DENY(error));
}

/* if (nr == number) return (int)arg0 == self ? ALLOW : EPERM;  (kill(0) and kill(-1) included) */
static void deny_unless_self(struct program *p, long number, uint32_t self) {
  emit(p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)number, 0, 4));
  emit(p, STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LOW(0)));
  emit(p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, self, 0, 1));
  emit(p, RETURN(SECCOMP_RET_ALLOW));
  emit(p, DENY(EPERM));
}

static const long denied_always[] = {
    /* Starting programs and processes. */
    __NR_execve, __NR_execveat,
#ifdef __NR_fork
    __NR_fork,
#endif
#ifdef __NR_vfork
    __NR_vfork,
#endif
    /* Reaching into other processes. */
    __NR_ptrace, __NR_process_vm_readv, __NR_process_vm_writev, __NR_tkill, __NR_kcmp,
#ifdef __NR_pidfd_open
    __NR_pidfd_open,
#endif
#ifdef __NR_pidfd_getfd
    __NR_pidfd_getfd,
#endif
#ifdef __NR_pidfd_send_signal
    __NR_pidfd_send_signal,
#endif
#ifdef __NR_process_madvise
    __NR_process_madvise,
#endif
    /* Mounts and namespaces. */
    __NR_mount, __NR_umount2, __NR_pivot_root, __NR_chroot, __NR_unshare, __NR_setns,
#ifdef __NR_move_mount
    __NR_move_mount,
#endif
#ifdef __NR_open_tree
    __NR_open_tree,
#endif
#ifdef __NR_fsopen
    __NR_fsopen,
#endif
#ifdef __NR_fsmount
    __NR_fsmount,
#endif
#ifdef __NR_fspick
    __NR_fspick,
#endif
#ifdef __NR_mount_setattr
    __NR_mount_setattr,
#endif
    /* Files by handle: they sidestep path-based rules such as Landlock's. */
    __NR_open_by_handle_at, __NR_name_to_handle_at,
    /* Privileged, or a frequent home of kernel bugs. */
    __NR_bpf, __NR_perf_event_open, __NR_kexec_load,
#ifdef __NR_kexec_file_load
    __NR_kexec_file_load,
#endif
    __NR_init_module, __NR_finit_module, __NR_delete_module, __NR_reboot, __NR_swapon, __NR_swapoff,
    __NR_syslog, __NR_acct, __NR_keyctl, __NR_add_key, __NR_request_key, __NR_quotactl,
    __NR_settimeofday, __NR_clock_settime, __NR_sethostname, __NR_setdomainname,
#ifdef __NR_userfaultfd
    __NR_userfaultfd,
#endif
#ifdef __NR_io_uring_setup
    __NR_io_uring_setup, __NR_io_uring_enter, __NR_io_uring_register,
#endif
#ifdef __NR_fanotify_init
    __NR_fanotify_init,
#endif
#ifdef __NR_iopl
    __NR_iopl,
#endif
#ifdef __NR_ioperm
    __NR_ioperm,
#endif
};

static const long signalling[] = {__NR_kill, __NR_tgkill, __NR_rt_sigqueueinfo, __NR_rt_tgsigqueueinfo};

static const long networking[] = {__NR_socket, __NR_socketpair};

static void build(struct program *p, uint32_t self, uint32_t flags) {
  /* A system call number means something only for one architecture: refuse any other. */
  emit(p, STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)));
  emit(p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, FILTER_ARCH, 1, 0));
  emit(p, RETURN(SECCOMP_RET_KILL_PROCESS));
  emit(p, LOAD_NR);
#if defined(__x86_64__)
  /* x32 shares AUDIT_ARCH_X86_64 but numbers its calls from 0x40000000: the checks below would miss them. */
  emit(p, JUMP(BPF_JMP | BPF_JGE | BPF_K, __X32_SYSCALL_BIT, 0, 1));
  emit(p, RETURN(SECCOMP_RET_KILL_PROCESS));
#endif

  for (size_t i = 0; i < sizeof denied_always / sizeof denied_always[0]; i++) deny(p, denied_always[i], EPERM);
  if (!(flags & QUIRE_SECCOMP_ALLOW_NETWORK)) {
    for (size_t i = 0; i < sizeof networking / sizeof networking[0]; i++) deny(p, networking[i], EPERM);
  }
#ifdef __NR_clone3
  deny(p, __NR_clone3, ENOSYS);
#endif

  /* Each of these returns without falling through, so the loaded argument never meets a later nr check. */
  for (size_t i = 0; i < sizeof signalling / sizeof signalling[0]; i++) deny_unless_self(p, signalling[i], self);

  /* clone: a thread (CLONE_THREAD, no new namespace) is fine; a new process is not. */
  emit(p, JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 5));
  emit(p, STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LOW(0)));
  emit(p, JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_NAMESPACES, 2, 0));
  emit(p, JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 0, 1));
  emit(p, RETURN(SECCOMP_RET_ALLOW));
  emit(p, DENY(EPERM));

  emit(p, RETURN(SECCOMP_RET_ALLOW));
}

__attribute__((visibility("default"))) int32_t quire_seccomp_apply(int32_t self_pid, uint32_t flags) {
  if (self_pid <= 0 || (flags & ~QUIRE_SECCOMP_KNOWN_FLAGS)) return -EINVAL;

  struct program program = {.length = 0, .overflow = 0};
  build(&program, (uint32_t)self_pid, flags);
  if (program.overflow) return -E2BIG;

  /* Without CAP_SYS_ADMIN the kernel installs a filter only under no_new_privs (TSYNC then
   * gives it to every thread along with the filter). The launcher normally set it already. */
  int no_new_privs = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
  if (no_new_privs < 0) return -errno;
  if (!no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -errno;

  struct sock_fprog fprog = {.len = program.length, .filter = program.code};
  long result = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &fprog);
  if (result < 0) return -errno;
  /* A positive result is the id of a thread that could not be moved (it has a filter of its
   * own that this one does not descend from): nothing was applied. */
  if (result > 0) return -EBUSY;
  return 0;
}
