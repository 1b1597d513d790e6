//! The inverted index of search: each document's terms scored on their
//! own, merged into posting lists, encoded compactly, and cut into chunks
//! by term, with the small entry that says which chunk holds a term.
//!
//! **Scores.** A posting carries one number per document and term, made at
//! build time from that document alone: the BM25 term-frequency part,
//! `tf·(k1+1) / (tf + k1·(1 − b + b·len/L))`, where `tf` counts each
//! occurrence by the weight of its field (a title counts [`TITLE`] times a
//! body word) and `len` is the document's length in words, against a fixed
//! length `L` (not the collection's average, so that one document's edit
//! never changes another's postings). It is quantized to 1–15, and 16 is
//! added when the term is in the document's title or names. search.js
//! multiplies it by the term's idf, which it computes from the posting
//! list's length, and triples name matches.
//!
//! **Encoding.** A posting list is a string of base-64 digits (the URL-safe
//! alphabet, [`DIGITS`]): for each document, in id order, the gap from the
//! previous one (id − previous − 1, the first from −1) as a variable-length
//! number (digits below 32 end it; 32 + d carries d and goes on, most
//! significant first), then the score as one digit.
//!
//! **Chunks.** Terms are sorted by UTF-16 code units (JavaScript's string
//! order) and cut into chunks of at most [`CHUNK_BYTES`] (a chunk holds a
//! single term when that term's postings are larger). Where a chunk ends
//! is decided by its terms, not by the bytes before it: past a third of
//! the size, after a term whose hash is a multiple of [`CUT_EVERY`]. So an
//! edit that lengthens or shortens one term's postings changes that
//! chunk's file alone, not every chunk after it (as cutting by size
//! alone did: one brief's edit in `serve` rewrote all 523 chunks of a
//! 10,000-brief site). The entry lists, for
//! each chunk, the shortest prefix of its first term that sorts after the
//! last term of the chunk before: a term is in the last chunk whose prefix
//! is not after it, and the terms starting with a prefix `p` are in that
//! chunk and the following ones whose prefix starts with `p`.

use rustc_hash::FxHashMap;
use std::cmp::Ordering;
use std::ops::Range;

/// How much more a title or name word counts than a body word.
pub const TITLE: u8 = 8;
/// BM25's saturation and length normalization.
const K1: f64 = 1.2;
const B: f64 = 0.5;
/// The document length, in words, that length normalization is against.
const LENGTH: f64 = 100.0;
/// A chunk's largest size in bytes (before compression), unless it holds
/// a single term.
pub const CHUNK_BYTES: usize = 24 * 1024;
/// Past a third of [`CHUNK_BYTES`], a chunk ends after a term whose hash
/// is a multiple of this: some 12 KB on average.
const CUT_EVERY: u64 = 32;
/// The digits of posting lists (search.js: `DIGITS`).
pub const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// One searched text of a document.
pub struct Field<'a> {
    /// How much each of its words counts.
    pub weight: u8,
    /// The document's title or one of its names.
    pub name: bool,
    pub text: &'a str,
}

/// A document's terms with their scores (1–15, plus 16 for a name), sorted.
pub fn score(fields: &[Field]) -> Vec<(Box<str>, u8)> {
    let mut counts: FxHashMap<String, (u32, bool)> = FxHashMap::default();
    let mut length = 0u32;
    for field in fields {
        let folded = super::words::fold(field.text);
        super::words::each_term(&folded, |term| {
            length += 1;
            match counts.get_mut(term) {
                Some(entry) => {
                    entry.0 += u32::from(field.weight);
                    entry.1 |= field.name;
                }
                None => {
                    counts.insert(term.to_string(), (u32::from(field.weight), field.name));
                }
            }
        });
    }
    let norm = K1 * (1.0 - B + B * f64::from(length) / LENGTH);
    let mut terms: Vec<(Box<str>, u8)> = counts
        .into_iter()
        .map(|(term, (tf, name))| {
            let tf = f64::from(tf);
            let part = tf / (tf + norm); // tf·(k1+1)/(tf+norm), over k1+1
            let q = ((part * 15.0).ceil() as u8).clamp(1, 15);
            (term.into_boxed_str(), q + if name { 16 } else { 0 })
        })
        .collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    terms
}

