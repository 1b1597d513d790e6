//! The words of search: text folded for comparison, split into terms, and
//! rendered HTML read back as plain passages. static/search.js folds and
//! splits queries with the same rules (`fold`, `terms` there); the two must
//! agree, so each rule here names its counterpart.
//!
//! - **Folding** (`fold`): compatibility decomposition (NFKD: `ﬁ` → `fi`,
//!   full-width `Ａ` → `A`, `²` → `2`), lower case, the combining marks of
//!   [`is_dropped_mark`] removed (Latin, Greek and Cyrillic accents, Hebrew
//!   points, Arabic vowel marks and tatweel), then recomposed (NFC, which
//!   puts Hangul syllables and Japanese voiced kana back together), and
//!   `ß` → `ss`, `ς` → `σ`. So `Niinistö`, `NIINISTO` and `niinisto` are
//!   one word, and `أون` finds `اون`; other scripts are left as written.
//! - **Terms** (`terms`): runs of letters, marks and digits (Unicode
//!   general categories L, M, N). Within a run, letters of scripts written
//!   without spaces between words (Han, Hiragana, Katakana, Thai, Lao,
//!   Khmer, Myanmar, by Script_Extensions) become overlapping pairs of
//!   characters (`北朝鮮` → `北朝`, `朝鮮`; a lone character stays one), the
//!   usual way to index such text without a dictionary. Terms longer than
//!   [`MAX_TERM`] characters (hashes, run-together URLs) are not indexed.

use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup, Script};
use icu_properties::script::ScriptWithExtensions;
use icu_properties::CodePointMapData;

/// The longest term indexed, in characters (search.js: `MAX_TERM`).
pub const MAX_TERM: usize = 40;

/// Combining marks removed by folding (search.js: `DROPPED`): the
/// diacritics NFKD splits off Latin, Greek and Cyrillic letters, Hebrew
/// points and cantillation, Arabic vowel marks and the tatweel (U+0640, a
/// stretching stroke). Other scripts' marks (Devanagari vowel signs, the
/// Japanese voicing mark) are parts of their letters and stay.
pub fn is_dropped_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        | 0x0591..=0x05BD | 0x05BF | 0x05C1 | 0x05C2 | 0x05C4 | 0x05C5 | 0x05C7
        | 0x0610..=0x061A | 0x0640 | 0x064B..=0x065F | 0x0670
        | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7 | 0x06E8 | 0x06EA..=0x06ED)
}

/// `text` folded for comparison (see the module note).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let decomposed = DecomposingNormalizerBorrowed::new_nfkd().normalize(text);
    let stripped: String = decomposed
        .to_lowercase()
        .chars()
        .filter(|c| !is_dropped_mark(*c))
        .collect();
    let composed = ComposingNormalizerBorrowed::new_nfc().normalize(&stripped);
    composed.replace('ß', "ss").replace('ς', "σ")
}

/// A character of a word: a letter, mark or digit (search.js: `WORD`).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let gc = CodePointMapData::<GeneralCategory>::new().get(c);
    GeneralCategoryGroup::Letter.contains(gc)
        || GeneralCategoryGroup::Mark.contains(gc)
        || GeneralCategoryGroup::Number.contains(gc)
}

/// The scripts written without spaces between words (search.js: `PAIRED`).
const PAIRED: [Script; 7] = [
    Script::Han,
    Script::Hiragana,
    Script::Katakana,
    Script::Thai,
    Script::Lao,
    Script::Khmer,
    Script::Myanmar,
];

/// A letter indexed in pairs (a mark goes with the letter before it).
fn is_paired(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    let scx = ScriptWithExtensions::new();
    PAIRED.iter().any(|s| scx.has_script(c, *s))
}

fn is_mark(c: char) -> bool {
    !c.is_ascii()
        && GeneralCategoryGroup::Mark.contains(CodePointMapData::<GeneralCategory>::new().get(c))
}

/// Calls `each` with every term of `folded` (text already [`fold`]ed), in
/// order, repeats included.
pub fn each_term<'a>(folded: &'a str, mut each: impl FnMut(&'a str)) {
    let mut start: Option<usize> = None;
    let word = |from: usize, to: usize, each: &mut dyn FnMut(&'a str)| {
        split_word(&folded[from..to], each);
    };
    for (i, c) in folded.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            word(s, i, &mut each);
        }
    }
    if let Some(s) = start {
        word(s, folded.len(), &mut each);
    }
}

/// The terms of one run of word characters: plain words, and pairs of
/// letters of the paired scripts.
fn split_word<'a>(run: &'a str, each: &mut dyn FnMut(&'a str)) {
    if run.is_ascii() {
        if run.len() <= MAX_TERM {
            each(run);
        }
        return;
    }
    // Units: a letter with the marks after it; each paired or not.
    let mut units: Vec<(usize, usize, bool)> = Vec::new();
    for (i, c) in run.char_indices() {
        let end = i + c.len_utf8();
        match units.last_mut() {
            Some(last) if is_mark(c) => last.1 = end,
            _ => units.push((i, end, is_paired(c))),
        }
    }
    let mut i = 0;
    while i < units.len() {
        let paired = units[i].2;
        let mut j = i;
        while j + 1 < units.len() && units[j + 1].2 == paired {
            j += 1;
        }
        if !paired {
            let term = &run[units[i].0..units[j].1];
            if term.chars().count() <= MAX_TERM {
                each(term);
            }
        } else if i == j {
            each(&run[units[i].0..units[i].1]);
        } else {
            for k in i..j {
                each(&run[units[k].0..units[k + 1].1]);
            }
        }
        i = j + 1;
    }
}

