//! Markdown fields and bodies of an entity: rendered through the memo,
//! their problems placed where the file writes them.

use super::*;

impl Here<'_> {
    /// Renders a front-matter Markdown field for pages at every depth;
    /// problems are placed at the link in the file, else at the field.
    pub(super) fn inline_markdown(&mut self, value: &str, at: &YamlPath) -> (InlineHtml, String) {
        let ids = self.scope.ids;
        let lookup = |id: &str| ids.link_target(id);
        let portable = self.scope.portable;
        let (key, entry) = match self.scope.memo.get(Mode::Inline, portable, value, &lookup) {
            Some(hit) => hit,
            None => {
                let render =
                    |root: &str| markdown::render_inline(value, &lookup, Place { root, portable });
                let deeper = (!markdown::same_at_every_depth(value))
                    .then(|| Box::new([render("../").html, render("../../").html]));
                Memo::entry(Mode::Inline, portable, value, render(""), deeper, &lookup)
            }
        };
        let rendered = &entry.rendered;
        let html = match &entry.deeper {
            None => InlineHtml::same(entry.html.to_string()),
            Some(deeper) => {
                let [one, two] = &**deeper;
                InlineHtml::per_depth([entry.html.to_string(), one.clone(), two.clone()])
            }
        };
        // Positions are worked out only for problems: finding a field's line
        // means parsing the front matter a second time.
        let file = self.file;
        let field_path = self.path(at);
        self.check_markdown(rendered, |offset, len| {
            let field = file.locate(&field_path);
            let text = &file.text;
            let field_start = text
                .split_inclusive('\n')
                .take(field.line - 1)
                .map(str::len)
                .sum::<usize>();
            // YAML may fold or quote the value, but `[[…]]` itself is written
            // as is: find it in the file from the field on, else use the field.
            let needle = &value[offset..offset + len];
            match text
                .get(field_start..file.yaml_range.end)
                .and_then(|rest| rest.find(needle))
            {
                Some(i) => Pos::of_offset(text, field_start + i, len),
                None => field,
            }
        });
        let plain = rendered.plain.clone();
        if self.scope.remember {
            self.found.memo.push((key, entry));
        }
        (html, plain)
    }

    /// Renders a body for the page at `page_path`; problems are placed
    /// exactly. Its HTML is shared with the memo's entry.
    pub(super) fn body_markdown(
        &mut self,
        body: &str,
        first_line: usize,
        page_path: &str,
    ) -> BodyHtml {
        let ids = self.scope.ids;
        let lookup = |id: &str| ids.link_target(id);
        let root = urls::root_of(page_path);
        let portable = self.scope.portable;
        let mode = Mode::Body {
            depth: root.matches("../").count() as u8,
        };
        let (key, entry) = match self.scope.memo.get(mode, portable, body, &lookup) {
            Some(hit) => hit,
            None => {
                let rendered = markdown::render_body(
                    body,
                    &lookup,
                    Place {
                        root: &root,
                        portable,
                    },
                );
                Memo::entry(mode, portable, body, rendered, Default::default(), &lookup)
            }
        };
        self.check_markdown(&entry.rendered, |offset, len| {
            let p = Pos::of_offset(body, offset, len);
            Pos::new(p.line + first_line - 1, p.col, p.len)
        });
        let made = BodyHtml {
            html: Arc::clone(&entry.html),
            headings: entry.rendered.headings.clone(),
        };
        if self.scope.remember {
            self.found.memo.push((key, entry));
        }
        made
    }

    pub(super) fn check_markdown(
        &mut self,
        rendered: &Rendered,
        place: impl Fn(usize, usize) -> Pos,
    ) {
        let ids = self.scope.ids;
        for problem in &rendered.problems {
            let pos = place(problem.offset, problem.len);
            let d = match &problem.kind {
                ProblemKind::UnknownId(id) if ids.broken.contains(id.as_str()) => continue,
                ProblemKind::UnknownId(id) if id.is_empty() => Diagnostic::error(&self.file.path, "`[[…]]` link without an id")
                    .hint("write `[[id]]`, `[[id|text]]` or `[[id#heading]]` with the id of a brief, actor, claim, measure or page"),
                ProblemKind::UnknownId(id) => {
                    let hint = match ids.closest(id, None) {
                        Some(near) => format!("did you mean `[[{near}]]`?"),
                        None => "`[[id]]` links a brief, actor, claim, measure or page by its id".to_string(),
                    };
                    Diagnostic::error(&self.file.path, format!("unknown id `{id}` in `[[{id}]]`")).hint(hint)
                }
                ProblemKind::Embed => Diagnostic::error(&self.file.path, "`![[…]]` embeds are not supported")
                    .hint("to show an image, write `![description](/path/to/image.png)` with the image in static/"),
                ProblemKind::UnsafeUrl(url) => {
                    let shown: String = url.chars().take(40).collect();
                    Diagnostic::warning(&self.file.path, format!("unsafe link `{shown}` removed"))
                        .hint("only http(s), mailto and tel URLs and site paths reach a page (`javascript:`, `vbscript:`, `data:` never do); link to an http(s) address or a site path")
                }
                ProblemKind::HeadingAttributes(written) => {
                    let shown: String = written.chars().take(40).collect();
                    Diagnostic::warning(&self.file.path, format!("heading attributes `{shown}` removed"))
                        .hint("a heading keeps only its id, `{#my-id}`; classes and attributes never reach a page")
                }
                ProblemKind::HeadingId { written, used } => {
                    let shown: String = written.chars().take(40).collect();
                    Diagnostic::warning(&self.file.path, format!("invalid heading id `{shown}`; the heading's id is `{used}`"))
                        .hint("heading ids are lowercase letters, digits and single hyphens: `{#my-id}`")
                }
            };
            self.found.diagnostics.push(d.at(&self.file.text, pos));
        }
        for link in &rendered.links {
            let Some(entry) = ids.get(&link.id) else {
                continue;
            };
            if self.published && !entry.published {
                let d = Diagnostic::error(&self.file.path, format!("`[[{}]]` links to a draft", link.id))
                    .hint("publish the target (remove `draft: true`), remove the link, or build with --drafts")
                    .at(&self.file.text, place(link.offset, link.len));
                self.found.diagnostics.push(d);
            }
            if let Target::Actor(ix) = entry.target {
                self.found.linked_actors.push(ix);
            }
            if let Some(anchor) = &link.anchor {
                self.found.anchors.push(PendingAnchor {
                    file: self.file_id,
                    pos: place(link.offset, link.len),
                    target: entry.target,
                    anchor: anchor.clone(),
                });
            }
        }
    }
}
