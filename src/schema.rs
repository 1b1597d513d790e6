//! JSON Schemas (draft 2020-12) of the front matter of each content kind
//! and of site.yaml (`dossier schema`), for editors with a YAML language
//! server, and the pieces they share with the data files' schemas
//! (`render::data`): ids, dates and the closed vocabularies of `model`.
//!
//! The schemas are generated, never kept by hand: schemars derives them
//! from the serde types the loader decodes (`load::raw`: a description on
//! every field, the values `resolve` accepts as enums and patterns), and
//! each mapping is then cut to exactly the keys the loader accepts there
//! (`load::front_matter_keys`, derived from the same types, which also
//! tells an inline claim from a claim file). A test compares the two at
//! every depth.

use crate::load::raw::*;
use crate::load::yaml::{Nest, Schema as Keys};
use crate::load::{self, Kind};
use crate::model::*;
use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Map, Value};

/// The file `dossier schema` writes for a kind (`brief.schema.json`), or
/// for site.yaml (`site.schema.json`).
pub fn file_name(kind: Option<Kind>) -> String {
    format!("{}.schema.json", kind.map_or("site", Kind::noun))
}

/// Every schema `dossier schema` writes: site.yaml's, then each kind's,
/// by file name.
pub fn all() -> Vec<(String, Value)> {
    let mut all = vec![(file_name(None), site())];
    for kind in Kind::ALL {
        all.push((file_name(Some(kind)), front_matter(kind)));
    }
    all
}

/// The schema of site.yaml.
pub fn site() -> Value {
    generate::<RawConfig>(
        load::config_keys(),
        "dossier site.yaml",
        "The settings of a dossier site: site.yaml at the site's root.",
    )
}

/// The schema of the front matter of `kind`.
pub fn front_matter(kind: Kind) -> Value {
    let keys = load::front_matter_keys(kind);
    let title = format!("dossier {} front matter", kind.noun());
    let description = format!(
        "The YAML front matter of {} of a dossier site: content/{}/<id>.md.",
        kind.with_article(),
        kind.folder()
    );
    match kind {
        Kind::Brief => generate::<RawBrief>(keys, &title, &description),
        Kind::Actor => generate::<RawActor>(keys, &title, &description),
        Kind::Claim => generate::<RawClaim>(keys, &title, &description),
        Kind::Measure => generate::<RawMeasure>(keys, &title, &description),
        Kind::Page => generate::<RawPage>(keys, &title, &description),
        Kind::Incident => generate::<RawIncident>(keys, &title, &description),
    }
}

fn generate<T: JsonSchema>(keys: &Keys, title: &str, description: &str) -> Value {
    let generator = SchemaSettings::draft2020_12()
        .with(|s| s.inline_subschemas = true)
        .into_generator();
    let mut value = generator.into_root_schema_for::<T>().to_value();
    restrict(&mut value, keys);
    one_line_descriptions(&mut value);
    if let Some(object) = value.as_object_mut() {
        object.insert("title".into(), title.into());
        object.insert("description".into(), description.into());
    }
    value
}

/// Descriptions come from doc comments, wrapped: each becomes one line.
fn one_line_descriptions(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(text)) = object.get_mut("description") {
                *text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            }
            object.values_mut().for_each(one_line_descriptions);
        }
        Value::Array(items) => items.iter_mut().for_each(one_line_descriptions),
        _ => {}
    }
}

/// Cuts every mapping of `value` to the keys `keys` accepts, at every
/// depth the loader checks.
fn restrict(value: &mut Value, keys: &Keys) {
    each_object(value, &mut |object| {
        if let Some(Value::Object(properties)) = object.get_mut("properties") {
            properties.retain(|key, _| keys.keys.contains(&key.as_str()));
            for (key, nest) in keys.nested {
                let Some(child) = properties.get_mut(*key) else {
                    continue;
                };
                match nest {
                    Nest::Map(inner) => restrict(child, inner),
                    Nest::ListOf(inner) => each_items(child, &mut |items| restrict(items, inner)),
                }
            }
        }
        if let Some(Value::Array(required)) = object.get_mut("required") {
            required.retain(|key| key.as_str().is_some_and(|k| keys.keys.contains(&k)));
        }
    });
}

