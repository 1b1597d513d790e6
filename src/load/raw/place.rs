//! Measures, pages and incidents, with an incident's place and coordinates.

use super::*;

/// `content/measures/<id>.md`.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMeasure {
    /// Required: the measure's name.
    #[schemars(required)]
    pub name: Option<Text>,
    /// Required: the unit every figure of the measure is in.
    #[schemars(required)]
    pub unit: Option<Text>,
    /// A free mapping, passed to templates.
    #[schemars(with = "Option<serde_json::Value>", transform = crate::schema::free_field)]
    pub extra: Option<serde_yaml::Value>,
}

/// `content/pages/<id>.md`.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    /// Required: the page's title.
    #[schemars(required)]
    pub title: Option<Text>,
    #[serde(default)]
    /// Old ids whose URLs forward to this page.
    #[schemars(transform = crate::schema::id_list_field)]
    pub redirect_from: Vec<Text>,
    /// A free mapping, passed to templates.
    #[schemars(with = "Option<serde_json::Value>", transform = crate::schema::free_field)]
    pub extra: Option<serde_yaml::Value>,
}

/// `content/incidents/<id>.md` (FORMAT §14): an event in time and place
/// that claims are about.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIncident {
    /// Required: the incident's title.
    #[schemars(required)]
    pub title: Option<Text>,
    /// Required: when it happened, as a claim's `when`: a date, or `{from, to}`.
    #[schemars(required)]
    pub when: Option<RawWhen>,
    /// Required: where it happened: `{place, lat, lon, precision, track, area}`.
    #[serde(rename = "where")]
    #[schemars(required, rename = "where")]
    pub place: Option<RawWhere>,
    /// Short free text shown as a label and grouped on the list (`cable damage`).
    pub kind: Option<Text>,
    #[serde(default)]
    /// Ids of the actors involved.
    #[schemars(transform = crate::schema::id_list_field)]
    pub actors: Vec<Text>,
    #[serde(default)]
    /// Tags; each becomes a tag page.
    pub tags: Vec<Text>,
    #[serde(default)]
    /// The incident's sources.
    pub sources: Vec<RawSource>,
    #[serde(default)]
    /// `true`: left out of the site unless built with `--drafts`.
    pub draft: bool,
    #[serde(default)]
    /// Old ids whose URLs forward to this incident.
    #[schemars(transform = crate::schema::id_list_field)]
    pub redirect_from: Vec<Text>,
    /// A free mapping, passed to templates.
    #[schemars(with = "Option<serde_json::Value>", transform = crate::schema::free_field)]
    pub extra: Option<serde_yaml::Value>,
}

/// An incident's `where`.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawWhere {
    /// Required: the name readers know the place by.
    #[schemars(required)]
    pub place: Option<Text>,
    /// Latitude, WGS 84 decimal degrees, -90 to 90.
    pub lat: Option<f64>,
    /// Longitude, WGS 84 decimal degrees, -180 to 180.
    pub lon: Option<f64>,
    /// How exact the coordinates are: `exact`, `approximate`, `area`,
    /// `region` or `country`.
    #[schemars(transform = crate::schema::precision_field)]
    pub precision: Option<Text>,
    #[serde(default)]
    /// A course: a list of `[lat, lon]` or `[lat, lon, time]` points.
    pub track: Vec<RawPoint>,
    #[serde(default)]
    /// A polygon: a list of at least three `[lat, lon]` points.
    pub area: Vec<RawPoint>,
}

/// One item of a point: a number, or (the third) a time.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCoord {
    Number(f64),
    Text(String),
}

/// `[lat, lon]` or `[lat, lon, time]`, as written (checked by `resolve`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawPoint(pub Vec<RawCoord>);

impl<'de> Deserialize<'de> for RawCoord {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawCoord, D::Error> {
        struct CoordVisitor;
        impl Visitor<'_> for CoordVisitor {
            type Value = RawCoord;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a time")
            }
            // The loader hands scalars over as written: a number is read
            // here, YAML's `.nan` and `.inf` too (and reported as such).
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawCoord, E> {
                let t = v.trim();
                let special = match t.to_ascii_lowercase().as_str() {
                    ".nan" => Some(f64::NAN),
                    ".inf" | "+.inf" => Some(f64::INFINITY),
                    "-.inf" => Some(f64::NEG_INFINITY),
                    _ => None,
                };
                let looks_numeric =
                    t.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c));
                match special.or_else(|| t.parse::<f64>().ok().filter(|_| looks_numeric)) {
                    Some(n) => Ok(RawCoord::Number(n)),
                    None => Ok(RawCoord::Text(v.to_string())),
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawCoord, E> {
                Ok(RawCoord::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawCoord, E> {
                Ok(RawCoord::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawCoord, E> {
                Ok(RawCoord::Number(v))
            }
        }
        deserializer.deserialize_any(CoordVisitor)
    }
}

impl<'de> Deserialize<'de> for RawPoint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawPoint, D::Error> {
        Vec::<RawCoord>::deserialize(deserializer).map(RawPoint)
    }
}

impl JsonSchema for RawPoint {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RawPoint".into()
    }

    /// `[lat, lon]` or `[lat, lon, time]`.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "prefixItems": [
                { "type": "number", "minimum": -90, "maximum": 90 },
                { "type": "number", "minimum": -180, "maximum": 180 },
                { "type": "string" }
            ],
            "minItems": 2,
            "maxItems": 3
        })
    }
}
