//! The output folder, resolved and checked once: [`OutputDir::check`]
//! resolves `--out` the way the system will when the folder is written
//! (each `..` and symbolic link in turn), refuses every folder a build must
//! not replace, and is the only way to make an [`OutputDir`]; every writer
//! takes one, so the folder written is always the folder checked.

use super::MARKER;
use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// An output folder that passed [`OutputDir::check`]: an absolute path
/// with no `.`, `..` or symbolic link in it, which is not `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputDir {
    path: PathBuf,
    /// `--out` made absolute and read as written (`..` removing the name
    /// before it), to tell when links made it lead elsewhere.
    as_written: PathBuf,
}

/// Why an output folder is refused (exit status 2), and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub hint: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  = help: {}", self.message, self.hint)
    }
}

impl OutputDir {
    /// Resolves `out` (relative to the current folder) as the system will
    /// and refuses, before anything is made: a path the system cannot
    /// follow (`..` after a folder that does not exist, a link that leads
    /// nowhere, a file on the way), one whose `..` goes up from where a
    /// symbolic link leads rather than from the link as written, a
    /// literal `~`, `/`, the site's root or a folder holding it, anything
    /// inside its content/, templates/ or static/, the current or home
    /// folder or one holding them, a file, and a non-empty folder without
    /// dossier's marker.
    pub fn check(root: &Path, out: &Path) -> Result<OutputDir, Refusal> {
        let given = out.display().to_string();
        let refuse = |message: String, hint: &str| Refusal {
            message: format!("refusing to write to `{given}`: {message}"),
            hint: hint.to_string(),
        };
        if out.as_os_str().is_empty() {
            return Err(refuse(
                "the path is empty".into(),
                "name the output folder, or leave --out out for ROOT/public",
            ));
        }
        if out
            .components()
            .next()
            .is_some_and(|c| c.as_os_str().to_string_lossy().starts_with('~'))
        {
            return Err(refuse(
                "dossier does not expand `~`, so this would make a folder named `~`".into(),
                "write the whole path, or let the shell expand `~` (`--out ~/site`, with a space and no quotes)",
            ));
        }
        let cwd = std::env::current_dir().map_err(|e| {
            refuse(
                format!("cannot read the current folder: {e}"),
                "run dossier from a folder that exists, or give an absolute --out",
            )
        })?;
        let absolute = cwd.join(out);
        let path = resolve(&absolute).map_err(|stop| stop.refusal(&refuse, &absolute))?;
        let as_written = lexical(&absolute);
        if path != as_written && has_parent_dir(&absolute) {
            // `..` after a symbolic link goes up from where the link
            // leads; read as written, it goes up from the link.
            if resolve(&as_written).ok().as_ref() != Some(&path) {
                return Err(refuse(
                    format!(
                        "the system reads it as `{}` (`..` after a symbolic link goes up from where the link leads), but as written it is `{}`",
                        path.display(),
                        as_written.display()
                    ),
                    "spell the output folder without `..`",
                ));
            }
        }
        let leads = if path == as_written {
            String::new()
        } else {
            format!(" (it leads to `{}`)", path.display())
        };
        let refuse = |message: &str, hint: &str| refuse(format!("{message}{leads}"), hint);
        if path.parent().is_none() {
            return Err(refuse(
                "it is the file system's root",
                "choose a folder of its own, such as ROOT/public",
            ));
        }
        let root = resolve(&cwd.join(root)).unwrap_or_else(|_| lexical(&cwd.join(root)));
        if root.starts_with(&path) {
            return Err(refuse(
                "it is the site's root or contains it, and a build replaces its output folder whole",
                "choose a folder of its own, such as ROOT/public (the default)",
            ));
        }
        for folder in ["content", "templates", "static"] {
            if path.starts_with(root.join(folder)) {
                return Err(refuse(
                    &format!("it is inside the site's {folder}/ folder"),
                    "choose a folder outside content/, templates/ and static/, such as ROOT/public (the default)",
                ));
            }
        }
        let cwd = resolve(&cwd).unwrap_or(cwd);
        if cwd.starts_with(&path) {
            return Err(refuse(
                "it is the current folder or contains it, and a build replaces its output folder whole",
                "choose a folder of its own, such as ROOT/public (the default)",
            ));
        }
        if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
            let home = PathBuf::from(home);
            let home = resolve(&home).unwrap_or(home);
            if home.starts_with(&path) {
                return Err(refuse(
                    "it is your home folder or contains it",
                    "choose a folder of its own, such as ROOT/public (the default)",
                ));
            }
        }
        if let Some((problem, hint)) = state_problem(&path) {
            return Err(refuse(&problem, hint));
        }
        Ok(OutputDir { path, as_written })
    }

    /// The folder: absolute, no `.`, `..` or symbolic link.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder `--out` names as written, when symbolic links make it
    /// lead to another ([`OutputDir::path`]).
    pub fn leads_from(&self) -> Option<&Path> {
        (self.path != self.as_written).then_some(self.as_written.as_path())
    }

    /// The folder holding it (where staging folders go).
    pub(super) fn parent(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("/"))
    }

    /// Its name in its parent.
    pub(super) fn name(&self) -> &OsStr {
        self.path.file_name().unwrap_or(OsStr::new("public"))
    }

    /// Checks again what may have changed since [`OutputDir::check`]:
    /// the folder, if it exists, must be a folder, empty or dossier's.
    /// (`serve` checks before it replaces a folder that is no longer the
    /// one it wrote.)
    pub fn recheck(&self) -> Result<(), Refusal> {
        match state_problem(&self.path) {
            None => Ok(()),
            Some((problem, hint)) => Err(Refusal {
                message: format!("refusing to write to `{}`: {problem}", self.path.display()),
                hint: hint.to_string(),
            }),
        }
    }
}

