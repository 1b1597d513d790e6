//! The keys the loader accepts at each place of site.yaml and of the front
//! matter, and the mappings under them whose keys it checks too, derived
//! from the raw types (`load::raw`): each field is declared once, in its
//! serde struct. schemars reads the structs as serde does (renames,
//! defaults) and writes them as JSON Schemas; a mapping whose struct
//! denies unknown fields (`"additionalProperties": false`) has its keys
//! checked, at any depth, in a list or not. Where one struct serves two
//! places, the keys one place does not take are named here (`Without`).
//!
//! The keys keep the order of the struct's fields (a message lists them,
//! and takes the first for an example): serde gives each struct's fields
//! in order ([`fields_of`]), and each mapping of the schema is matched to
//! the struct with the same fields in [`STRUCTS`].

use super::raw::*;
use super::yaml::{Nest, Schema};
use super::Kind;
use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde::de::{self, DeserializeOwned, Visitor};
use serde_json::{Map, Value};
use std::sync::OnceLock;

/// Keys a place does not take although its struct has them: (the path of
/// the place, its keys joined by `/`; `""` for the top), the keys.
type Without = &'static [(&'static str, &'static [&'static str])];

/// The keys the loader accepts in the front matter of `kind`, with the
/// mappings under them whose keys it checks too (any other key is an
/// error): what `dossier schema` describes.
pub fn front_matter_keys(kind: Kind) -> &'static Schema {
    static KEYS: OnceLock<[&'static Schema; 6]> = OnceLock::new();
    let all = KEYS.get_or_init(|| {
        Kind::ALL.map(|kind| match kind {
            // A claim in a brief has its brief's sources and no redirects.
            Kind::Brief => derive::<RawBrief>(&[("claims", &["sources", "redirect_from"])]),
            Kind::Actor => derive::<RawActor>(&[]),
            // A claim file's name is its id.
            Kind::Claim => derive::<RawClaim>(&[("", &["id"])]),
            Kind::Measure => derive::<RawMeasure>(&[]),
            Kind::Page => derive::<RawPage>(&[]),
            Kind::Incident => derive::<RawIncident>(&[]),
        })
    });
    let at = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    all[at]
}

/// The keys the loader accepts in site.yaml.
pub fn config_keys() -> &'static Schema {
    static KEYS: OnceLock<&'static Schema> = OnceLock::new();
    KEYS.get_or_init(|| derive::<RawConfig>(&[]))
}

/// The keys of `T` at every depth, made once per process and kept.
fn derive<T: JsonSchema>(without: Without) -> &'static Schema {
    let generator = SchemaSettings::draft2020_12()
        .with(|s| s.inline_subschemas = true)
        .into_generator();
    let value = generator.into_root_schema_for::<T>().to_value();
    let object = value.as_object().cloned().unwrap_or_default();
    keys_of(&object, "", without)
}

/// The keys of the mapping `object` (a schema with `properties`) at `path`,
/// and of the mappings under it whose keys are checked.
fn keys_of(object: &Map<String, Value>, path: &str, without: Without) -> &'static Schema {
    let left_out: &[&str] = without
        .iter()
        .find(|(at, _)| *at == path)
        .map_or(&[], |(_, keys)| keys);
    let mut keys: Vec<&'static str> = Vec::new();
    let mut nested: Vec<(&'static str, Nest)> = Vec::new();
    let properties = object.get("properties").and_then(Value::as_object);
    for (key, value) in in_field_order(properties) {
        if left_out.contains(&key) {
            continue;
        }
        keys.push(key);
        let inner = match path {
            "" => key.to_string(),
            _ => format!("{path}/{key}"),
        };
        match checked(value) {
            Some((false, object)) => {
                nested.push((key, Nest::Map(keys_of(object, &inner, without))))
            }
            Some((true, object)) => {
                nested.push((key, Nest::ListOf(keys_of(object, &inner, without))))
            }
            None => {}
        }
    }
    Box::leak(Box::new(Schema {
        keys: Box::leak(keys.into_boxed_slice()),
        nested: Box::leak(nested.into_boxed_slice()),
    }))
}

/// The properties of a mapping in the order of its struct's fields (the
/// struct of [`STRUCTS`] with the same fields); in the schema's order when
/// no struct has them.
fn in_field_order(properties: Option<&Map<String, Value>>) -> Vec<(&'static str, &Value)> {
    let Some(properties) = properties else {
        return Vec::new();
    };
    let same = |fields: &&&'static [&'static str]| {
        fields.len() == properties.len() && fields.iter().all(|f| properties.contains_key(*f))
    };
    match structs().iter().find(same) {
        Some(fields) => fields.iter().map(|f| (*f, &properties[*f])).collect(),
        None => properties
            .iter()
            .map(|(k, v)| (&*Box::leak(k.clone().into_boxed_str()), v))
            .collect(),
    }
}

