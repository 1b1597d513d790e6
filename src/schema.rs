//! JSON Schemas (draft 2020-12): the pieces shared by the schemas of the
//! data files (`render::data`) and of the front matter (`dossier schema`):
//! ids, dates and the closed vocabularies of `model`, each with the
//! pattern or the list of values the loader and resolver accept.

use crate::model::*;
use schemars::{json_schema, Schema, SchemaGenerator};
use serde_json::{json, Value};

/// The grammar of ids (FORMAT §1).
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
/// The longest id.
pub const ID_MAX: usize = 100;
/// A partial date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub const PARTIAL_DATE_PATTERN: &str = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";
/// A full date: `YYYY-MM-DD`.
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// `schema`, or `null` too.
fn or_null(schema: Value) -> Schema {
    json_schema!({ "anyOf": [schema, { "type": "null" }] })
}

fn id_value() -> Value {
    json!({ "type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX })
}

fn vocabulary<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Value {
    let values: Vec<&str> = all.iter().map(|v| as_str(*v)).collect();
    json!({ "type": "string", "enum": values })
}

/// An id.
pub fn id(_: &mut SchemaGenerator) -> Schema {
    Schema::try_from(id_value()).unwrap_or_default()
}

pub fn id_or_null(_: &mut SchemaGenerator) -> Schema {
    or_null(id_value())
}

pub fn partial_date(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "pattern": PARTIAL_DATE_PATTERN })
}

pub fn partial_date_or_null(_: &mut SchemaGenerator) -> Schema {
    or_null(json!({ "type": "string", "pattern": PARTIAL_DATE_PATTERN }))
}

pub fn status(_: &mut SchemaGenerator) -> Schema {
    Schema::try_from(vocabulary(Status::ALL, Status::as_str)).unwrap_or_default()
}

pub fn stance(_: &mut SchemaGenerator) -> Schema {
    Schema::try_from(vocabulary(Stance::ALL, Stance::as_str)).unwrap_or_default()
}

pub fn actor_kind(_: &mut SchemaGenerator) -> Schema {
    Schema::try_from(vocabulary(ActorKind::ALL, ActorKind::as_str)).unwrap_or_default()
}

pub fn reliability_or_null(_: &mut SchemaGenerator) -> Schema {
    or_null(vocabulary(Reliability::ALL, Reliability::as_str))
}

pub fn credibility_or_null(_: &mut SchemaGenerator) -> Schema {
    or_null(vocabulary(Credibility::ALL, Credibility::as_str))
}

pub fn confidence_or_null(_: &mut SchemaGenerator) -> Schema {
    or_null(vocabulary(Confidence::ALL, Confidence::as_str))
}

pub fn qualifier_or_null(_: &mut SchemaGenerator) -> Schema {
    or_null(vocabulary(Qualifier::ALL, Qualifier::as_str))
}