/// Why the folder at `path` may not be replaced as it is now, and what to
/// do: it is not a folder, or it is a non-empty folder without dossier's
/// marker. `None` when it may (or does not exist).
fn state_problem(path: &Path) -> Option<(String, &'static str)> {
    match fs::symlink_metadata(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => Some((
            format!("cannot look at it: {error}"),
            "check its permissions, or choose another --out",
        )),
        Ok(meta) if !meta.is_dir() => Some(("it is not a folder".into(), "choose another --out")),
        Ok(_) => {
            let empty = match fs::read_dir(path) {
                Ok(mut entries) => entries.next().is_none(),
                Err(error) => {
                    return Some((
                        format!("cannot read it: {error}"),
                        "check its permissions, or choose another --out",
                    ))
                }
            };
            let marked = fs::symlink_metadata(path.join(MARKER)).is_ok_and(|meta| meta.is_file());
            (!empty && !marked).then(|| {
                (
                    format!(
                        "the folder is not empty and was not written by dossier (no {MARKER} file)"
                    ),
                    "choose another --out, or empty the folder",
                )
            })
        }
    }
}

/// Why the system cannot follow a path.
enum Stop {
    /// `..` after `missing`, a folder that does not exist.
    ParentOfMissing { missing: PathBuf },
    /// `file` is not a folder, yet the path goes on under it.
    NotAFolder { file: PathBuf },
    /// `link` is a symbolic link that leads nowhere, or loops.
    BrokenLink { link: PathBuf, error: io::Error },
    /// `path` cannot be looked at.
    Unreadable { path: PathBuf, error: io::Error },
}

impl Stop {
    fn refusal(self, refuse: &dyn Fn(String, &str) -> Refusal, absolute: &Path) -> Refusal {
        match self {
            Stop::ParentOfMissing { missing } => refuse(
                format!(
                    "`{}` does not exist, so the `..` after it leads nowhere the system can follow",
                    missing.display()
                ),
                &format!(
                    "spell the output folder without `..`: `{}`, if that is the one you mean",
                    lexical(absolute).display()
                ),
            ),
            Stop::NotAFolder { file } => refuse(
                format!("`{}` is a file, not a folder", file.display()),
                "choose another --out",
            ),
            Stop::BrokenLink { link, error } => refuse(
                format!(
                    "`{}` is a symbolic link that leads nowhere ({error})",
                    link.display()
                ),
                "fix or remove the link, or choose another --out",
            ),
            Stop::Unreadable { path, error } => refuse(
                format!("cannot look at `{}`: {error}", path.display()),
                "check the permissions of the folders on the way, or choose another --out",
            ),
        }
    }
}

/// `absolute` as the system resolves it, one component at a time: `..`
/// goes up from the real folder reached so far (so, after a symbolic
/// link, from where the link leads), links are followed, and the part
/// that does not exist yet is kept as written. Never makes anything.
fn resolve(absolute: &Path) -> Result<PathBuf, Stop> {
    let components: Vec<Component> = absolute.components().collect();
    let mut real = PathBuf::from("/");
    let mut missing: Option<PathBuf> = None;
    for (i, component) in components.iter().enumerate() {
        let last = i + 1 == components.len();
        match component {
            Component::Prefix(_) | Component::RootDir | Component::CurDir => {}
            Component::ParentDir => {
                if let Some(missing) = missing {
                    return Err(Stop::ParentOfMissing { missing });
                }
                real.pop();
            }
            Component::Normal(name) => {
                let next = real.join(name);
                if missing.is_some() {
                    real = next;
                    continue;
                }
                match fs::symlink_metadata(&next) {
                    Ok(meta) if meta.file_type().is_symlink() => match fs::canonicalize(&next) {
                        Ok(target) if last || target.is_dir() => real = target,
                        Ok(_) => return Err(Stop::NotAFolder { file: next }),
                        Err(error) => return Err(Stop::BrokenLink { link: next, error }),
                    },
                    Ok(meta) if last || meta.is_dir() => real = next,
                    Ok(_) => return Err(Stop::NotAFolder { file: next }),
                    Err(error) if error.kind() == io::ErrorKind::NotFound => {
                        missing = Some(next.clone());
                        real = next;
                    }
                    Err(error) => return Err(Stop::Unreadable { path: next, error }),
                }
            }
        }
    }
    Ok(real)
}

