//! Language tags (BCP 47, RFC 5646): their shape, and their primary
//! language subtag checked against the IANA Language Subtag Registry, with
//! the tag an author most likely meant for a near miss (`German` → `de`,
//! `ger` or `deu` → `de`, `en_US` → `en-US`, `jp` → `ja`).
//!
//! The registry's language subtags are ISO 639-1's two-letter codes, ISO
//! 639-3's three-letter codes of languages without one (the registry
//! never lists `deu` beside `de`), ISO 639-5's collections, the codes it
//! keeps as deprecated, and `qaa`–`qtz` for private use. The `isolang`
//! crate holds ISO 639-1 and 639-3 with each language's English name and
//! autonym (for the hints); [`REGISTERED_BESIDE_ISO_639_3`] holds the rest.

use isolang::Language;

/// Why a tag is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not subtags of one to eight ASCII letters or digits joined by `-`.
    Shape,
    /// Its primary language subtag (given, lowercase) is not a language of
    /// the registry.
    Unknown(String),
}

/// Checks `tag` (case does not matter, as in BCP 47).
pub fn check(tag: &str) -> Result<(), Refusal> {
    if !has_shape(tag) {
        return Err(Refusal::Shape);
    }
    let lower = tag.to_ascii_lowercase();
    let primary = lower.split('-').next().unwrap_or_default();
    match primary {
        // Private use (`x-…`), and the registry's grandfathered `i-…` tags.
        "x" => Ok(()),
        "i" if GRANDFATHERED.contains(&lower.as_str()) => Ok(()),
        p if is_registered(p) => Ok(()),
        p => Err(Refusal::Unknown(p.to_string())),
    }
}

/// Whether `tag` has the shape of a BCP 47 language tag: subtags of one
/// to eight ASCII letters or digits joined by `-` (it ends up in `lang`
/// attributes).
pub fn has_shape(tag: &str) -> bool {
    tag.split('-')
        .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Whether `subtag` (lowercase) is a language subtag of the registry.
fn is_registered(subtag: &str) -> bool {
    if !subtag.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    match subtag.len() {
        2 => Language::from_639_1(subtag).is_some() || extra(subtag),
        3 => {
            ("qaa"..="qtz").contains(&subtag)
                || Language::from_639_3(subtag).is_some_and(|l| l.to_639_1().is_none())
                || extra(subtag)
        }
        // Four letters are reserved; five to eight, none is registered.
        _ => false,
    }
}

fn extra(subtag: &str) -> bool {
    REGISTERED_BESIDE_ISO_639_3.binary_search(&subtag).is_ok()
}

/// The tag an author most likely meant by `tag`, refused, with the name
/// of its language: the same tag with `-` for `_` (`en_US`), a language
/// written by its English name or its own (`German`, `Deutsch`, `German
/// language`), an ISO 639-2 bibliographic code (`ger`), a three-letter
/// code where the registry has two letters (`deu`), a country code written
/// for its language (`jp`), or an English name misspelt (`Germna`).
pub fn meant(tag: &str) -> Option<(String, &'static str)> {
    let tag = tag.trim();
    let dashed = tag.replace(['_', ' '], "-");
    if dashed != tag && check(&dashed).is_ok() {
        return Some((dashed.clone(), name_of(&dashed)));
    }
    if let Some(language) = by_name(tag) {
        let code = code_of(language);
        return Some((code.to_string(), name_of(code)));
    }
    // The first subtag replaced, the rest kept (`ger-CH` → `de-CH`).
    let (first, rest) = match dashed.split_once('-') {
        Some((first, rest)) => (first.to_ascii_lowercase(), format!("-{rest}")),
        None => (dashed.to_ascii_lowercase(), String::new()),
    };
    let code = BIBLIOGRAPHIC
        .iter()
        .chain(COUNTRIES)
        .find(|(wrong, _)| *wrong == first)
        .map(|(_, code)| *code)
        .or_else(|| {
            Language::from_639_3(&first)
                .and_then(|l| l.to_639_1())
                .filter(|_| first.len() == 3)
        })?;
    let whole = format!("{code}{rest}");
    let whole = if check(&whole).is_ok() {
        whole
    } else {
        code.to_string()
    };
    Some((whole, name_of(code)))
}

/// The language `text` names: its English name (the part before any
/// parentheses, as `Swahili (macrolanguage)` or `Modern Greek (1453-)`),
/// else the last words of one (`Greek`), its autonym, any case, with or
/// without a trailing ` language`; else the English name closest to it
/// by edit distance. A language with a two-letter code comes first.
fn by_name(text: &str) -> Option<Language> {
    let wanted = text.trim().to_lowercase();
    let wanted = wanted
        .strip_suffix(" language")
        .unwrap_or(&wanted)
        .to_string();
    if wanted.chars().count() < 4 {
        return None;
    }
    let short = |name: &str| name.split(" (").next().unwrap_or(name).to_lowercase();
    let pick = |matches: Vec<Language>| -> Option<Language> {
        matches
            .iter()
            .find(|l| l.to_639_1().is_some())
            .or(matches.first())
            .copied()
    };
    let w = wanted.clone();
    let exact = pick(Language::match_names(move |n| short(n) == w).collect());
    if exact.is_some() {
        return exact;
    }
    let w = wanted.clone();
    let autonym = pick(Language::match_autonyms(move |n| n.to_lowercase() == w).collect());
    if autonym.is_some() {
        return autonym;
    }
    let suffix = format!(" {wanted}");
    let ending: Vec<Language> = Language::match_names(move |n| short(n).ends_with(&suffix))
        .filter(|l| l.to_639_1().is_some())
        .collect();
    if let [one] = ending.as_slice() {
        return Some(*one);
    }
    let common: Vec<(String, Language)> = Language::match_names(|_| true)
        .filter(|l| l.to_639_1().is_some())
        .map(|l| (short(l.to_name()), l))
        .collect();
    let names = common.iter().map(|(name, _)| name.as_str());
    let closest = crate::diagnostics::closest(&wanted, names)?;
    common
        .iter()
        .find(|(name, _)| name == closest)
        .map(|(_, l)| *l)
}

/// The registry's subtag for `language`: its two letters when it has them.
fn code_of(language: Language) -> &'static str {
    language.to_639_1().unwrap_or_else(|| language.to_639_3())
}