/// The fields of every struct the loader checks the keys of, in order.
fn structs() -> &'static [&'static [&'static str]] {
    static FIELDS: OnceLock<Vec<&'static [&'static str]>> = OnceLock::new();
    FIELDS.get_or_init(|| STRUCTS.iter().map(|fields| fields()).collect())
}

/// Every struct of `load::raw` that denies unknown fields. A test checks
/// that each mapping the loader checks has its struct here.
const STRUCTS: &[fn() -> &'static [&'static str]] = &[
    fields_of::<RawConfig>,
    fields_of::<RawLayer>,
    fields_of::<RawBrief>,
    fields_of::<RawJudgement>,
    fields_of::<RawChange>,
    fields_of::<RawResponse>,
    fields_of::<RawSource>,
    fields_of::<RawClaim>,
    fields_of::<RawSpan>,
    fields_of::<RawFigure>,
    fields_of::<RawActor>,
    fields_of::<RawRelation>,
    fields_of::<RawAliasMap>,
    fields_of::<RawLink>,
    fields_of::<RawMeasure>,
    fields_of::<RawPage>,
    fields_of::<RawIncident>,
    fields_of::<RawWhere>,
];

/// The fields of a struct as serde reads them (renamed as written), in
/// order: what its derived `Deserialize` gives `deserialize_struct`.
fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields = FieldsOf(None);
    let _ = T::deserialize(&mut fields);
    fields.0.unwrap_or(&[])
}

/// A deserializer that only records the fields a struct asks for.
struct FieldsOf(Option<&'static [&'static str]>);

impl<'de> de::Deserializer<'de> for &mut FieldsOf {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = Some(fields);
        Err(de::Error::custom("fields read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// The mapping under a key whose keys are checked, if any, and whether it
/// is the items of a list: a struct that denies unknown fields, alone or
/// as one branch of a choice (a value or a mapping, a mapping or null).
fn checked(value: &Value) -> Option<(bool, &Map<String, Value>)> {
    let object = value.as_object()?;
    if object.get("additionalProperties") == Some(&Value::Bool(false))
        && object.contains_key("properties")
    {
        return Some((false, object));
    }
    if let Some(items) = object.get("items") {
        return checked(items).map(|(_, inner)| (true, inner));
    }
    ["anyOf", "oneOf"]
        .iter()
        .filter_map(|choice| object.get(*choice)?.as_array())
        .flatten()
        .find_map(checked)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key and nesting, as a list of paths (nested mappings by key).
    fn paths(schema: &Schema, at: &str, out: &mut Vec<String>) {
        for key in schema.keys {
            out.push(format!("{at}{key}"));
        }
        let mut nested = schema.nested.to_vec();
        nested.sort_by_key(|(key, _)| *key);
        for (key, nest) in nested {
            let (mark, inner) = match nest {
                Nest::Map(inner) => ("", inner),
                Nest::ListOf(inner) => ("[]", inner),
            };
            paths(inner, &format!("{at}{key}{mark}."), out);
        }
    }

    /// What each place takes, in order: a change here is a change to
    /// the format (FORMAT.md), and the snapshot shows it.
    #[test]
    fn each_place_takes_its_structs_fields_in_order() {
        let mut all = Vec::new();
        for kind in Kind::ALL {
            all.push(format!("# {}", kind.noun()));
            paths(front_matter_keys(kind), "", &mut all);
        }
        all.push("# site.yaml".to_string());
        paths(config_keys(), "", &mut all);
        insta::assert_snapshot!(all.join("\n"));
    }

    /// The mappings whose keys are checked, at every depth of `object`.
    fn checked_mappings<'v>(object: &'v Map<String, Value>, out: &mut Vec<&'v Map<String, Value>>) {
        let properties = object.get("properties").and_then(Value::as_object);
        for value in properties.into_iter().flat_map(|p| p.values()) {
            if let Some((_, inner)) = checked(value) {
                out.push(inner);
                checked_mappings(inner, out);
            }
        }
    }

    #[test]
    fn every_mapping_checked_has_its_struct_listed() {
        fn root<T: JsonSchema>() -> Map<String, Value> {
            let generator = SchemaSettings::draft2020_12()
                .with(|s| s.inline_subschemas = true)
                .into_generator();
            let value = generator.into_root_schema_for::<T>().to_value();
            value.as_object().cloned().unwrap_or_default()
        }
        let roots = [
            root::<RawConfig>(),
            root::<RawBrief>(),
            root::<RawActor>(),
            root::<RawClaim>(),
            root::<RawMeasure>(),
            root::<RawPage>(),
            root::<RawIncident>(),
        ];
        let mut mappings: Vec<&Map<String, Value>> = roots.iter().collect();
        for object in &roots {
            checked_mappings(object, &mut mappings);
        }
        for mapping in mappings {
            let properties = mapping["properties"].as_object().unwrap();
            let keys: Vec<&String> = properties.keys().collect();
            assert!(
                structs().iter().any(|fields| fields.len() == keys.len()
                    && fields.iter().all(|f| properties.contains_key(*f))),
                "no struct of STRUCTS has the fields {keys:?}: add it"
            );
        }
    }
}
