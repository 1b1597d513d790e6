//! Parsing the files read: pure, in parallel, with a cache of parsed
//! files between rebuilds.

use super::*;

/// Parses a site's files into raw values. Pure.
pub fn parse(site: &SiteFiles) -> (Loaded, Vec<Diagnostic>) {
    parse_with(site, &mut ParseCache::default())
}

/// A content file as parsed, kept between rebuilds.
#[derive(Debug, Clone)]
pub(super) enum Parsed {
    Brief(Arc<Doc<RawBrief>>),
    Actor(Arc<Doc<RawActor>>),
    Claim(Arc<Doc<RawClaim>>),
    Measure(Arc<Doc<RawMeasure>>),
    Page(Arc<Doc<RawPage>>),
    Incident(Arc<Doc<RawIncident>>),
    /// Read, but not usable (not UTF-8, front matter broken): (kind, id,
    /// the ids of the claims it seems to declare).
    Broken(Kind, String, Vec<String>),
}

#[derive(Debug)]
pub(super) struct CachedFile {
    id: FileId,
    bytes: Arc<Vec<u8>>,
    file: Option<Arc<SourceFile>>,
    parsed: Parsed,
    diagnostics: Vec<Diagnostic>,
}

/// Parsed content files kept between rebuilds, so a file whose bytes did
/// not change is not parsed again. It also gives every path a [`FileId`]
/// that stays the same for as long as the cache lives.
#[derive(Debug, Default)]
pub struct ParseCache {
    ids: FxHashMap<String, FileId>,
    files: FxHashMap<String, CachedFile>,
}

impl ParseCache {
    /// The id of a path seen before.
    pub fn id_of(&self, path: &str) -> Option<FileId> {
        self.ids.get(path).copied()
    }

    fn id(&mut self, path: &str) -> FileId {
        // Id 0 is site.yaml's.
        let next = FileId(self.ids.len() + 1);
        *self.ids.entry(path.to_string()).or_insert(next)
    }
}

/// Like [`parse`], parsing only the content files whose bytes differ from
/// those `cache` holds.
pub fn parse_with(site: &SiteFiles, cache: &mut ParseCache) -> (Loaded, Vec<Diagnostic>) {
    let mut loaded = Loaded {
        layers: site.layers.clone(),
        ..Loaded::default()
    };
    let mut diagnostics = Vec::new();

    let config_file = config(site, &mut loaded, &mut diagnostics);

    let entries = sort_files(site, &mut loaded, &mut diagnostics);

    // Entries not read (links, special files, names not UTF-8): reported
    // on every run, declaring nothing.
    diagnostics.extend(site.skipped.values().cloned());
    // Files that could not be read: reported on every run, their ids kept.
    let mut unreadable = Vec::new();
    for (rel, diagnostic) in &site.unreadable {
        diagnostics.push(diagnostic.clone());
        if let Some(kind) = content_kind(rel).filter(|_| rel.ends_with(".md")) {
            unreadable.push((kind, stem_of(rel), cache.id(rel), rel));
        }
    }

    // Parse what is new or changed, in parallel. Unchanged files share
    // their bytes with the cache: no byte is compared, no path looked up
    // but once.
    let mut cached = 0;
    let stale: Vec<(Kind, &str, &Arc<Vec<u8>>)> = entries
        .iter()
        .filter(|(_, rel, bytes)| match cache.files.get(*rel) {
            Some(file) => {
                cached += 1;
                file.bytes != **bytes
            }
            None => true,
        })
        .copied()
        .collect();
    if cached < cache.files.len() {
        // Files gone (or no longer content): forgotten.
        let now: rustc_hash::FxHashSet<&str> = entries.iter().map(|(_, rel, _)| *rel).collect();
        cache.files.retain(|path, _| now.contains(path.as_str()));
    }
    let stale: Vec<(Kind, &str, &Arc<Vec<u8>>, FileId)> = stale
        .into_iter()
        .map(|(kind, rel, bytes)| (kind, rel, bytes, cache.id(rel)))
        .collect();
    let fresh: Vec<(String, CachedFile)> = stale
        .into_par_iter()
        .map(|(kind, rel, bytes, id)| (rel.to_string(), parse_file(kind, rel, bytes, id)))
        .collect();
    cache.files.extend(fresh);

    // Assemble, in path order.
    let placeholder = Arc::new(SourceFile::new(String::new(), String::new()));
    loaded.files = vec![placeholder; cache.ids.len() + 1];
    loaded.files[0] = config_file;
    for (_, rel, _) in &entries {
        let Some(cached) = cache.files.get(*rel) else {
            continue;
        };
        diagnostics.extend(cached.diagnostics.iter().cloned());
        let id = cached.id;
        if let Some(file) = &cached.file {
            loaded.files[id.0] = Arc::clone(file);
        }
        match &cached.parsed {
            Parsed::Brief(doc) => loaded.briefs.push(Arc::clone(doc)),
            Parsed::Actor(doc) => loaded.actors.push(Arc::clone(doc)),
            Parsed::Claim(doc) => loaded.claims.push(Arc::clone(doc)),
            Parsed::Measure(doc) => loaded.measures.push(Arc::clone(doc)),
            Parsed::Page(doc) => loaded.pages.push(Arc::clone(doc)),
            Parsed::Incident(doc) => loaded.incidents.push(Arc::clone(doc)),
            Parsed::Broken(kind, stem, claims) => {
                loaded.broken.push((*kind, stem.clone(), id));
                loaded.recovered.extend(claims.iter().cloned());
            }
        }
    }
    for (kind, stem, id, rel) in unreadable {
        loaded.files[id.0] = Arc::new(SourceFile::new(rel.clone(), String::new()));
        loaded.broken.push((kind, stem, id));
    }
    (loaded, diagnostics)
}