/// The English name of the language of `tag` (a valid one), for a hint.
fn name_of(tag: &str) -> &'static str {
    let primary = tag
        .split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    Language::from_639_1(&primary)
        .or_else(|| Language::from_639_3(&primary))
        .map_or("", |l| {
            let name = l.to_name();
            name.split(" (").next().unwrap_or(name)
        })
}

/// ISO 639-2's bibliographic codes, which the registry does not hold,
/// and its subtag for each (ISO 639-2 fixed them; they never change).
const BIBLIOGRAPHIC: &[(&str, &str)] = &[
    ("alb", "sq"),
    ("arm", "hy"),
    ("baq", "eu"),
    ("bur", "my"),
    ("chi", "zh"),
    ("cze", "cs"),
    ("dut", "nl"),
    ("fre", "fr"),
    ("geo", "ka"),
    ("ger", "de"),
    ("gre", "el"),
    ("ice", "is"),
    ("mac", "mk"),
    ("mao", "mi"),
    ("may", "ms"),
    ("per", "fa"),
    ("rum", "ro"),
    ("slo", "sk"),
    ("tib", "bo"),
    ("wel", "cy"),
];

/// Country codes often written for their language, which are no
/// language subtag, and the language meant. (Those that are a language's
/// code, as `se`, Northern Sami, or `kr`, Kanuri, are valid tags and not
/// here.)
const COUNTRIES: &[(&str, &str)] = &[
    ("al", "sq"),
    ("at", "de"),
    ("by", "be"),
    ("cn", "zh"),
    ("cz", "cs"),
    ("dk", "da"),
    ("gb", "en"),
    ("gr", "el"),
    ("il", "he"),
    ("ir", "fa"),
    ("jp", "ja"),
    ("kp", "ko"),
    ("kz", "kk"),
    ("rs", "sr"),
    ("ua", "uk"),
    ("us", "en"),
    ("vn", "vi"),
];

