//! The YAML tree as the author wrote it. serde_yaml reads the text (its
//! syntax errors and its nesting and alias limits are the loader's), and
//! every scalar that YAML reads as a boolean or a number keeps the text it
//! was written as: a text field shows `1.10`, `0x1F`, `1e3`, `.inf` or `True`
//! exactly so, and a whole number too large for 64 bits is text, not a file
//! that fails to load. Tags (`!name value`) are not kept.
//!
//! Plain `~`, `null` and an empty value are YAML's null: no value, in a text
//! field as anywhere (a required field is then missing).
//!
//! [`NodeDe`] hands the tree to the raw types: a field that asks for text
//! gets the text as written, a number or boolean field gets YAML's number or
//! boolean. Under `extra:` (data for templates) a number stays a number when
//! a template prints it as written (`15000`, `2.5`), else it is the written
//! text (`1.10`, `0x1F`); booleans stay booleans, so that templates can test
//! them.

use super::yaml::{Seg, YamlPath};
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, Visitor,
};
use std::collections::HashSet;
use std::fmt;

/// A YAML node; scalars YAML reads as booleans or numbers keep their text.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Node {
    /// `~`, `null`, `Null`, `NULL`, or nothing.
    #[default]
    Null,
    /// A boolean, and its text as written (`true`, `True`, `TRUE`…).
    Bool(bool, String),
    /// A number, and its text as written (`15000`, `1.10`, `0x1F`, `.inf`).
    Number(serde_yaml::Number, String),
    /// A whole number too large for 64 bits, as written.
    BigInt(String),
    String(String),
    Seq(Vec<Node>),
    /// Entries in the order written; after [`read`], each key once.
    Map(Vec<(Node, Node)>),
}

/// The tree of a YAML text, and the keys written more than once (each
/// repetition, by its path; the tree keeps the first).
#[derive(Debug, Default)]
pub struct Tree {
    pub node: Node,
    pub repeated: Vec<YamlPath>,
}

/// Reads a YAML text that `serde_yaml` accepts into a [`Tree`].
pub fn read(text: &str) -> Result<Tree, serde_yaml::Error> {
    let mut node: Node = serde_yaml::from_str(text)?;
    if node.has_typed_scalar() {
        // The same text again, asking for each typed scalar as text: serde_yaml
        // then hands over the scalar as written. Both reads see the same nodes
        // in the same order; should the second fail, the texts YAML's values
        // print as stay.
        let _ = Written(&mut node).deserialize(serde_yaml::Deserializer::from_str(text));
    }
    let mut repeated = Vec::new();
    node.drop_repeated_keys(&mut Vec::new(), &mut repeated);
    Ok(Tree { node, repeated })
}