/// Like [`parse_with`] after a change to the content file `rel` alone,
/// given what the last parse gave (`last`): parses that file only (when
/// its bytes changed) and puts it in the place of its old document,
/// without a walk over every file. `None` when it takes more than that
/// (the file is new, gone, or not a document of the kind it was): then
/// [`parse_with`] does it all.
pub fn parse_one(
    site: &SiteFiles,
    cache: &mut ParseCache,
    last: &Loaded,
    rel: &str,
) -> Option<(Loaded, Vec<Diagnostic>)> {
    fn swap<T>(docs: &mut [Arc<Doc<T>>], new: &Arc<Doc<T>>) -> Option<()> {
        let at = docs.iter().position(|doc| doc.file == new.file)?;
        docs[at] = Arc::clone(new);
        Some(())
    }
    let bytes = site.files.get(rel)?;
    let kind = content_kind(rel).filter(|_| rel.ends_with(".md"))?;
    let id = cache.id_of(rel)?;
    if cache
        .files
        .get(rel)
        .is_none_or(|cached| cached.bytes != *bytes)
    {
        let parsed = parse_file(kind, rel, bytes, id);
        cache.files.insert(rel.to_string(), parsed);
    }
    let cached = cache.files.get(rel)?;
    let mut loaded = last.clone();
    match &cached.parsed {
        Parsed::Brief(doc) => swap(&mut loaded.briefs, doc)?,
        Parsed::Actor(doc) => swap(&mut loaded.actors, doc)?,
        Parsed::Claim(doc) => swap(&mut loaded.claims, doc)?,
        Parsed::Measure(doc) => swap(&mut loaded.measures, doc)?,
        Parsed::Page(doc) => swap(&mut loaded.pages, doc)?,
        Parsed::Incident(doc) => swap(&mut loaded.incidents, doc)?,
        Parsed::Broken(..) => return None,
    }
    *loaded.files.get_mut(id.0)? = Arc::clone(cached.file.as_ref()?);
    Some((loaded, cached.diagnostics.clone()))
}

/// site.yaml, decoded into `loaded.config`; its file, for diagnostics.
fn config(
    site: &SiteFiles,
    loaded: &mut Loaded,
    diagnostics: &mut Vec<Diagnostic>,
) -> Arc<SourceFile> {
    match decode_text("site.yaml", &site.config) {
        Ok(file) => {
            let mut file = *file;
            // site.yaml unreadable as YAML (already reported) has no
            // settings to check, and no missing title either.
            if let Some(config) = decode_yaml::<RawConfig>(&mut file, config_keys(), diagnostics) {
                loaded.config = config;
                loaded.config_file = Some(FileId(0));
            }
            Arc::new(file)
        }
        Err(diagnostic) => {
            diagnostics.push(*diagnostic);
            Arc::new(SourceFile::new("site.yaml".into(), String::new()))
        }
    }
}

