//! Embeds the built-in theme: writes an explicit list of every file under
//! templates/ and static/ as `include_str!`/`include_bytes!`, so cargo
//! rebuilds when any of them changes.

use std::fmt::Write;
use std::path::Path;

fn main() {
    // At run time, not compile time: a build script compiled for another
    // checkout (a copied target/) must still read this one.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir);
    let mut out = String::new();
    for (folder, macro_name, konst, ty) in [
        ("templates", "include_str", "TEMPLATES", "&str"),
        ("static", "include_bytes", "STATIC", "&[u8]"),
    ] {
        println!("cargo:rerun-if-changed={folder}");
        let dir = root.join(folder);
        let mut files: Vec<_> = walk(&dir);
        files.sort();
        writeln!(out, "pub const {konst}: &[(&str, {ty})] = &[").unwrap();
        for path in files {
            println!("cargo:rerun-if-changed={}", path.display());
            let name = path
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            writeln!(
                out,
                "    ({name:?}, {macro_name}!({:?})),",
                path.display().to_string()
            )
            .unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("theme.rs");
    std::fs::write(dest, out).unwrap();
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
