//! `YamlIndex`: where every key and value of a YAML text is, to place
//! diagnostics.

use super::*;

/// Where things are in a YAML text: every mapping key and every value, by
/// path. Built from a full spanned parse; used only to place diagnostics.
/// A key written twice is placed at its first writing, as the tree keeps
/// that one; the later ones are in `repeats`.
#[derive(Debug, Default)]
pub struct YamlIndex {
    /// Position of the key of a mapping entry.
    keys: HashMap<YamlPath, Pos>,
    /// Position of a value (scalar or the start of a collection).
    values: HashMap<YamlPath, Pos>,
    /// Positions of the second, third… writing of a key, in order.
    repeats: HashMap<YamlPath, Vec<Pos>>,
}

pub(super) enum Frame {
    Map {
        path: YamlPath,
        pending_key: Option<String>,
    },
    Seq {
        path: YamlPath,
        next: usize,
    },
}

impl YamlIndex {
    pub fn build(text: &str) -> YamlIndex {
        match YamlIndex::build_from(text) {
            // saphyr-parser refuses tabs that libyaml (which read the text)
            // takes, as in `key:<tab>value`: spaces in their place keep
            // every line and column.
            (_, false) if text.contains('\t') => YamlIndex::build_from(&text.replace('\t', " ")).0,
            (index, _) => index,
        }
    }

    /// The index, and whether the whole text parsed.
    fn build_from(text: &str) -> (YamlIndex, bool) {
        let mut index = YamlIndex::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        let mut complete = true;
        loop {
            let (event, span) = match parser.next_event() {
                Some(Ok(event)) => event,
                Some(Err(_)) => {
                    complete = false;
                    break;
                }
                None => break,
            };
            let start = span.start;
            let pos = Pos::new(start.line(), start.col() + 1, span.len().max(1));
            // The path of the node this event starts, if it starts one.
            let node_path = |stack: &mut Vec<Frame>,
                             index: &mut YamlIndex,
                             is_scalar: Option<&str>|
             -> Option<YamlPath> {
                match stack.last_mut() {
                    None => Some(YamlPath::default()),
                    Some(Frame::Seq { path, next }) => {
                        let p = path.index(*next);
                        *next += 1;
                        Some(p)
                    }
                    Some(Frame::Map { path, pending_key }) => match pending_key.take() {
                        Some(key) => Some(path.key(key)),
                        None => {
                            // This node is a key.
                            if let Some(key) = is_scalar {
                                match index.keys.entry(path.key(key.to_string())) {
                                    Entry::Occupied(entry) => index
                                        .repeats
                                        .entry(entry.key().clone())
                                        .or_default()
                                        .push(pos),
                                    Entry::Vacant(entry) => {
                                        entry.insert(pos);
                                    }
                                }
                                *pending_key = Some(key.to_string());
                            } else {
                                *pending_key = Some(String::new());
                            }
                            None
                        }
                    },
                }
            };
            match event {
                Event::Scalar(value, ..) => {
                    if let Some(path) = node_path(&mut stack, &mut index, Some(&value)) {
                        index.values.entry(path).or_insert(pos);
                    }
                }
                Event::Alias(_) => {
                    if let Some(path) = node_path(&mut stack, &mut index, Some("")) {
                        index.values.entry(path).or_insert(pos);
                    }
                }
                Event::MappingStart(..) => {
                    let path = node_path(&mut stack, &mut index, None).unwrap_or_default();
                    index.values.entry(path.clone()).or_insert(pos);
                    stack.push(Frame::Map {
                        path,
                        pending_key: None,
                    });
                }
                Event::SequenceStart(..) => {
                    let path = node_path(&mut stack, &mut index, None).unwrap_or_default();
                    index.values.entry(path.clone()).or_insert(pos);
                    stack.push(Frame::Seq { path, next: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        (index, complete)
    }

    /// Where the `nth` repetition (0 for the second writing) of the key at
    /// `path` is.
    pub fn locate_repeat(&self, path: &YamlPath, nth: usize) -> Option<Pos> {
        self.repeats.get(path).and_then(|r| r.get(nth)).copied()
    }

    /// The best place for a diagnostic about `path`: a scalar value where it
    /// is, else the key that holds it, else the nearest ancestor's.
    pub fn locate(&self, path: &YamlPath) -> Option<Pos> {
        let mut path = path.clone();
        loop {
            if let Some(value) = self.values.get(&path) {
                let key = self.keys.get(&path);
                // A block collection starts on the line after its key: point at the key.
                return Some(match key {
                    Some(k) if k.line < value.line => *k,
                    _ => *value,
                });
            }
            if let Some(key) = self.keys.get(&path) {
                return Some(*key);
            }
            if path.0.is_empty() {
                return None;
            }
            path = path.parent();
        }
    }

    /// The position of the key itself (for unknown keys).
    pub fn locate_key(&self, path: &YamlPath) -> Option<Pos> {
        self.keys.get(path).copied().or_else(|| self.locate(path))
    }
}