/// Templates and static files into `loaded`; the content files, each
/// with its kind, in path order. Other files under content/ are skipped
/// with a warning.
fn sort_files<'s>(
    site: &'s SiteFiles,
    loaded: &mut Loaded,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Kind, &'s str, &'s Arc<Vec<u8>>)> {
    let mut entries: Vec<(Kind, &str, &Arc<Vec<u8>>)> = Vec::new();
    for (rel, bytes) in &site.files {
        if let Some(name) = rel.strip_prefix("templates/") {
            match decode_text(rel, bytes) {
                Ok(file) => loaded.templates.push((name.to_string(), file.text)),
                Err(diagnostic) => diagnostics.push(*diagnostic),
            }
            continue;
        }
        if let Some(path) = rel.strip_prefix("static/") {
            loaded.statics.push(AssetFile {
                path: path.to_string(),
                bytes: Arc::clone(bytes),
            });
            continue;
        }
        if !rel.starts_with("content/") {
            continue;
        }
        let kind = content_kind(rel);
        let is_markdown = rel.ends_with(".md");
        match (kind, is_markdown) {
            (Some(kind), true) => entries.push((kind, rel.as_str(), bytes)),
            (_, false) => diagnostics.push(
                Diagnostic::warning(rel, "not a Markdown file: skipped")
                    .hint("content files end in `.md`; put images and other files in static/"),
            ),
            (None, true) => diagnostics.push(
                Diagnostic::warning(rel, "not in a content folder: skipped").hint(
                    "content files go in content/briefs/, actors/, claims/, measures/, incidents/ or pages/",
                ),
            ),
        }
    }
    entries
}

/// One content file parsed, with its diagnostics, to keep.
fn parse_file(kind: Kind, rel: &str, bytes: &Arc<Vec<u8>>, id: FileId) -> CachedFile {
    let (file, doc, diagnostics) = parse_content(kind, rel, bytes);
    let stem = stem_of(rel);
    let parsed = match (file.is_some(), doc) {
        (false, ParsedDoc::Broken(kind, claims)) => Parsed::Broken(kind, stem, claims),
        (false, _) => Parsed::Broken(kind, stem, Vec::new()),
        (true, ParsedDoc::Brief(raw, body)) => {
            Parsed::Brief(Arc::new(doc_of(id, stem, *raw, body)))
        }
        (true, ParsedDoc::Actor(raw, body)) => {
            Parsed::Actor(Arc::new(doc_of(id, stem, *raw, body)))
        }
        (true, ParsedDoc::Claim(raw, body)) => {
            Parsed::Claim(Arc::new(doc_of(id, stem, *raw, body)))
        }
        (true, ParsedDoc::Measure(raw, body)) => {
            Parsed::Measure(Arc::new(doc_of(id, stem, *raw, body)))
        }
        (true, ParsedDoc::Page(raw, body)) => Parsed::Page(Arc::new(doc_of(id, stem, *raw, body))),
        (true, ParsedDoc::Incident(raw, body)) => {
            Parsed::Incident(Arc::new(doc_of(id, stem, *raw, body)))
        }
        (true, ParsedDoc::Broken(kind, claims)) => Parsed::Broken(kind, stem, claims),
    };
    // A file that is not text still has its path, for diagnostics.
    let file = file.unwrap_or_else(|| SourceFile::new(rel.to_string(), String::new()));
    CachedFile {
        id,
        bytes: bytes.clone(),
        file: Some(Arc::new(file)),
        parsed,
        diagnostics,
    }
}

/// The kind of content a file under content/ is, by its folder.
pub(super) fn content_kind(rel: &str) -> Option<Kind> {
    let rest = rel.strip_prefix("content/")?;
    Kind::ALL.into_iter().find(|k| {
        rest.strip_prefix(k.folder())
            .is_some_and(|after| after.starts_with('/'))
    })
}

pub(super) fn doc_of<T>(file: FileId, stem: String, raw: T, body: (String, usize)) -> Doc<T> {
    Doc {
        file,
        stem,
        raw,
        body: body.0,
        body_line: body.1,
    }
}

/// The file name without `.md`.
pub(super) fn stem_of(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name).to_string()
}

