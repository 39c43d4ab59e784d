//! The host table Quire passes to `init`, and logging through it.
//!
//! quire_plugin.h allows calling the host only on Quire's thread, inside a call Quire made
//! (init, a handler, shutdown). [`log`] checks both and otherwise writes the line to stderr,
//! which Quire also turns into log lines (without a level), so a stray log from a worker
//! thread is never undefined behaviour.

use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Mutex;
use std::thread::ThreadId;

use crate::abi::QuireHost;

/// A log line's level (quire_plugin.h, QUIRE_LOG_*).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Debug = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
}

static HOST: AtomicPtr<QuireHost> = AtomicPtr::new(std::ptr::null_mut());
/// The thread running Quire's current call, while one runs.
static IN_CALL: Mutex<Option<ThreadId>> = Mutex::new(None);

fn in_call() -> std::sync::MutexGuard<'static, Option<ThreadId>> {
    IN_CALL.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Marks the current thread as inside a call of Quire's until dropped.
pub(crate) struct CallScope(());

impl CallScope {
    pub(crate) fn enter() -> CallScope {
        *in_call() = Some(std::thread::current().id());
        CallScope(())
    }
}

impl Drop for CallScope {
    fn drop(&mut self) {
        *in_call() = None;
    }
}

/// Keeps Quire's host table (valid until shutdown returns); NULL forgets it.
pub(crate) fn set_host(host: *const QuireHost) {
    HOST.store(host as *mut QuireHost, Ordering::Release);
}

/// Adds a line to this plugin's log in Quire (the Plugins panel, `quire doctor --watch`).
/// Quire cuts lines at 4 KiB and keeps at most 1,000 a call.
pub fn log(level: Level, message: &str) {
    let on_callers_thread = *in_call() == Some(std::thread::current().id());
    let host = HOST.load(Ordering::Acquire);
    if on_callers_thread && !host.is_null() {
        // SAFETY: Quire's table stays valid from init until shutdown returns, and `host` is
        // cleared when shutdown returns; we are on Quire's thread inside one of its calls.
        let host = unsafe { &*host };
        let has_log = host.struct_size as usize >= std::mem::offset_of!(QuireHost, log) + std::mem::size_of::<usize>();
        if let (true, Some(write)) = (has_log, host.log) {
            // SAFETY: `message` is valid UTF-8 for `len` bytes and Quire copies it before returning.
            unsafe { write(level as i32, message.as_ptr().cast(), message.len()) };
            return;
        }
    }
    eprintln!("{message}");
}