/// `absolute` read as written: each `..` removes the name before it.
fn lexical(absolute: &Path) -> PathBuf {
    let mut path = PathBuf::from("/");
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir | Component::CurDir => {}
            Component::ParentDir => {
                path.pop();
            }
            Component::Normal(name) => path.push(name),
        }
    }
    path
}

fn has_parent_dir(path: &Path) -> bool {
    path.components().any(|c| c == Component::ParentDir)
}

#[cfg(test)]
impl OutputDir {
    /// An output folder without the checks, for the tests of `write`.
    pub(crate) fn unchecked(path: &Path) -> OutputDir {
        OutputDir {
            path: resolve(path).unwrap_or_else(|_| lexical(path)),
            as_written: lexical(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    /// A site at `dir/site` with content/, a folder `mine` holding a file,
    /// and links: `to-mine` to it, `to-site` to the site, `deep` to
    /// `mine/a/b`.
    fn layout() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        fs::create_dir_all(base.join("site/content/briefs")).unwrap();
        fs::create_dir_all(base.join("mine/a/b")).unwrap();
        fs::write(base.join("mine/notes.txt"), "keep").unwrap();
        symlink(base.join("mine"), base.join("to-mine")).unwrap();
        symlink(base.join("site"), base.join("to-site")).unwrap();
        symlink(base.join("mine/a/b"), base.join("deep")).unwrap();
        symlink(base.join("missing"), base.join("dangling")).unwrap();
        (dir, base)
    }

    fn refused(base: &Path, out: &str) -> Refusal {
        let root = base.join("site");
        OutputDir::check(&root, &base.join(out))
            .map(|dir| panic!("--out {out} was accepted as {}", dir.path().display()))
            .unwrap_err()
    }

    fn accepted(base: &Path, out: &str) -> PathBuf {
        let root = base.join("site");
        OutputDir::check(&root, &base.join(out))
            .unwrap_or_else(|r| panic!("--out {out} was refused: {r}"))
            .path
    }

    #[test]
    fn resolves_as_the_system_does() {
        let (_dir, base) = layout();
        assert_eq!(accepted(&base, "public"), base.join("public"));
        assert_eq!(accepted(&base, "public/."), base.join("public"));
        assert_eq!(accepted(&base, "./mine/../public"), base.join("public"));
        assert_eq!(accepted(&base, "to-site/public"), base.join("site/public"));
        assert_eq!(
            accepted(&base, "new/deeper/out"),
            base.join("new/deeper/out")
        );
        // `deep/..` is mine/a, both for the system and as written through `mine/a/b`.
        assert_eq!(accepted(&base, "mine/a/b/../out"), base.join("mine/a/out"));
    }

    #[test]
    fn refuses_what_the_system_cannot_follow_or_reads_otherwise() {
        let (_dir, base) = layout();
        let r = refused(&base, "nope/../mine");
        assert!(r.message.contains("does not exist"), "{r}");
        assert!(r.hint.contains("mine"), "{r}");
        refused(&base, "site/nope/../content");
        refused(&base, "site/nope/..");
        refused(&base, "nope/..");
        // deep/.. is mine/a for the system, but `base` as written.
        let r = refused(&base, "deep/../out");
        assert!(r.message.contains("as written"), "{r}");
        refused(&base, "dangling");
        refused(&base, "dangling/out");
        refused(&base, "mine/notes.txt/out");
        refused(&base, "mine/notes.txt/../out");
        for out in ["~", "~/out", "~root/out"] {
            let r = OutputDir::check(&base.join("site"), Path::new(out)).unwrap_err();
            assert!(r.message.contains("`~`"), "{r}");
        }
    }

    #[test]
    fn refuses_the_site_and_what_holds_it_in_every_spelling() {
        let (_dir, base) = layout();
        for out in [
            "site",
            "site/.",
            "site/content/..",
            "to-site",
            "to-site/.",
            "to-site/content/..",
            ".",
            "..",
            "site/content",
            "to-site/content/x",
            "site/templates/x",
            "site/static",
            "mine",
            "to-mine",
            "to-mine/.",
            "mine/notes.txt",
        ] {
            refused(&base, out);
        }
        let r = OutputDir::check(&base.join("site"), Path::new("/")).unwrap_err();
        assert!(r.message.contains("root"), "{r}");
    }
}
