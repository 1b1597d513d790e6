//! An entity's `extra`, `redirect_from`, URLs and `sources:` list.

use super::*;

impl Here<'_> {
    pub(super) fn extra(&mut self, value: &Option<serde_yaml::Value>) -> serde_json::Value {
        match value {
            None => serde_json::Value::Object(Default::default()),
            Some(v) => yaml_to_json(v),
        }
    }

    pub(super) fn redirects(&mut self, list: &[Text], to: Target) {
        for (i, old) in list.iter().enumerate() {
            let old = old.0.trim().to_string();
            let at = path!["redirect_from", i];
            if !is_valid_id(&old) {
                self.error(
                    &at,
                    format!("invalid id `{old}` in `redirect_from`"),
                    "list the old ids of this page: lowercase letters, digits and hyphens",
                );
                continue;
            }
            self.found.redirects.push(PendingRedirect {
                from: old,
                to,
                file: self.file_id,
                path: self.path(&at),
            });
        }
    }

    pub(super) fn url(&mut self, value: &Option<Text>, at: &YamlPath) -> Option<String> {
        let url = text(value)?;
        if markdown::is_unsafe_url(&url) {
            self.warning(
                at,
                "unsafe URL removed",
                "only http(s), mailto and tel URLs and site paths reach a page (`javascript:`, `vbscript:`, `data:` never do)",
            );
            return None;
        }
        Some(url)
    }

    /// A source's `archive`: a URL like any other (an unsafe one is
    /// reported and dropped by `url`), and an http(s) address, since an
    /// archived copy is a page on the web.
    pub(super) fn archive(&mut self, value: &Option<Text>, at: &YamlPath) -> Option<String> {
        let url = self.url(value, at)?;
        let scheme_end = url.find("://").unwrap_or(0);
        let scheme = url[..scheme_end].to_ascii_lowercase();
        if (scheme == "http" || scheme == "https") && url.len() > scheme_end + 3 {
            return Some(url);
        }
        let shown: String = url.chars().take(60).collect();
        self.error(
            at,
            format!("`archive` must be an http(s) address, not `{shown}`"),
            "write the full address of the archived copy, e.g. `https://web.archive.org/web/2025/https://example.org/page`",
        );
        None
    }

    /// Converts a `sources:` list. `report` is false when the list's own
    /// entity already reported its problems.
    pub(super) fn sources(
        &mut self,
        raw: &[RawSource],
        at: &YamlPath,
        report: bool,
    ) -> Vec<Source> {
        let saved = std::mem::take(&mut self.found.diagnostics);
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, s) in raw.iter().enumerate() {
            let item = at.index(i);
            let id = match text(&s.id) {
                Some(id) => id,
                None => {
                    self.missing(
                        &item,
                        "id",
                        "source without `id`",
                        "give each source an `id` that the claims' `source:` can name",
                    );
                    continue;
                }
            };
            if !is_valid_id(&id) {
                self.error(
                    &item.key("id"),
                    format!("invalid source id `{id}`"),
                    "source ids are lowercase letters, digits and single hyphens",
                );
            }
            if !seen.insert(id.clone()) {
                self.error(
                    &item.key("id"),
                    format!("duplicate source id `{id}`"),
                    "source ids are unique within their file",
                );
                continue;
            }
            let title = match text(&s.title) {
                Some(t) => t,
                None => {
                    self.missing(
                        &item,
                        "title",
                        format!("source `{id}` has no `title`"),
                        "add `title:` to the source",
                    );
                    id.clone()
                }
            };
            let publisher = s
                .publisher
                .as_ref()
                .and_then(|p| self.actor(&item.key("publisher"), &p.0));
            let url = self.url(&s.url, &item.key("url"));
            let date = self.partial_date(&s.date, &item.key("date"));
            let reliability = self.reliability(&s.reliability, &item.key("reliability"));
            let kind = self.vocabulary(
                &s.kind,
                &item.key("type"),
                SourceType::parse,
                SourceType::allowed,
            );
            let access = self.vocabulary(
                &s.access,
                &item.key("access"),
                Access::parse,
                Access::allowed,
            );
            let archive = self.archive(&s.archive, &item.key("archive"));
            let retrieved = self.partial_date(&s.retrieved, &item.key("retrieved"));
            let language = self.lang(&s.language, &item.key("language"));
            let translation = text(&s.translation);
            out.push(Source {
                id,
                title,
                publisher,
                url,
                date,
                reliability,
                kind,
                access,
                archive,
                retrieved,
                language,
                translation,
                anonymous: s.anonymous.unwrap_or(false),
            });
        }
        if !report {
            self.found.diagnostics.clear();
        }
        let mut reported = std::mem::replace(&mut self.found.diagnostics, saved);
        self.found.diagnostics.append(&mut reported);
        out
    }
}

/// The sources an id-or-list field at `field` names, from the declaring
/// file's `sources:` (converted in `by_id`; `declared` for hints).
pub(super) fn named_sources(
    here: &mut Here,
    list: &Option<OneOrMany>,
    field: &YamlPath,
    by_id: &std::collections::HashMap<&str, &Source>,
    declared: &[RawSource],
) -> Vec<Source> {
    let mut sources = Vec::new();
    let Some(list) = list else {
        return sources;
    };
    let single = list.0.len() == 1;
    for (i, id) in list.0.iter().enumerate() {
        let id = id.0.trim();
        let at = if single {
            field.clone()
        } else {
            field.index(i)
        };
        match by_id.get(id) {
            Some(s) => sources.push((*s).clone()),
            None => {
                let mut known: Vec<&str> = declared
                    .iter()
                    .filter_map(|s| s.id.as_ref().map(|t| t.0.trim()))
                    .collect();
                // A hint names a few, not a list as long as the file.
                if known.len() > 12 {
                    known.truncate(10);
                    known.push("…");
                }
                let hint = match closest(id, known.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`? `source` names a source of this file's `sources:` list"),
                    None if known.is_empty() => "this file has no `sources:` list; declare the source there".to_string(),
                    None => format!("`source` names a source of this file's `sources:` list: {}", known.join(", ")),
                };
                here.error(&at, format!("unknown source `{id}`"), hint);
            }
        }
    }
    sources
}
