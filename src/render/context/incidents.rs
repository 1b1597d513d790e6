//! Incidents and maps.

use super::*;
use serde::Serialize;

/// `incident` on incident.html: an event in time and place (FORMAT §14).
#[derive(Debug, Clone, Serialize)]
pub struct IncidentCtx {
    pub id: String,
    pub title: String,
    /// Short free text (`cable damage`), or `null`.
    pub kind: Option<String>,
    /// When it happened, as a claim's `when`.
    pub when: Option<WhenCtx>,
    /// The name readers know the place by.
    pub place: String,
    /// "59.80° N, 24.60° E", or `null` without coordinates.
    pub position: Option<String>,
    /// The coordinates, WGS 84 decimal degrees, or `null`.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// "approximate position"…, or `null`.
    pub precision: Option<&'static str>,
    /// A course (a ship's, an anchor's drag), in order.
    pub track: Vec<PointRow>,
    /// The corners of an area.
    pub area: Vec<PointRow>,
    /// The map of the region around it, or `null` without coordinates.
    pub map: Option<MapCtx>,
    pub body_html: String,
    pub toc: Vec<TocEntry>,
    pub actors: Vec<ActorRef>,
    /// Every published claim about it, oldest first: how the account
    /// changed.
    pub claims: Vec<ClaimCard>,
    /// The briefs that declare or cite those claims, newest first.
    pub briefs: Vec<BriefRef>,
    pub sources: Vec<SourceCtx>,
    /// Its tags as written, each linked to the tag's page when briefs
    /// share it.
    pub tags: Vec<IncidentTag>,
    pub extra: serde_json::Value,
}

/// A tag of an incident: its page exists when a published brief has it.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentTag {
    pub name: String,
    /// The tag's page, or `null` when no brief has the tag.
    pub url: Option<String>,
}

/// A map (FORMAT §14), drawn by `render::map`: print `svg` with `| safe`
/// inside `partials/map.html`, which adds the scale's label, the layers'
/// key and the credits.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MapCtx {
    /// The picture: inline SVG with its own title and description, and no
    /// text in it.
    pub svg: String,
    /// What the scale bar measures ("50 km"), or `null` on a map too large
    /// for one.
    pub scale: Option<String>,
    /// The scale bar in a sentence, with the latitude it holds at.
    pub scale_note: Option<String>,
    /// The map's text equivalent: what it marks, and where it spans.
    pub text: String,
    /// The site's layers drawn on it (those that cross it), in site.yaml's
    /// order.
    pub layers: Vec<MapLayerKey>,
}

/// A layer in a map's key and credits.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MapLayerKey {
    /// Its style, 1 to 4 (`layer-1`…), as drawn.
    pub style: usize,
    pub title: String,
    /// Whose data it is, or `null` (a warning says so).
    pub attribution: Option<String>,
}

/// A point of a track or an area.
#[derive(Debug, Clone, Serialize)]
pub struct PointRow {
    pub lat: f64,
    pub lon: f64,
    /// "59.80° N, 24.60° E".
    pub text: String,
    /// The time at the point, as written (tracks only), or `null`.
    pub time: Option<String>,
}

/// An incident on incidents.html.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentItem {
    pub id: String,
    pub url: String,
    pub title: String,
    pub kind: Option<String>,
    pub when: Option<WhenCtx>,
    pub place: String,
    /// "59.80° N, 24.60° E" where its mark is, or `null` without coordinates.
    pub position: Option<String>,
    /// Published claims about it.
    pub claims: usize,
}
