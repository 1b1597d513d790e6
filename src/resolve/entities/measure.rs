//! Measure and page files: the entities with few fields of their own.

use super::*;

/// A measure file. `figures_unit` is the unit its figures give most
/// often, the one to suggest when the file has none.
pub fn measure(
    scope: &Scope,
    decl: &MeasureDecl,
    name: String,
    figures_unit: Option<&str>,
) -> (Measure, Findings) {
    let doc = decl.doc;
    let mut here = Here::new(scope, doc.file, YamlPath::default(), true);
    // Both required (FORMAT §7); without a name the id-derived one (what
    // pages showed before names were required) stands in, and is the hint.
    here.required(&doc.raw.name, "name", &yaml_value(&name));
    let unit = here.required(
        &doc.raw.unit,
        "unit",
        &figures_unit.map_or_else(|| "troops".to_string(), yaml_value),
    );
    let body = here.body_markdown(&doc.body, doc.body_line, &urls::measure(&decl.id));
    let extra = here.extra(&doc.raw.extra);
    let measure = Measure {
        id: decl.id.clone(),
        name,
        unit: Some(unit).filter(|u| !u.is_empty()),
        body: body.html,
        toc: body.headings,
        extra,
        claims: Vec::new(),
    };
    (measure, here.found)
}

pub fn page(scope: &Scope, doc: &Doc<RawPage>, ix: PageIx) -> (Page, Findings) {
    let mut here = Here::new(scope, doc.file, YamlPath::default(), true);
    let title = here.required(&doc.raw.title, "title", "About this desk");
    let body = here.body_markdown(&doc.body, doc.body_line, &urls::page(&doc.stem));
    let extra = here.extra(&doc.raw.extra);
    here.redirects(&doc.raw.redirect_from, Target::Page(ix));
    (
        Page {
            id: doc.stem.clone(),
            title,
            body: body.html,
            toc: body.headings,
            extra,
        },
        here.found,
    )
}