/// JavaScript's string order: by UTF-16 code units.
pub fn js_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// `n` as a variable-length number.
fn push_number(out: &mut String, n: u32) {
    let mut digits = [0u8; 7];
    let mut len = 0;
    let mut rest = n;
    loop {
        digits[len] = (rest % 32) as u8;
        len += 1;
        rest /= 32;
        if rest == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        let d = digits[i] + if i > 0 { 32 } else { 0 };
        out.push(DIGITS[d as usize] as char);
    }
}

/// A posting list: (document id, score) in id order.
pub fn encode(postings: &[(u32, u8)]) -> String {
    let mut out = String::with_capacity(postings.len() * 2);
    let mut previous: i64 = -1;
    for &(doc, value) in postings {
        push_number(&mut out, (i64::from(doc) - previous - 1) as u32);
        out.push(DIGITS[value as usize] as char);
        previous = i64::from(doc);
    }
    out
}

/// The inverse of [`encode`], for tests.
#[cfg(test)]
pub fn decode(text: &str) -> Vec<(u32, u8)> {
    let value = |c: u8| DIGITS.iter().position(|d| *d == c).unwrap() as u32;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut previous) = (0, -1i64);
    while i < bytes.len() {
        let mut n = 0u32;
        loop {
            let d = value(bytes[i]);
            i += 1;
            n = n * 32 + (d & 31);
            if d < 32 {
                break;
            }
        }
        let doc = previous + 1 + i64::from(n);
        out.push((doc as u32, value(bytes[i]) as u8));
        i += 1;
        previous = doc;
    }
    out
}

/// Every term's posting list, from the documents' scored terms (in
/// document id order).
pub fn lists<'a>(
    docs: impl Iterator<Item = &'a [(Box<str>, u8)]>,
) -> FxHashMap<Box<str>, Vec<(u32, u8)>> {
    let mut lists: FxHashMap<&'a str, Vec<(u32, u8)>> = FxHashMap::default();
    for (id, terms) in docs.enumerate() {
        for (term, value) in terms {
            lists.entry(&**term).or_default().push((id as u32, *value));
        }
    }
    lists.into_iter().map(|(t, p)| (Box::from(t), p)).collect()
}

/// The chunks of `terms` (in JavaScript's order, with their encoded
/// lists): each its entry prefix and its range of terms.
pub fn chunks(terms: &[(Box<str>, String)]) -> Vec<(String, Range<usize>)> {
    let mut out: Vec<(String, Range<usize>)> = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, (term, postings)) in terms.iter().enumerate() {
        let entry = term.len() + postings.len() + 6;
        if i > start && size + entry > CHUNK_BYTES {
            out.push((String::new(), start..i));
            start = i;
            size = 0;
        }
        size += entry;
        if size >= CHUNK_BYTES / 3 && stable_hash(1, term.as_bytes()).is_multiple_of(CUT_EVERY) {
            out.push((String::new(), start..i + 1));
            start = i + 1;
            size = 0;
        }
    }
    if start < terms.len() {
        out.push((String::new(), start..terms.len()));
    }
    for i in 1..out.len() {
        let last: &str = &terms[out[i].1.start - 1].0;
        let first: &str = &terms[out[i].1.start].0;
        let prefix = first
            .char_indices()
            .map(|(at, c)| &first[..at + c.len_utf8()])
            .find(|p| js_order(p, last) == Ordering::Greater)
            .unwrap_or(first);
        out[i].0 = prefix.to_string();
    }
    out
}

