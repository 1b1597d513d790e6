//! URLs written into pages: schemes allowed, root-relative ones rebased.

use super::*;

/// The schemes a URL written into a page may have. Anything else
/// (`javascript:`, `vbscript:`, `data:`, `file:`…) never reaches a page.
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The scheme of `url` as a browser finds it, lowercased, or `None` for a
/// relative URL. Stricter than a browser: every whitespace and control
/// character is removed first (a browser removes tabs and line breaks
/// anywhere, and spaces and control characters at either end), so any
/// spelling a browser reads as a scheme is found too (`\tjava\nscript:`,
/// ` JAVASCRIPT:`, `java\0script:`).
pub fn scheme(url: &str) -> Option<String> {
    let mut chars = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control());
    let first = chars.next().filter(char::is_ascii_alphabetic)?;
    let mut scheme = String::from(first.to_ascii_lowercase());
    for c in chars {
        match c {
            ':' => return Some(scheme),
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {
                scheme.push(c.to_ascii_lowercase())
            }
            _ => return None,
        }
    }
    None
}

/// May `url` be written into a page as it is? Relative URLs may; absolute
/// ones only with a scheme of [`ALLOWED_SCHEMES`].
pub fn is_safe_url(url: &str) -> bool {
    scheme(url).is_none_or(|s| ALLOWED_SCHEMES.contains(&s.as_str()))
}

/// `javascript:`, `vbscript:`, `data:` and every other URL whose scheme is
/// not allowed, however it is spelled.
pub fn is_unsafe_url(url: &str) -> bool {
    !is_safe_url(url)
}

/// The URL written into the page at `place` for `url`, as an author wrote
/// it: rebased ([`rebase_authored`]), then checked. `None` when what
/// would be written is not a safe URL: the check is on the URL the page
/// gets, not on the one that was read.
pub fn written_url(url: &str, place: Place) -> Option<String> {
    let written = rebase_authored(url, place).unwrap_or_else(|| url.to_string());
    is_safe_url(&written).then_some(written)
}

/// Rebases a URL written by an author: root-relative ones (`/about/`) are
/// made relative to the page; in portable mode, relative links to folders
/// (`../about/`) get `index.html`. Others are left as written (`None`).
/// Use [`written_url`], which also checks the result.
pub fn rebase_authored(url: &str, place: Place) -> Option<String> {
    if url.starts_with('/') && !url.starts_with("//") {
        return Some(rebase(url, place.root, place.portable));
    }
    // Protocol-relative URLs (`//host/…`) point to other sites.
    if !place.portable || url.starts_with(['#', '?']) || url.starts_with("//") {
        return None;
    }
    let split = url.find(['#', '?']).unwrap_or(url.len());
    let (path, suffix) = url.split_at(split);
    let has_scheme = path
        .find(':')
        .is_some_and(|colon| !path[..colon].contains('/'));
    (!has_scheme && path.ends_with('/')).then(|| format!("{path}index.html{suffix}"))
}

/// A root-relative URL (`/x/y/#f`) made relative to the page's `root`.
///
/// The result always leads to a path of the site: a path whose first
/// segment has a colon (`/javascript:x`) would be read as a scheme on the
/// home page, where the prefix is empty, and one that starts with a slash
/// once a browser drops spaces and tabs (`/ /x`, `/\\x`) as a host; such a
/// path gets `./` in front (`./javascript:x`).
pub fn rebase(url: &str, root: &str, portable: bool) -> String {
    let path = url.strip_prefix('/').unwrap_or(url);
    let split = path.find(['#', '?']).unwrap_or(path.len());
    let (path, suffix) = path.split_at(split);
    let mut out = String::with_capacity(root.len() + url.len() + 12);
    out.push_str(root);
    if leaves_the_site(path, root.is_empty()) {
        out.push_str("./");
    }
    out.push_str(path);
    if portable && (path.is_empty() || path.ends_with('/')) {
        out.push_str("index.html");
    } else if out.is_empty() {
        out.push_str("./");
    }
    out.push_str(suffix);
    out
}

/// Would a browser read `path`, put after a page's prefix to the root, as
/// starting from the root of a host (`/x`, `//host`, `\\host`), or, when
/// the prefix is empty, as having a scheme? Whitespace and control
/// characters in front are skipped, as browsers skip them.
pub(super) fn leaves_the_site(path: &str, bare: bool) -> bool {
    let start = path.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
    start.starts_with(['/', '\\']) || (bare && scheme(path).is_some())
}
