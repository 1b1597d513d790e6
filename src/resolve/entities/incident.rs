//! An incident file (FORMAT §14) to an `Incident`: when and where.

use super::*;

/// An incident file (FORMAT §14): its fields checked, its place's
/// coordinates, track and area in range.
pub fn incident(
    scope: &Scope,
    doc: &Doc<RawIncident>,
    ix: IncidentIx,
    published: bool,
) -> (Incident, Findings) {
    let mut here = Here::new(scope, doc.file, YamlPath::default(), published);
    let title = here.required(&doc.raw.title, "title", "Anchor dragged across a cable");
    if doc.raw.when.is_none() {
        here.missing(
            &path![],
            "when",
            "missing required field `when`",
            "add `when: 2024-12-25` (a date, or `{from, to}`)",
        );
    }
    let when = here.when(&doc.raw.when);
    let (place, point, precision, track, area) = match &doc.raw.place {
        None => {
            here.missing(
                &path![],
                "where",
                "missing required field `where`",
                "add `where: {place: Gulf of Finland, lat: 59.9, lon: 25.0}`",
            );
            (String::new(), None, None, Vec::new(), Vec::new())
        }
        Some(raw) => incident_where(&mut here, raw),
    };
    let kind = text(&doc.raw.kind);
    let actors = if doc.raw.actors.is_empty() {
        Vec::new()
    } else {
        let list = Some(OneOrMany(doc.raw.actors.clone()));
        let field = path!["actors"];
        if doc.raw.actors.len() == 1 {
            // One item: placed at the item, not at the key.
            let mut out = Vec::new();
            if let Some(a) = here.actor(&field.index(0), &doc.raw.actors[0].0) {
                out.push(a);
            }
            out
        } else {
            here.actors_at(&list, &field)
        }
    };
    let sources = here.sources(&doc.raw.sources, &path!["sources"], true);
    let tags = doc
        .raw
        .tags
        .iter()
        .map(|t| t.0.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let body = here.body_markdown(&doc.body, doc.body_line, &urls::incident(&doc.stem));
    let extra = here.extra(&doc.raw.extra);
    here.redirects(&doc.raw.redirect_from, Target::Incident(ix));
    (
        Incident {
            id: doc.stem.clone(),
            title,
            when,
            place,
            point,
            precision,
            track,
            area,
            kind,
            actors,
            tags,
            sources,
            body: body.html,
            toc: body.headings,
            extra,
            claims: Vec::new(),
        },
        here.found,
    )
}

type Where = (
    String,
    Option<(f64, f64)>,
    Option<Precision>,
    Vec<(f64, f64, Option<String>)>,
    Vec<(f64, f64)>,
);

/// An incident's `where`, checked.
fn incident_where(here: &mut Here, raw: &RawWhere) -> Where {
    let place = match text(&raw.place) {
        Some(p) => p,
        None => {
            let hint = "add `place:` with the name readers know, e.g. `place: Gulf of Finland`";
            if raw.place.is_some() {
                here.error(&path!["where", "place"], "`where.place` is empty", hint);
            } else {
                here.missing(&path!["where"], "place", "`where` has no `place`", hint);
            }
            String::new()
        }
    };
    let lat = raw
        .lat
        .and_then(|v| here.coordinate(v, &path!["where", "lat"], true, raw.lon));
    let lon = raw
        .lon
        .and_then(|v| here.coordinate(v, &path!["where", "lon"], false, None));
    match (raw.lat.is_some(), raw.lon.is_some()) {
        (true, false) => here.error(
            &path!["where", "lat"],
            "`where` has `lat` but no `lon`",
            "give both `lat` and `lon`, in decimal degrees",
        ),
        (false, true) => here.error(
            &path!["where", "lon"],
            "`where` has `lon` but no `lat`",
            "give both `lat` and `lon`, in decimal degrees",
        ),
        _ => {}
    }
    let point = lat.zip(lon);
    let precision = text(&raw.precision).and_then(|written| match Precision::parse(&written) {
        Some(p) => Some(p),
        None => {
            let hint = match meant(&written, &Precision::values()) {
                Some(near) => format!(
                    "did you mean `{near}`? allowed values: {}",
                    Precision::allowed()
                ),
                None => format!("allowed values: {}", Precision::allowed()),
            };
            here.error(
                &path!["where", "precision"],
                format!("invalid precision `{written}`"),
                hint,
            );
            None
        }
    });
    let track = here.points(&raw.track, "track", true);
    let area: Vec<(f64, f64)> = here
        .points(&raw.area, "area", false)
        .into_iter()
        .map(|(lat, lon, _)| (lat, lon))
        .collect();
    if !raw.area.is_empty() && raw.area.len() < 3 {
        here.error(
            &path!["where", "area"],
            format!(
                "`where.area` has {} point(s): an area needs at least 3",
                raw.area.len()
            ),
            "list the corners of the polygon, at least three `[lat, lon]` points",
        );
    }
    let area = if area.len() >= 3 { area } else { Vec::new() };
    (place, point, precision, track, area)
}