impl Node {
    pub fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }

    pub fn is_map(&self) -> bool {
        matches!(self, Node::Map(_))
    }

    /// The text of a scalar as written; `None` for null and collections.
    pub fn text(&self) -> Option<&str> {
        match self {
            Node::String(text)
            | Node::Bool(_, text)
            | Node::Number(_, text)
            | Node::BigInt(text) => Some(text),
            Node::Null | Node::Seq(_) | Node::Map(_) => None,
        }
    }

    pub fn entries(&self) -> Option<&[(Node, Node)]> {
        match self {
            Node::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn items(&self) -> Option<&[Node]> {
        match self {
            Node::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The child at one step of a path.
    fn child_mut(&mut self, seg: &Seg) -> Option<&mut Node> {
        match (self, seg) {
            (Node::Map(entries), Seg::Key(key)) => entries
                .iter_mut()
                .find(|(k, _)| k.text() == Some(&**key))
                .map(|(_, v)| v),
            (Node::Seq(items), Seg::Index(i)) => items.get_mut(*i),
            _ => None,
        }
    }

    /// Removes the mapping entry or list item at `path`; false when there
    /// is no such thing.
    pub fn remove(&mut self, path: &YamlPath) -> bool {
        let Some((last, parents)) = path.0.split_last() else {
            return false;
        };
        let mut node = self;
        for seg in parents {
            match node.child_mut(seg) {
                Some(child) => node = child,
                None => return false,
            }
        }
        match (node, last) {
            (Node::Map(entries), Seg::Key(key)) => {
                match entries.iter().position(|(k, _)| k.text() == Some(&**key)) {
                    Some(i) => {
                        entries.remove(i);
                        true
                    }
                    None => false,
                }
            }
            (Node::Seq(items), Seg::Index(i)) if *i < items.len() => {
                items.remove(*i);
                true
            }
            _ => false,
        }
    }

    fn has_typed_scalar(&self) -> bool {
        match self {
            Node::Bool(..) | Node::Number(..) | Node::BigInt(_) => true,
            Node::Null | Node::String(_) => false,
            Node::Seq(items) => items.iter().any(Node::has_typed_scalar),
            Node::Map(entries) => entries
                .iter()
                .any(|(k, v)| k.has_typed_scalar() || v.has_typed_scalar()),
        }
    }

    /// Keeps the first entry of each key (by its text as written), recording
    /// the path of every later one. Nesting is bounded by serde_yaml's
    /// recursion limit.
    fn drop_repeated_keys(&mut self, path: &mut Vec<Seg>, repeated: &mut Vec<YamlPath>) {
        match self {
            Node::Map(entries) => {
                let mut seen = HashSet::new();
                entries.retain(|(key, _)| match key.text() {
                    Some(text) if !seen.insert(text.to_string()) => {
                        let mut at = path.clone();
                        at.push(Seg::Key(text.to_string().into()));
                        repeated.push(YamlPath(at));
                        false
                    }
                    _ => true,
                });
                for (key, value) in entries.iter_mut() {
                    if let Some(text) = key.text() {
                        path.push(Seg::Key(text.to_string().into()));
                        value.drop_repeated_keys(path, repeated);
                        path.pop();
                    }
                }
            }
            Node::Seq(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    path.push(Seg::Index(i));
                    item.drop_repeated_keys(path, repeated);
                    path.pop();
                }
            }
            _ => {}
        }
    }

    fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Node::Null => Unexpected::Unit,
            Node::Bool(b, _) => Unexpected::Bool(*b),
            Node::Number(n, _) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => Unexpected::Unsigned(u),
                (_, Some(i), _) => Unexpected::Signed(i),
                (_, _, f) => Unexpected::Float(f.unwrap_or_default()),
            },
            Node::BigInt(text) => Unexpected::Other(text),
            Node::String(s) => Unexpected::Str(s),
            Node::Seq(_) => Unexpected::Seq,
            Node::Map(_) => Unexpected::Map,
        }
    }
}

/// Whether `text` is a whole number as YAML writes one: decimal, `0x`,
/// `0o` or `0b`, with an optional sign.
fn is_integer_literal(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (digits, radix) = match digits.get(..2) {
        Some("0x") => (&digits[2..], 16),
        Some("0o") => (&digits[2..], 8),
        Some("0b") => (&digits[2..], 2),
        _ => (digits, 10),
    };
    !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix))
}

/// How a template prints a number (Tera writes floats with `{:?}`).
fn printed(n: &serde_yaml::Number) -> String {
    match n.as_f64() {
        Some(f) if n.is_f64() => format!("{f:?}"),
        _ => n.to_string(),
    }
}

// The first read: serde_yaml's values.

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
        Ok(Node::Bool(b, b.to_string()))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Node, E> {
        Ok(Node::Number(i.into(), i.to_string()))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Node, E> {
        Ok(Node::Number(u.into(), u.to_string()))
    }

    fn visit_i128<E>(self, i: i128) -> Result<Node, E> {
        Ok(Node::BigInt(i.to_string()))
    }

    fn visit_u128<E>(self, u: u128) -> Result<Node, E> {
        Ok(Node::BigInt(u.to_string()))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Node, E> {
        Ok(Node::Number(f.into(), format!("{f:?}")))
    }

    fn visit_str<E>(self, s: &str) -> Result<Node, E> {
        Ok(Node::String(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Node, E> {
        Ok(Node::String(s))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        // Every entry, a repeated key too: the second read walks the same
        // entries; repetitions are dropped after it.
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Node::Map(entries))
    }

    /// A tagged node (`!tag value`): the tag is not kept.
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Node, A::Error> {
        let (_tag, contents) = data.variant::<String>()?;
        de::VariantAccess::newtype_variant(contents)
    }
}

// The second read: the text of each typed scalar as written.

struct Written<'a>(&'a mut Node);

impl<'de> DeserializeSeed<'de> for Written<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.0 {
            Node::Bool(..) | Node::Number(..) | Node::BigInt(_) => {
                let text = deserializer.deserialize_str(TextVisitor)?;
                *self.0 = match std::mem::take(self.0) {
                    Node::Bool(b, _) => Node::Bool(b, text),
                    // A whole number YAML could only read as a float is too large.
                    Node::Number(n, _) if !(n.is_f64() && is_integer_literal(&text)) => {
                        Node::Number(n, text)
                    }
                    _ => Node::BigInt(text),
                };
                Ok(())
            }
            Node::Seq(items) => deserializer.deserialize_seq(WrittenSeq(items)),
            Node::Map(entries) => deserializer.deserialize_map(WrittenMap(entries)),
            Node::Null | Node::String(_) => deserializer
                .deserialize_ignored_any(de::IgnoredAny)
                .map(|_| ()),
        }
    }
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a scalar")
    }

    fn visit_str<E>(self, s: &str) -> Result<String, E> {
        Ok(s.to_string())
    }
}

