//! The built-in theme embedded in the binary is exactly the files of the
//! repository's templates/ and static/ (names and contents).

use crate::fixtures::{files_under, repository};
use dossier::render::theme::{STATIC, TEMPLATES};
use std::collections::BTreeMap;
use std::fs;

/// The theme files on disk under `folder`, hidden files left out.
fn on_disk(folder: &str) -> BTreeMap<String, Vec<u8>> {
    let dir = repository().join(folder);
    files_under(&dir)
        .into_iter()
        .filter(|rel| !rel.split('/').any(|part| part.starts_with('.')))
        .map(|rel| {
            let bytes = fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

fn assert_same_theme(folder: &str, embedded: BTreeMap<String, Vec<u8>>) {
    let disk = on_disk(folder);
    let names = |map: &BTreeMap<String, Vec<u8>>| map.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&embedded),
        names(&disk),
        "embedded {folder}/ files vs files on disk"
    );
    let different: Vec<_> = disk
        .iter()
        .filter(|(name, bytes)| embedded[*name] != **bytes)
        .map(|(name, _)| name)
        .collect();
    assert!(
        different.is_empty(),
        "embedded {folder}/ files differ from disk: {different:?}"
    );
}

#[test]
fn embedded_templates_are_the_files_on_disk() {
    assert!(!TEMPLATES.is_empty());
    let embedded = TEMPLATES
        .iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect();
    assert_same_theme("templates", embedded);
}

#[test]
fn embedded_static_files_are_the_files_on_disk() {
    assert!(!STATIC.is_empty());
    let embedded = STATIC
        .iter()
        .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
        .collect();
    assert_same_theme("static", embedded);
}