/// A stable 64-bit hash of bytes (FxHash's mixing, written out here so that
/// the output does not change with a dependency's version).
pub fn stable_hash(seed: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = seed;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    for &b in words.remainder() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
    (h.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(K)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip() {
        let postings = vec![
            (0, 1),
            (1, 31),
            (2, 16),
            (40, 5),
            (1_000_000, 15),
            (1_000_001, 17),
        ];
        let text = encode(&postings);
        assert!(text.bytes().all(|b| DIGITS.contains(&b)));
        assert_eq!(decode(&text), postings);
        // Neighbouring documents cost two digits each.
        assert_eq!(encode(&[(0, 1), (1, 1), (2, 1)]), "ABABAB");
    }

    #[test]
    fn names_and_titles_outscore_bodies() {
        let scored = score(&[
            Field {
                weight: TITLE,
                name: true,
                text: "Kursk offensive",
            },
            Field {
                weight: 1,
                name: false,
                text: "The offensive near Kursk stalled. Troops moved.",
            },
        ]);
        let get = |t: &str| {
            scored
                .iter()
                .find(|(term, _)| &**term == t)
                .map(|(_, v)| *v)
        };
        assert!(get("kursk").unwrap() > 16);
        assert!(get("troops").unwrap() < 16);
        assert!(get("kursk").unwrap() - 16 > get("troops").unwrap());
        assert_eq!(get("absent"), None);
    }

    #[test]
    fn chunks_cover_every_term_and_prefixes_find_them() {
        let mut terms: Vec<(Box<str>, String)> = (0..5000)
            .map(|i| (format!("w{}{}", i % 37, i).into(), "A".repeat(20)))
            .collect();
        terms.sort_by(|a, b| js_order(&a.0, &b.0));
        let cut = chunks(&terms);
        assert!(cut.len() > 3);
        assert_eq!(cut[0].0, "");
        assert_eq!(cut.iter().map(|c| c.1.len()).sum::<usize>(), terms.len());
        for (i, (_, range)) in cut.iter().enumerate() {
            for (term, _) in &terms[range.clone()] {
                let found = cut
                    .iter()
                    .rposition(|(p, _)| js_order(p, term) != Ordering::Greater);
                assert_eq!(found, Some(i), "{term}");
            }
        }
    }

    /// One term's postings growing or shrinking (a brief edited) moves no
    /// chunk boundary but that chunk's.
    #[test]
    fn an_edit_to_one_terms_postings_changes_one_chunk() {
        let mut terms: Vec<(Box<str>, String)> = (0..20_000)
            .map(|i| (format!("t{i}").into(), "A".repeat(40 + i % 90)))
            .collect();
        terms.sort_by(|a, b| js_order(&a.0, &b.0));
        let before = chunks(&terms);
        assert!(before.len() > 40, "{} chunks", before.len());
        for (at, grow) in [(3_000, 30), (9_000, -20), (15_000, 200)] {
            let mut edited = terms.clone();
            let postings = &mut edited[at].1;
            match grow {
                g if g > 0 => postings.push_str(&"B".repeat(g as usize)),
                g => postings.truncate(postings.len() - (-g) as usize),
            }
            let after = chunks(&edited);
            let differ: Vec<usize> = (0..before.len().max(after.len()))
                .filter(|&n| before.get(n) != after.get(n))
                .collect();
            let holder = before.iter().position(|(_, r)| r.contains(&at)).unwrap();
            assert!(
                differ.is_empty() || differ == [holder],
                "editing term {at} (chunk {holder}) changed chunks {differ:?}"
            );
        }
    }

    #[test]
    fn lists_follow_document_order() {
        let a: Vec<(Box<str>, u8)> = vec![("kursk".into(), 17), ("troops".into(), 3)];
        let b: Vec<(Box<str>, u8)> = vec![("troops".into(), 5)];
        let lists = lists([&a[..], &b[..]].into_iter());
        assert_eq!(lists["troops"], [(0, 3), (1, 5)]);
        assert_eq!(lists["kursk"], [(0, 17)]);
    }

    #[test]
    fn javascript_order_differs_from_rust_order_above_the_bmp() {
        // U+FF21 (one UTF-16 unit, 0xFF21) sorts after U+1F600 (0xD83D…).
        assert_eq!(js_order("\u{FF21}", "\u{1F600}"), Ordering::Greater);
        assert_eq!("\u{FF21}".cmp("\u{1F600}"), Ordering::Less);
    }
}