struct WrittenSeq<'a>(&'a mut [Node]);

impl<'de> Visitor<'de> for WrittenSeq<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        for item in self.0.iter_mut() {
            seq.next_element_seed(Written(item))?;
        }
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

struct WrittenMap<'a>(&'a mut [(Node, Node)]);

impl<'de> Visitor<'de> for WrittenMap<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        for (key, value) in self.0.iter_mut() {
            if map.next_key_seed(Written(key))?.is_none() {
                return Ok(());
            }
            map.next_value_seed(Written(value))?;
        }
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok(())
    }
}

// Handing the tree to the raw types.

/// A deserializer over a [`Node`]: text as written to fields that ask for
/// text; YAML's numbers and booleans to fields that ask for those; and
/// under `extra:`, data for templates (see the module's comment).
#[derive(Clone, Copy)]
pub struct NodeDe<'a> {
    node: &'a Node,
    /// Under `extra:`.
    data: bool,
}

impl<'a> NodeDe<'a> {
    pub fn new(node: &'a Node) -> NodeDe<'a> {
        NodeDe { node, data: false }
    }
}

type Error = serde_yaml::Error;

impl<'de> Deserializer<'de> for NodeDe<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b, _) if self.data => visitor.visit_bool(*b),
            Node::Number(n, text) if self.data && printed(n) == *text => {
                n.clone().deserialize_any(visitor)
            }
            Node::Bool(_, text) | Node::Number(_, text) | Node::BigInt(text) => {
                visitor.visit_str(text)
            }
            Node::String(s) => visitor.visit_str(s),
            Node::Seq(items) => visitor.visit_seq(SeqDe {
                items: items.iter(),
                data: self.data,
            }),
            Node::Map(entries) => visitor.visit_map(MapDe {
                entries: entries.iter(),
                value: None,
                data: self.data,
            }),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Bool(b, _) => visitor.visit_bool(*b),
            _ => Err(de::Error::invalid_type(self.node.unexpected(), &visitor)),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Number(n, _) => n.clone().deserialize_any(visitor),
            Node::BigInt(text) => Err(de::Error::custom(format!("`{text}` is {TOO_LARGE}"))),
            _ => Err(de::Error::invalid_type(self.node.unexpected(), &visitor)),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.text() {
            Some(text) => visitor.visit_str(text),
            None => Err(de::Error::invalid_type(self.node.unexpected(), &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Null => visitor.visit_unit(),
            _ => Err(de::Error::invalid_type(self.node.unexpected(), &visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Seq(items) => visitor.visit_seq(SeqDe {
                items: items.iter(),
                data: self.data,
            }),
            Node::Null => visitor.visit_seq(SeqDe {
                items: [].iter(),
                data: self.data,
            }),
            _ => Err(de::Error::invalid_type(self.node.unexpected(), &visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Map(entries) => visitor.visit_map(MapDe {
                entries: entries.iter(),
                value: None,
                data: self.data,
            }),
            Node::Null => visitor.visit_map(MapDe {
                entries: [].iter(),
                value: None,
                data: self.data,
            }),
            _ => Err(de::Error::invalid_type(self.node.unexpected(), &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.node.text() {
            Some(text) => visitor.visit_enum(text.into_deserializer()),
            None => Err(de::Error::invalid_type(self.node.unexpected(), &visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// Part of the message for a whole number too large to read exactly.
pub const TOO_LARGE: &str = "too large to read exactly";

struct SeqDe<'a> {
    items: std::slice::Iter<'a, Node>,
    data: bool,
}

impl<'de> SeqAccess<'de> for SeqDe<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            Some(node) => seed
                .deserialize(NodeDe {
                    node,
                    data: self.data,
                })
                .map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'a> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    /// The value of the entry whose key was just read, and whether it is data.
    value: Option<(&'a Node, bool)>,
    data: bool,
}

impl<'de> MapAccess<'de> for MapDe<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        // `extra:` holds data for templates, at any level.
        let data = self.data || key.text() == Some("extra");
        self.value = Some((value, data));
        seed.deserialize(NodeDe {
            node: key,
            data: self.data,
        })
        .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (node, data) = self.value.take().unwrap_or((&Node::Null, self.data));
        seed.deserialize(NodeDe { node, data })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests;