pub(super) enum ParsedDoc {
    Brief(Box<RawBrief>, (String, usize)),
    Actor(Box<RawActor>, (String, usize)),
    Claim(Box<RawClaim>, (String, usize)),
    Measure(Box<RawMeasure>, (String, usize)),
    Page(Box<RawPage>, (String, usize)),
    Incident(Box<RawIncident>, (String, usize)),
    /// Read, but its front matter is unusable: with the ids of the claims
    /// it seems to declare (see [`claim_ids_in`]).
    Broken(Kind, Vec<String>),
}

pub(super) fn parse_content(
    kind: Kind,
    rel: &str,
    bytes: &[u8],
) -> (Option<SourceFile>, ParsedDoc, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut file = match decode_text(rel, bytes) {
        Ok(file) => *file,
        Err(diagnostic) => {
            let text = String::from_utf8_lossy(bytes);
            let claims = recover_claim_ids(kind, &text);
            return (None, ParsedDoc::Broken(kind, claims), vec![*diagnostic]);
        }
    };
    let (yaml_range, yaml_line, body) = match frontmatter::split(&file.text) {
        Ok(split) => {
            let start = split.yaml.as_ptr() as usize - file.text.as_ptr() as usize;
            (
                start..start + split.yaml.len(),
                split.yaml_line,
                (split.body.to_string(), split.body_line),
            )
        }
        Err(error) => {
            let (message, hint) = match error {
                SplitError::Empty => (
                    "empty file",
                    "a content file starts with a line `---`, then YAML front matter, a line `---` and the Markdown body",
                ),
                SplitError::NoOpening => (
                    "missing front matter: the first line must be `---`",
                    "did you forget to add `---` before the front matter?",
                ),
                SplitError::Unclosed => (
                    "front matter is not closed",
                    "add a line `---` after the last front-matter line",
                ),
            };
            diagnostics.push(
                Diagnostic::error(&file.path, message)
                    .at(&file.text, Pos::new(1, 1, 3))
                    .hint(hint),
            );
            // No front matter to split: the claims' ids are read from it all.
            let claims = recover_claim_ids(kind, &file.text);
            return (Some(file), ParsedDoc::Broken(kind, claims), diagnostics);
        }
    };
    file.yaml_range = yaml_range;
    file.yaml_line = yaml_line;
    let doc = match kind {
        Kind::Brief => {
            decode_yaml::<RawBrief>(&mut file, front_matter_keys(Kind::Brief), &mut diagnostics)
                .map(|r| ParsedDoc::Brief(Box::new(r), body))
        }
        Kind::Actor => {
            decode_yaml::<RawActor>(&mut file, front_matter_keys(Kind::Actor), &mut diagnostics)
                .map(|r| ParsedDoc::Actor(Box::new(r), body))
        }
        Kind::Claim => {
            decode_yaml::<RawClaim>(&mut file, front_matter_keys(Kind::Claim), &mut diagnostics)
                .map(|r| ParsedDoc::Claim(Box::new(r), body))
        }
        Kind::Measure => decode_yaml::<RawMeasure>(
            &mut file,
            front_matter_keys(Kind::Measure),
            &mut diagnostics,
        )
        .map(|r| ParsedDoc::Measure(Box::new(r), body)),
        Kind::Page => {
            decode_yaml::<RawPage>(&mut file, front_matter_keys(Kind::Page), &mut diagnostics)
                .map(|r| ParsedDoc::Page(Box::new(r), body))
        }
        Kind::Incident => decode_yaml::<RawIncident>(
            &mut file,
            front_matter_keys(Kind::Incident),
            &mut diagnostics,
        )
        .map(|r| ParsedDoc::Incident(Box::new(r), body)),
    };
    let doc = doc.unwrap_or_else(|| {
        let claims = recover_claim_ids(kind, &file.text[file.yaml_range.clone()]);
        ParsedDoc::Broken(kind, claims)
    });
    (Some(file), doc, diagnostics)
}