/// The terms of `text`, folded, in order.
pub fn terms(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut out = Vec::new();
    each_term(&folded, |t| out.push(t.to_string()));
    out
}

/// Elements that end a passage of text (and so separate words).
const BLOCKS: [&str; 27] = [
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "details",
    "summary",
    "br",
    "hr",
];

/// The text of sanitized HTML (a rendered body or field), as passages: one
/// per paragraph, list item, heading, cell…, spaces collapsed, character
/// references decoded. Footnote and other superscript numbers are set apart
/// from the word before them.
pub fn passages(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    let end = |current: &mut String, out: &mut Vec<String>| {
        let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            out.push(text);
        }
        current.clear();
    };
    while let Some(at) = rest.find(['<', '&']) {
        current.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            let (tag, close) = match rest.find('>') {
                Some(i) => (&rest[1..i], i + 1),
                None => (&rest[1..], rest.len()),
            };
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if BLOCKS.contains(&name.as_str()) {
                end(&mut current, &mut out);
            } else if name == "sup" || name == "sub" {
                current.push(' ');
            }
            rest = &rest[close..];
        } else {
            let semi = rest[1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
                .map(|i| i + 1);
            match semi
                .filter(|&i| rest[i..].starts_with(';'))
                .and_then(|i| reference(&rest[1..i]).map(|c| (c, i + 1)))
            {
                Some((c, len)) => {
                    current.push(c);
                    rest = &rest[len..];
                }
                None => {
                    current.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    current.push_str(rest);
    end(&mut current, &mut out);
    out
}

/// The character a reference (`amp`, `#39`, `#x27`) names.
fn reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_accents_but_keeps_other_scripts() {
        assert_eq!(fold("Niinistö"), "niinisto");
        assert_eq!(fold("NIINISTÖ"), "niinisto");
        // Decomposed input folds the same.
        assert_eq!(fold("Niinisto\u{308}"), "niinisto");
        assert_eq!(fold("Türkiye São Tomé Côte"), "turkiye sao tome cote");
        assert_eq!(fold("Straße ΟΔΟΣ"), "strasse οδοσ");
        assert_eq!(fold("ﬁnal Ａ²"), "final a2");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Ёлка"), "елка");
        // Hangul comes back composed; Arabic loses its hamza and vowels.
        assert_eq!(fold("김정은"), "김정은");
        assert_eq!(fold("كيم جونغ أون"), "كيم جونغ اون");
        assert_eq!(fold("مُحَمَّد"), "محمد");
        // Japanese voiced kana stay voiced, half-width ones are widened.
        assert_eq!(fold("ガ ｶﾞ"), "ガ ガ");
        assert_eq!(fold("हिन्दी"), "हिन्दी");
    }

    #[test]
    fn terms_are_words_and_pairs_of_ideographs() {
        assert_eq!(
            terms("Kim Jong-un's 600 troops"),
            ["kim", "jong", "un", "s", "600", "troops"]
        );
        assert_eq!(terms("김정은 위원장"), ["김정은", "위원장"]);
        assert_eq!(terms("北朝鮮の軍"), ["北朝", "朝鮮", "鮮の", "の軍"]);
        assert_eq!(terms("金"), ["金"]);
        assert_eq!(terms("コーヒー"), ["コー", "ーヒ", "ヒー"]);
        assert_eq!(terms("abc北京"), ["abc", "北京"]);
        assert_eq!(terms("Путин, Україна"), ["путин", "украіна"]);
        assert_eq!(terms("हिन्दी"), ["हिन्दी"]);
        let long = "x".repeat(MAX_TERM + 1);
        assert_eq!(terms(&format!("a {long} b")), ["a", "b"]);
    }

    #[test]
    fn passages_are_the_text_of_each_block() {
        let html = "<h2 id=\"a\">Bottom &amp; line</h2>\n<p>Seoul is <em>un</em>likely\nto act<sup class=\"footnote-reference\"><a href=\"#fn:1\">1</a></sup>.</p><ul><li>One&#39;s</li><li>two &lt;b&gt; &#x263A; &bogus; & x</li></ul>";
        assert_eq!(
            passages(html),
            [
                "Bottom & line",
                "Seoul is unlikely to act 1 .",
                "One's",
                "two <b> ☺ &bogus; & x"
            ]
        );
        assert!(passages("").is_empty());
        assert_eq!(passages("a <unclosed"), ["a"]);
        assert_eq!(
            passages("&#0; &#xD800; &#99999999999;"),
            ["&#0; &#xD800; &#99999999999;"]
        );
    }
}
