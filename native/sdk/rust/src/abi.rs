//! Rust mirrors of the structs in native/include/quire_plugin.h (ABI 1.1).
//!
//! Every struct is `#[repr(C)]` with the header's fields in the header's order and types; the
//! assertions at the bottom check sizes and offsets against what a C compiler lays out for the
//! header on 64-bit targets, so a drift fails the build instead of corrupting memory. Function
//! pointers that may be NULL are `Option<extern "C" fn>`, which has the same layout.
//!
//! Plugin code never touches these: the rest of the crate turns them into safe types.

use std::os::raw::c_char;

pub const QUIRE_ABI_MAJOR: u16 = 1;
pub const QUIRE_ABI_MINOR: u16 = 1;

pub const QUIRE_STATUS_OK: i32 = 0;
pub const QUIRE_STATUS_ERROR: i32 = 1;

pub const QUIRE_RESULT_HAS_TEXT: u32 = 1 << 0;

pub const QUIRE_LINT_ON_SAVE: u32 = 1 << 0;
pub const QUIRE_LINT_ON_CHANGE: u32 = 1 << 1;

pub const QUIRE_CAP_READ_DOCUMENT_FOLDER: u32 = 1 << 0;
pub const QUIRE_CAP_NETWORK: u32 = 1 << 1;

/// UTF-8 bytes with an explicit length; `ptr` may be NULL only when `len` is 0.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct QuireStr {
    pub ptr: *const c_char,
    pub len: usize,
}

impl QuireStr {
    pub const EMPTY: QuireStr = QuireStr { ptr: std::ptr::null(), len: 0 };

    /// A view of static text, for the descriptor; NULL for the empty string.
    pub const fn from_static(text: &'static str) -> QuireStr {
        if text.is_empty() {
            QuireStr::EMPTY
        } else {
            QuireStr { ptr: text.as_ptr() as *const c_char, len: text.len() }
        }
    }

    /// A view of `bytes`; the caller keeps them alive as long as the view is used.
    pub fn view(bytes: &[u8]) -> QuireStr {
        if bytes.is_empty() {
            QuireStr::EMPTY
        } else {
            QuireStr { ptr: bytes.as_ptr() as *const c_char, len: bytes.len() }
        }
    }
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct QuireRange {
    pub start: u64,
    pub end: u64,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct QuireSelection {
    pub range: QuireRange,
    pub active: u64,
}

#[repr(C)]
pub struct QuireDocument {
    pub struct_size: u32,
    pub selection_count: u32,
    pub text: QuireStr,
    pub language_id: QuireStr,
    pub path: QuireStr,
    pub selections: *const QuireSelection,
}

pub type QuireLogFn = unsafe extern "C" fn(level: i32, message: *const c_char, len: usize);

#[repr(C)]
pub struct QuireHost {
    pub struct_size: u32,
    pub abi_major: u16,
    pub abi_minor: u16,
    pub log: Option<QuireLogFn>,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct QuireEdit {
    pub range: QuireRange,
    pub text: QuireStr,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct QuireDiagnostic {
    pub range: QuireRange,
    pub severity: i32,
    pub reserved: u32,
    pub message: QuireStr,
    pub code: QuireStr,
}

#[repr(C)]
pub struct QuireResult {
    pub struct_size: u32,
    pub status: i32,
    pub flags: u32,
    pub edit_count: u32,
    pub diagnostic_count: u32,
    pub reserved: u32,
    pub message: QuireStr,
    pub text: QuireStr,
    pub edits: *const QuireEdit,
    pub diagnostics: *const QuireDiagnostic,
}

/// A handler as Quire calls it; never NULL where the header requires one.
pub type QuireHandler = unsafe extern "C" fn(doc: *const QuireDocument) -> *const QuireResult;

#[repr(C)]
#[derive(Clone, Copy)]
pub struct QuireCommand {
    pub id: QuireStr,
    pub title: QuireStr,
    pub keybinding: QuireStr,
    pub run: Option<QuireHandler>,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct QuireFormat {
    pub id: QuireStr,
    pub name: QuireStr,
    pub extensions: *const QuireStr,
    pub extension_count: u32,
    pub filename_count: u32,
    pub filenames: *const QuireStr,
    pub monarch_json: QuireStr,
    pub format: Option<QuireHandler>,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct QuireLinter {
    pub id: QuireStr,
    pub name: QuireStr,
    pub languages: *const QuireStr,
    pub language_count: u32,
    pub triggers: u32,
    pub lint: Option<QuireHandler>,
}

#[repr(C)]
pub struct QuirePlugin {
    pub struct_size: u32,
    pub abi_major: u16,
    pub abi_minor: u16,
    pub id: QuireStr,
    pub name: QuireStr,
    pub version: QuireStr,
    pub description: QuireStr,
    pub init: Option<unsafe extern "C" fn(host: *const QuireHost) -> i32>,
    pub shutdown: Option<unsafe extern "C" fn()>,
    pub command_count: u32,
    pub format_count: u32,
    pub commands: *const QuireCommand,
    pub formats: *const QuireFormat,
    pub linter_count: u32,
    pub reserved: u32,
    pub linters: *const QuireLinter,
    /// QUIRE_CAP_* bits (ABI 1.1); must equal the manifest's capabilities.
    pub capabilities: u32,
    pub reserved2: u32,
}

#[cfg(target_pointer_width = "64")]
mod layout {
    use super::*;
    use std::mem::{offset_of, size_of};

    const _: () = {
        assert!(size_of::<QuireStr>() == 16);
        assert!(size_of::<QuireRange>() == 16);
        assert!(size_of::<QuireSelection>() == 24);
        assert!(size_of::<QuireDocument>() == 64);
        assert!(offset_of!(QuireDocument, selections) == 56);
        assert!(size_of::<QuireHost>() == 16);
        assert!(offset_of!(QuireHost, log) == 8);
        assert!(size_of::<QuireEdit>() == 32);
        assert!(size_of::<QuireDiagnostic>() == 56);
        assert!(offset_of!(QuireDiagnostic, message) == 24);
        assert!(offset_of!(QuireDiagnostic, code) == 40);
        assert!(size_of::<QuireResult>() == 72);
        assert!(offset_of!(QuireResult, message) == 24);
        assert!(offset_of!(QuireResult, diagnostics) == 64);
        assert!(size_of::<QuireCommand>() == 56);
        assert!(size_of::<QuireFormat>() == 80);
        assert!(offset_of!(QuireFormat, filenames) == 48);
        assert!(offset_of!(QuireFormat, format) == 72);
        assert!(size_of::<QuireLinter>() == 56);
        assert!(offset_of!(QuireLinter, lint) == 48);
        assert!(size_of::<QuirePlugin>() == 136);
        assert!(offset_of!(QuirePlugin, capabilities) == 128);
        assert!(offset_of!(QuirePlugin, init) == 72);
        assert!(offset_of!(QuirePlugin, commands) == 96);
        assert!(offset_of!(QuirePlugin, linters) == 120);
    };
}