/// The claim ids a brief (`kind`) whose front matter cannot be read seems
/// to declare, from `text` (its YAML, or the whole file): each `id:` of an
/// item of the top-level `claims:` list (`- id: x`, an `id: x` line under
/// an item, `- {id: x, …}`), when it is a valid id. Read line by line, so
/// that one mistake does not hide every claim of the file.
pub(super) fn recover_claim_ids(kind: Kind, text: &str) -> Vec<String> {
    if kind != Kind::Brief {
        return Vec::new();
    }
    let mut ids = Vec::new();
    let mut in_claims = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || line.trim_end() == "---" {
            continue;
        }
        let top_level = trimmed.len() == line.len() && !trimmed.starts_with('-');
        if top_level {
            in_claims = trimmed.starts_with("claims:");
        }
        if !in_claims {
            continue;
        }
        // `id:` at the start of the line's text (after `- `), or after `{` or `,`.
        let item = trimmed.strip_prefix("- ").unwrap_or(trimmed).trim_start();
        let mut values: Vec<&str> = item.strip_prefix("id:").into_iter().collect();
        for opening in ['{', ','] {
            for (i, _) in line.match_indices(opening) {
                if let Some(value) = line[i + 1..].trim_start().strip_prefix("id:") {
                    values.push(value);
                }
            }
        }
        for value in values {
            let end = value.find([',', '}', '#']).unwrap_or(value.len());
            let id = value[..end].trim().trim_matches(['"', '\'']);
            if crate::resolve::declare::is_valid_id(id) {
                ids.push(id.to_string());
            }
        }
    }
    ids
}

/// Parses the YAML of `file`, reports unknown keys (and drops them, so the
/// rest of the file is still checked), and decodes it.
pub(super) fn decode_yaml<T: DeserializeOwned + Default>(
    file: &mut SourceFile,
    schema: &Schema,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    let text = &file.text[file.yaml_range.clone()];
    let tree = match yaml::parse(text) {
        Ok(tree) => tree,
        Err(errors) => {
            diagnostics.extend(errors.into_iter().map(|error| file.yaml_error(error)));
            return None;
        }
    };
    // A key written twice: reported at the repetition; the first is kept.
    for (i, path) in tree.repeated.iter().enumerate() {
        let nth = tree.repeated[..i].iter().filter(|p| *p == path).count();
        diagnostics.push(file.repeated_key(path, nth));
    }
    let mut value = tree.node;
    if value.is_null() {
        return Some(T::default());
    }
    if !value.is_map() {
        diagnostics.push(file.yaml_error(YamlError {
            message: "front matter must be a mapping of keys to values".into(),
            hint: Some("write one `key: value` per line".into()),
            path: None,
            pos: Some(Pos::new(1, 1, 1)),
        }));
        return None;
    }
    for error in yaml::unknown_keys(&value, schema) {
        if let Some(path) = &error.path {
            value.remove(path);
        }
        diagnostics.push(file.yaml_error(error));
    }
    // A value of the wrong type (`draft: maybe`, a list item `{b: c}` in
    // `tags`) is reported, dropped like an unknown key, and decoding tried
    // again, so that one such value does not hide the file's other
    // mistakes. Each round drops one entry, so this ends.
    loop {
        match yaml::decode::<T>(&value, schema) {
            Ok(raw) => return Some(raw),
            Err(error) => {
                let path = error.path.clone().unwrap_or_default();
                let written = file.as_written(&path);
                // The message names the path as written, too.
                let message = match written == path {
                    true => error.message,
                    false => {
                        error
                            .message
                            .replacen(&format!("`{path}`"), &format!("`{written}`"), 1)
                    }
                };
                diagnostics.push(
                    Diagnostic::error(&file.path, message)
                        .at(&file.text, file.locate(&path))
                        .maybe_hint(error.hint),
                );
                if !value.remove(&path) {
                    return None;
                }
                file.dropped.push(written);
            }
        }
    }
}

/// Decodes a text file: BOM dropped, CRLF to LF; invalid UTF-8 is a diagnostic
/// at the first bad byte.
pub(super) fn decode_text(rel: &str, bytes: &[u8]) -> Result<Box<SourceFile>, Box<Diagnostic>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let lossy = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
            let valid =
                String::from_utf8_lossy(&bytes[..error.valid_up_to()]).replace("\r\n", "\n");
            let pos = Pos::of_offset(&lossy, valid.len(), 1);
            return Err(Box::new(
                Diagnostic::error(
                    rel,
                    format!(
                        "not valid UTF-8: byte 0x{:02X} at offset {}",
                        bytes[error.valid_up_to()],
                        error.valid_up_to()
                    ),
                )
                .at(&lossy, pos)
                .hint("save the file as UTF-8"),
            ));
        }
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    };
    Ok(Box::new(SourceFile::new(rel.to_string(), text)))
}