/// The registry's grandfathered tags that start with the singleton `i`.
const GRANDFATHERED: &[&str] = &[
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
];

/// The registry's language subtags that ISO 639-3 (as `isolang` holds
/// it) lacks: ISO 639-5 collections (`sla`, `sgn`), macrolanguage and
/// deprecated codes it keeps (`iw`, `in`, `mo`, retired ISO 639-3 codes).
/// Sorted, for a binary search. Taken from the registry's file of
/// 2020-12-18 as the `language-tags` crate embeds it.
pub const REGISTERED_BESIDE_ISO_639_3: &[&str] = &[
    "aam", "aav", "adp", "afa", "agp", "ais", "ajp", "ajt", "alg", "alv", "aoh", "apa", "aqa",
    "aql", "art", "asd", "ath", "aue", "auf", "aus", "awd", "ayx", "ayy", "azc", "bad", "bai",
    "bat", "baz", "bbz", "ber", "bgm", "bh", "bhk", "bic", "bij", "bjd", "bjq", "bkb", "blg",
    "bmy", "bnt", "bpb", "btb", "btk", "btl", "bxx", "byy", "cai", "cau", "cba", "cbe", "cbh",
    "cca", "ccn", "ccq", "ccs", "cdc", "cdd", "cdg", "cel", "cjr", "cka", "cmc", "cmk", "coy",
    "cpe", "cpf", "cpp", "cqu", "crp", "csu", "cug", "cum", "cus", "daf", "dap", "day", "dgu",
    "dha", "dit", "djl", "dkl", "dmn", "dra", "drh", "drr", "drw", "dud", "duj", "dwl", "egx",
    "ekc", "elp", "emo", "esx", "euq", "fiu", "fox", "gav", "gbc", "gem", "gfx", "ggn", "ggo",
    "ggr", "gio", "gji", "gli", "gme", "gmq", "gmw", "grk", "gti", "guv", "him", "hmx", "hok",
    "hrr", "hyx", "iap", "ibi", "iir", "ijo", "ill", "ilw", "ime", "in", "inc", "ine", "ira",
    "iro", "itc", "iw", "izi", "jar", "jeg", "ji", "jpx", "jw", "kar", "kbf", "kdo", "kdv", "kgc",
    "kgd", "kgh", "kgm", "khi", "kjf", "koj", "kox", "kpp", "krm", "kro", "ksa", "ktr", "kvs",
    "kwq", "kxe", "kxl", "kxu", "kzh", "kzj", "kzt", "lak", "lba", "leg", "lii", "llo", "lmm",
    "lmz", "lno", "lsg", "map", "meg", "mgx", "mhh", "mja", "mkh", "mld", "mno", "mnt", "mo",
    "mof", "mst", "mun", "mvm", "mwd", "mwj", "mwx", "mwy", "myd", "myi", "myn", "myq", "myt",
    "nad", "nah", "nai", "nbf", "nbx", "ncp", "ngf", "ngo", "nic", "nln", "nlr", "nns", "nnx",
    "nom", "noo", "nts", "nub", "nxu", "ome", "omq", "omv", "oto", "oun", "paa", "pat", "pbz",
    "pcr", "pgy", "phi", "pii", "plf", "plj", "plp", "pmc", "pmk", "pmu", "pod", "poz", "ppa",
    "ppr", "pqe", "pqw", "pra", "prb", "prp", "pry", "puk", "puz", "qwe", "rie", "rmr", "rna",
    "roa", "rsi", "sai", "sal", "sap", "sca", "sdm", "sdv", "sem", "sgl", "sgn", "sgo", "sio",
    "sit", "skk", "sla", "slq", "smd", "smi", "snb", "snh", "son", "sqj", "ssa", "sul", "sum",
    "svr", "syd", "szd", "tai", "tbb", "tbq", "tdu", "tgg", "thc", "thw", "thx", "tid", "tie",
    "tkk", "tlw", "tmk", "tmp", "tne", "tnf", "toe", "tpw", "trk", "tsf", "tup", "tut", "tuw",
    "unp", "uok", "urj", "uun", "vki", "wak", "wen", "wgw", "wit", "wiw", "wra", "wrd", "wya",
    "xba", "xbx", "xgn", "xia", "xip", "xkh", "xnd", "xrq", "xss", "xtz", "ybd", "yds", "yen",
    "yiy", "yma", "ymt", "ynh", "yos", "ypk", "yri", "yuu", "zhx", "zir", "zkb", "zle", "zls",
    "zlw", "znd", "zua",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_list_is_sorted_and_lowercase() {
        assert!(REGISTERED_BESIDE_ISO_639_3.windows(2).all(|w| w[0] < w[1]));
        for code in REGISTERED_BESIDE_ISO_639_3 {
            assert!(code.bytes().all(|b| b.is_ascii_lowercase()), "{code}");
            assert!((2..=3).contains(&code.len()), "{code}");
        }
    }

    #[test]
    fn tags_of_the_registry_pass_in_any_case() {
        for tag in [
            "en",
            "EN",
            "en-US",
            "zh-Hant-TW",
            "ko",
            "ru",
            "pt-BR",
            "sr-Latn",
            "tok",
            "swh",
            "arb",
            "apc",
            "sla",
            "sgn",
            "iw",
            "mo",
            "qaa",
            "qtz-x-desk",
            "x-klingon",
            "i-klingon",
            "und",
            "mul",
            "zxx",
            "yue",
            "zh-yue",
            "es-419",
            "sh",
            "bh",
        ] {
            assert_eq!(check(tag), Ok(()), "{tag}");
        }
    }

    #[test]
    fn other_subtags_are_refused() {
        for (tag, primary) in [
            ("German", "german"),
            ("deu", "deu"),
            ("eng-US", "eng"),
            ("ger", "ger"),
            ("jp", "jp"),
            ("xx", "xx"),
            ("qua1", "qua1"),
            ("abcd", "abcd"),
            ("i-foo", "i"),
            ("1e", "1e"),
            ("qza", "qza"),
        ] {
            assert_eq!(check(tag), Err(Refusal::Unknown(primary.into())), "{tag}");
        }
        for tag in [
            "",
            "en_US",
            "en-",
            "ko><script>",
            "abcdefghi",
            "en--US",
            "한국어",
        ] {
            assert_eq!(check(tag), Err(Refusal::Shape), "{tag}");
        }
    }

    #[test]
    fn a_near_miss_gets_the_tag_meant() {
        for (tag, code, name) in [
            ("German", "de", "German"),
            ("german", "de", "German"),
            ("GERMAN", "de", "German"),
            ("German language", "de", "German"),
            ("Deutsch", "de", "German"),
            ("français", "fr", "French"),
            ("Greek", "el", "Modern Greek"),
            ("Swahili", "sw", "Swahili"),
            ("Chinese", "zh", "Chinese"),
            ("Germna", "de", "German"),
            ("Russain", "ru", "Russian"),
            ("ger", "de", "German"),
            ("ger-CH", "de-CH", "German"),
            ("deu", "de", "German"),
            ("ENG-gb", "en-gb", "English"),
            ("en_US", "en-US", "English"),
            ("zh_Hant_TW", "zh-Hant-TW", "Chinese"),
            ("jp", "ja", "Japanese"),
            ("ua", "uk", "Ukrainian"),
            ("cn-Hans", "zh-Hans", "Chinese"),
            ("Toki Pona", "tok", "Toki Pona"),
        ] {
            assert_eq!(meant(tag), Some((code.to_string(), name)), "{tag}");
            assert_eq!(check(&meant(tag).unwrap().0), Ok(()), "{tag}");
        }
        for tag in ["xx", "qua1", "abcd", "ko><script>", "Klingonese of Mars"] {
            assert_eq!(meant(tag), None, "{tag}");
        }
    }
}
