//! The manifest (quire_plugin.h, QUIRE_PLUGIN_MANIFEST): a NUL-terminated text in an exported
//! byte array that Quire reads from the library file without running it, to show the user the
//! plugin's id, name, version and capabilities before asking them to allow it.
//!
//! `export_plugin!` writes it from the same [`Plugin`] as the descriptor, so the two cannot
//! disagree (Quire refuses a plugin whose manifest and descriptor differ: manifest-mismatch).
//! The array is built by `const fn`s: it is plain data in the file, as Quire needs.

use crate::declare::{Capabilities, Plugin};

const HEADER: &str = "quire-manifest 1\n";
/// The bound quire_plugin.h puts on the whole array, NUL included.
const MAX_MANIFEST_BYTES: usize = 8 * 1024;

const fn is_control(byte: u8) -> bool {
    byte < 0x20 || byte == 0x7f
}

/// Panics with `rule` unless `text` is 1 to `limit` bytes without control characters (for the
/// description, empty is allowed: it is optional).
pub(crate) const fn check_text(text: &str, limit: usize, rule: &'static str) {
    let bytes = text.as_bytes();
    assert!(bytes.len() <= limit, "{}", rule);
    let mut i = 0;
    while i < bytes.len() {
        assert!(!is_control(bytes[i]), "{}", rule);
        i += 1;
    }
}

const fn is_lower_alphanumeric(byte: u8) -> bool {
    byte.is_ascii_lowercase() || byte.is_ascii_digit()
}

/// True when `id` is reverse-DNS by quire_plugin.h's rule: lowercase letters, digits and
/// hyphens in at least two dot-separated parts, each starting and ending with a letter or digit.
pub const fn is_plugin_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    if bytes.is_empty() || bytes.len() > 64 {
        return false;
    }
    let mut parts = 1;
    let mut part_start = 0;
    let mut i = 0;
    while i <= bytes.len() {
        if i == bytes.len() || bytes[i] == b'.' {
            if i == part_start || !is_lower_alphanumeric(bytes[part_start]) || !is_lower_alphanumeric(bytes[i - 1]) {
                return false;
            }
            if i < bytes.len() {
                parts += 1;
                part_start = i + 1;
            }
        } else if !is_lower_alphanumeric(bytes[i]) && bytes[i] != b'-' {
            return false;
        }
        i += 1;
    }
    parts >= 2
}

/// Panics unless `id` is a command, format or linter id: 1 to 64 bytes of lowercase letters,
/// digits, '.', '-', '_'.
pub(crate) const fn check_handler_id(id: &str) {
    let rule = "command, format and linter ids are 1 to 64 bytes of lowercase letters, digits, '.', '-' and '_'";
    let bytes = id.as_bytes();
    assert!(!bytes.is_empty() && bytes.len() <= 64, "{}", rule);
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        assert!(is_lower_alphanumeric(byte) || byte == b'.' || byte == b'-' || byte == b'_', "{}", rule);
        i += 1;
    }
}

/// Panics unless the plugin's id, name and version can be in the descriptor and the manifest.
pub(crate) const fn check_identity(plugin: &Plugin) {
    assert!(
        is_plugin_id(plugin.id),
        "the plugin id must be reverse-DNS: lowercase letters, digits and '-' in at least two '.'-separated parts, e.g. \"org.example.word-stats\""
    );
    assert!(!plugin.name.is_empty(), "the plugin's name must not be empty");
    check_text(plugin.name, 1024, "the plugin's name must be at most 1 KiB without control characters");
    assert!(!plugin.version.is_empty(), "the plugin's version must not be empty");
    check_text(plugin.version, 256, "the plugin's version must be at most 256 bytes without control characters");
}

/// The manifest's capability names, in the order the header lists them.
const CAPABILITY_NAMES: [(Capabilities, &str); 2] =
    [(Capabilities::READ_DOCUMENT_FOLDER, "read-document-folder"), (Capabilities::NETWORK, "network")];

/// Appends `text` to `out` at `at` (or only counts it when `out` is empty) and returns the new end.
const fn put(out: &mut [u8], at: usize, text: &str) -> usize {
    let bytes = text.as_bytes();
    if !out.is_empty() {
        let mut i = 0;
        while i < bytes.len() {
            out[at + i] = bytes[i];
            i += 1;
        }
    }
    at + bytes.len()
}

/// Writes the manifest's text into `out`, or only measures it when `out` is empty; returns its
/// length without the NUL.
const fn write(plugin: &Plugin, out: &mut [u8]) -> usize {
    let mut at = put(out, 0, HEADER);
    at = put(out, at, "id=");
    at = put(out, at, plugin.id);
    at = put(out, at, "\nname=");
    at = put(out, at, plugin.name);
    at = put(out, at, "\nversion=");
    at = put(out, at, plugin.version);
    at = put(out, at, "\ncapabilities=");
    let mut first = true;
    let mut i = 0;
    while i < CAPABILITY_NAMES.len() {
        let (capability, name) = CAPABILITY_NAMES[i];
        if plugin.capabilities.contains(capability) {
            if !first {
                at = put(out, at, ",");
            }
            at = put(out, at, name);
            first = false;
        }
        i += 1;
    }
    put(out, at, "\n")
}

/// The manifest array's length: its text and the NUL.
pub const fn manifest_len(plugin: &Plugin) -> usize {
    check_identity(plugin);
    let len = write(plugin, &mut []) + 1;
    assert!(len <= MAX_MANIFEST_BYTES, "the manifest must be at most 8 KiB");
    len
}

/// The manifest array: `N` must be [`manifest_len`]`(plugin)`.
pub const fn manifest<const N: usize>(plugin: &Plugin) -> [u8; N] {
    let mut out = [0u8; N];
    let written = write(plugin, &mut out);
    assert!(written + 1 == N, "the manifest array must be the text's length plus its NUL");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Plugin = Plugin::new("org.example.word-stats", "Word Stats", "0.1.0");
    const ASKING: Plugin = PLAIN.capabilities(Capabilities::NETWORK.and(Capabilities::READ_DOCUMENT_FOLDER));

    #[test]
    fn writes_the_text_the_header_defines_with_its_nul() {
        let bytes = manifest::<{ manifest_len(&PLAIN) }>(&PLAIN);
        assert_eq!(
            std::str::from_utf8(&bytes).unwrap(),
            "quire-manifest 1\nid=org.example.word-stats\nname=Word Stats\nversion=0.1.0\ncapabilities=\n\0"
        );
    }

    #[test]
    fn lists_capabilities_in_the_headers_order() {
        let bytes = manifest::<{ manifest_len(&ASKING) }>(&ASKING);
        assert!(std::str::from_utf8(&bytes).unwrap().ends_with("\ncapabilities=read-document-folder,network\n\0"));
    }

    #[test]
    fn plugin_ids_follow_the_reverse_dns_rule() {
        for good in ["org.example.x", "dev.quire.csv", "a.b", "org.example.word-stats", "a1.b-2.c"] {
            assert!(is_plugin_id(good), "{good}");
        }
        for bad in ["", "csv", "Org.example.x", "org..x", ".org.x", "org.x.", "org.-x", "org.x-", "org.x_y", "org.é"] {
            assert!(!is_plugin_id(bad), "{bad}");
        }
        assert!(!is_plugin_id(&format!("org.{}", "a".repeat(61))));
    }
}