/// `f` on each schema of a mapping in `value`: itself, or its `anyOf`,
/// `oneOf` and `allOf` branches (a key that takes a value or a mapping).
fn each_object(value: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>)) {
    let Some(object) = value.as_object_mut() else {
        return;
    };
    if object.contains_key("properties") {
        f(object);
    }
    for branches in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(branches)) = object.get_mut(branches) {
            branches.iter_mut().for_each(|b| each_object(b, f));
        }
    }
}

/// `f` on the item schemas of a list in `value` (through its branches).
fn each_items(value: &mut Value, f: &mut dyn FnMut(&mut Value)) {
    let Some(object) = value.as_object_mut() else {
        return;
    };
    if let Some(items) = object.get_mut("items") {
        f(items);
    }
    for branches in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(branches)) = object.get_mut(branches) {
            branches.iter_mut().for_each(|b| each_items(b, f));
        }
    }
}

/// The grammar of ids (FORMAT §1).
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
/// The longest id.
pub const ID_MAX: usize = 100;
/// A partial date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub const PARTIAL_DATE_PATTERN: &str = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";
/// A partial date, or a full date with its time of day and zone
/// (`2024-12-25T14:26+02:00`, `2024-12-25T12:26Z`): a claim's or an
/// incident's `when`.
pub const MOMENT_PATTERN: &str = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2}([Tt][0-9]{2}:[0-9]{2}(:[0-9]{2})?([Zz]|[+-][0-9]{2}:[0-9]{2}))?)?)?$";
/// A full date: `YYYY-MM-DD`.
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// `schema`, or `null` too.
fn or_null(schema: Value) -> Schema {
    json_schema!({ "anyOf": [schema, { "type": "null" }] })
}

fn id_value() -> Value {
    json!({ "type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX })
}

/// The values of a closed list as text (the data files write them so).
fn texts<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Value {
    let values: Vec<&str> = all.iter().map(|v| as_str(*v)).collect();
    json!({ "type": "string", "enum": values })
}

/// The values of a closed list in front matter. A value that YAML reads as something else
/// than text (`status: false`, a boolean) is listed that way too: the
/// loader takes it as its text.
fn vocabulary<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Value {
    let mut values: Vec<Value> = Vec::new();
    for text in all.iter().map(|v| as_str(*v)) {
        values.push(text.into());
        match serde_yaml::from_str::<Value>(text) {
            Ok(read) if !read.is_string() => values.push(read),
            _ => {}
        }
    }
    match values.iter().all(Value::is_string) {
        true => json!({ "type": "string", "enum": values }),
        false => json!({ "enum": values }),
    }
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

pub fn moment(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "pattern": MOMENT_PATTERN })
}

pub fn moment_or_null(_: &mut SchemaGenerator) -> Schema {
    or_null(json!({ "type": "string", "pattern": MOMENT_PATTERN }))
}

pub fn partial_date_or_null(_: &mut SchemaGenerator) -> Schema {
    or_null(json!({ "type": "string", "pattern": PARTIAL_DATE_PATTERN }))
}

pub fn status(_: &mut SchemaGenerator) -> Schema {
    Schema::try_from(texts(Status::ALL, Status::as_str)).unwrap_or_default()
}

pub fn stance(_: &mut SchemaGenerator) -> Schema {
    Schema::try_from(texts(Stance::ALL, Stance::as_str)).unwrap_or_default()
}

pub fn actor_kind(_: &mut SchemaGenerator) -> Schema {
    Schema::try_from(texts(ActorKind::ALL, ActorKind::as_str)).unwrap_or_default()
}

pub fn reliability_or_null(_: &mut SchemaGenerator) -> Schema {
    or_null(texts(Reliability::ALL, Reliability::as_str))
}

pub fn credibility_or_null(_: &mut SchemaGenerator) -> Schema {
    or_null(texts(Credibility::ALL, Credibility::as_str))
}

pub fn confidence_or_null(_: &mut SchemaGenerator) -> Schema {
    or_null(texts(Confidence::ALL, Confidence::as_str))
}

pub fn qualifier_or_null(_: &mut SchemaGenerator) -> Schema {
    or_null(texts(Qualifier::ALL, Qualifier::as_str))
}

pub fn source_type_or_null(_: &mut SchemaGenerator) -> Schema {
    or_null(texts(SourceType::ALL, SourceType::as_str))
}

pub fn access_or_null(_: &mut SchemaGenerator) -> Schema {
    or_null(texts(Access::ALL, Access::as_str))
}

pub fn relation_type(_: &mut SchemaGenerator) -> Schema {
    Schema::try_from(texts(RelationType::ALL, RelationType::as_str)).unwrap_or_default()
}

// Field schemas of the front matter: `#[schemars(transform = …)]` on the
// fields of `load::raw`. Each replaces the schema derived from the field's
// Rust type (a `Text` takes any scalar) by what `resolve` accepts, keeping
// the field's description, and `null` where the field is an `Option`
// (the loader reads `key: ~` as the key left out).

/// A BCP 47 tag's shape (`resolve` also checks the language subtag).
pub const LANG_PATTERN: &str = "^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*$";

/// Whether a derived schema lets `null` through.
fn allows_null(schema: &Value) -> bool {
    let is_null = |t: &Value| t == "null";
    match schema.get("type") {
        Some(Value::Array(types)) if types.iter().any(is_null) => return true,
        Some(t) if is_null(t) => return true,
        _ => {}
    }
    schema
        .get("anyOf")
        .and_then(Value::as_array)
        .is_some_and(|branches| branches.iter().any(allows_null))
}

/// Replaces `schema` by `new`, keeping its description and its `null`.
fn replace(schema: &mut Schema, new: Value) {
    let nullable = allows_null(schema.as_value());
    let description = schema.get("description").cloned();
    let mut value = match nullable {
        true => json!({ "anyOf": [new, { "type": "null" }] }),
        false => new,
    };
    if let (Some(description), Some(object)) = (description, value.as_object_mut()) {
        object.insert("description".into(), description);
    }
    *schema = Schema::try_from(value).unwrap_or_default();
}

/// An id as YAML may give it: text, or a number (`2025`) written as one.
pub fn id_or_number() -> Value {
    json!({ "anyOf": [id_value(), { "type": "integer", "minimum": 0 }] })
}

/// One id.
pub fn id_field(schema: &mut Schema) {
    replace(schema, id_or_number());
}

/// A list of ids.
pub fn id_list_field(schema: &mut Schema) {
    replace(schema, json!({ "type": "array", "items": id_or_number() }));
}

/// A full date, `YYYY-MM-DD`.
pub fn date_field(schema: &mut Schema) {
    replace(schema, json!({ "type": "string", "pattern": DATE_PATTERN }));
}

/// A partial date: `YYYY` (which YAML reads as a number), `YYYY-MM` or
/// `YYYY-MM-DD`.
pub fn partial_date_value() -> Value {
    json!({ "anyOf": [
        { "type": "string", "pattern": PARTIAL_DATE_PATTERN },
        { "type": "integer", "minimum": 0, "maximum": 9999 }
    ] })
}

pub fn partial_date_field(schema: &mut Schema) {
    replace(schema, partial_date_value());
}

/// A partial date (`YYYY` read as a number too), or a full date with its
/// time of day and zone.
pub fn moment_value() -> Value {
    json!({ "anyOf": [
        { "type": "string", "pattern": MOMENT_PATTERN },
        { "type": "integer", "minimum": 0, "maximum": 9999 }
    ] })
}

pub fn moment_field(schema: &mut Schema) {
    replace(schema, moment_value());
}

/// A BCP 47 language tag.
pub fn lang_field(schema: &mut Schema) {
    replace(schema, json!({ "type": "string", "pattern": LANG_PATTERN }));
}

/// An absolute http(s) URL.
pub fn base_url_field(schema: &mut Schema) {
    replace(
        schema,
        json!({ "type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$" }),
    );
}

/// Any value: `extra:` is free.
pub fn free_field(schema: &mut Schema) {
    let description = schema.get("description").cloned();
    let mut value = json!({});
    if let Some(description) = description {
        value["description"] = description;
    }
    *schema = Schema::try_from(value).unwrap_or_default();
}

pub fn status_field(schema: &mut Schema) {
    replace(schema, vocabulary(Status::ALL, Status::as_str));
}

pub fn stance_field(schema: &mut Schema) {
    replace(schema, vocabulary(Stance::ALL, Stance::as_str));
}

pub fn change_kind_field(schema: &mut Schema) {
    replace(schema, vocabulary(ChangeKind::ALL, ChangeKind::as_str));
}

pub fn actor_kind_field(schema: &mut Schema) {
    replace(schema, vocabulary(ActorKind::ALL, ActorKind::as_str));
}

pub fn likelihood_field(schema: &mut Schema) {
    replace(schema, vocabulary(Likelihood::ALL, Likelihood::as_str));
}

pub fn precision_field(schema: &mut Schema) {
    replace(schema, vocabulary(Precision::ALL, Precision::as_str));
}

pub fn confidence_field(schema: &mut Schema) {
    replace(schema, vocabulary(Confidence::ALL, Confidence::as_str));
}

pub fn qualifier_field(schema: &mut Schema) {
    replace(schema, vocabulary(Qualifier::ALL, Qualifier::as_str));
}

/// `A`–`F`; `resolve` takes lowercase too.
pub fn reliability_field(schema: &mut Schema) {
    let mut values: Vec<String> = Reliability::ALL
        .iter()
        .map(|r| r.as_str().to_string())
        .collect();
    values.extend(values.clone().iter().map(|v| v.to_lowercase()));
    replace(schema, json!({ "type": "string", "enum": values }));
}

/// `1`–`6`, written as a number or as text.
pub fn credibility_field(schema: &mut Schema) {
    let texts: Vec<&str> = Credibility::ALL.iter().map(|c| c.as_str()).collect();
    let numbers: Vec<u8> = texts.iter().filter_map(|t| t.parse().ok()).collect();
    replace(
        schema,
        json!({ "anyOf": [
            { "type": "integer", "enum": numbers },
            { "type": "string", "enum": texts }
        ] }),
    );
}

pub fn source_type_field(schema: &mut Schema) {
    replace(schema, vocabulary(SourceType::ALL, SourceType::as_str));
}

pub fn access_field(schema: &mut Schema) {
    replace(schema, vocabulary(Access::ALL, Access::as_str));
}

pub fn relation_type_field(schema: &mut Schema) {
    replace(schema, vocabulary(RelationType::ALL, RelationType::as_str));
}

/// An actor's `identifiers`: a free mapping (any scheme is allowed, as
/// free text), the schemes dossier checks described for completion.
pub fn identifiers() -> Schema {
    let scalar = json!({ "type": ["string", "number", "boolean"] });
    let known = [
        (
            "imo",
            "A ship's IMO number: 7 digits, the last a check digit.",
        ),
        (
            "mmsi",
            "A ship's MMSI: the 9 digits its radio and AIS transponder send.",
        ),
        ("callsign", "A radio call sign."),
        (
            "flag",
            "The flag state as an ISO 3166 alpha-2 code (`PA`, `RU`).",
        ),
        (
            "icao24",
            "An aircraft's ICAO 24-bit address: 6 hexadecimal digits.",
        ),
        ("wikidata", "A Wikidata item: `Q` and digits."),
    ];
    let mut properties = Map::new();
    for (scheme, description) in known {
        debug_assert!(crate::model::identifiers::KNOWN.contains(&scheme));
        let mut property = scalar.clone();
        property["description"] = description.into();
        properties.insert(scheme.into(), property);
    }
    Schema::try_from(json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": scalar,
    }))
    .unwrap_or_default()
}
