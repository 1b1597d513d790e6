//! The built-in theme (the repository's templates/ and static/, embedded)
//! and the Tera instance that merges it with a site's own templates
//! (bounded by `bounds` when there are any), and template errors as
//! diagnostics at their file, line and column.

use super::bounds::{self, Instrumented};
use crate::diagnostics::{Diagnostic, Pos};
use crate::markdown::rebase;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::cell::RefCell;
use tera::{Kwargs, State, StringInput, Tera, TeraResult, Value};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme.rs"));
}

/// Built-in templates: (name, source).
pub const TEMPLATES: &[(&str, &str)] = embedded::TEMPLATES;
/// Built-in static files: (path, bytes).
pub const STATIC: &[(&str, &[u8])] = embedded::STATIC;

/// Prefix under which every built-in template stays reachable, so a site
/// template can `{% extends "builtin/base.html" %}`.
pub const BUILTIN_PREFIX: &str = "builtin/";

/// The compiled template set, with what is needed to place its errors.
pub struct Templates {
    pub tera: Tera,
    /// The site's own templates, by name, as written.
    user: Vec<(String, String)>,
    /// How each template was rewritten to bound it, by name: every one
    /// when the site has templates of its own, none otherwise.
    guards: FxHashMap<String, Instrumented>,
}

/// Builds the template set: built-ins under `builtin/<name>` and `<name>`,
/// then the site's templates, which replace built-ins of the same name.
/// When the site has templates of its own, all are bounded (`bounds`).
pub fn templates(user: &[(String, String)]) -> Result<Templates, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    register(&mut tera);
    let mut all: Vec<(String, &str)> = Vec::new();
    for (name, source) in TEMPLATES {
        all.push((format!("{BUILTIN_PREFIX}{name}"), source));
        if !user.iter().any(|(n, _)| n == name) {
            all.push((name.to_string(), source));
        }
    }
    for (name, source) in user {
        all.push((name.clone(), source.as_str()));
    }
    let mut templates = Templates {
        tera,
        user: user.to_vec(),
        guards: FxHashMap::default(),
    };
    let mut errors = Vec::new();
    let mut unread = Vec::new();
    if !user.is_empty() {
        let texts = TextSizes::new(&all);
        for (name, source) in &all {
            match bounds::instrument(source, &|n| texts.of(n)) {
                Some((guarded, problems)) => {
                    for problem in problems {
                        let (file, text) = templates.file(name);
                        let pos = Pos::of_offset(text, problem.at.start, problem.at.len());
                        errors.push(
                            Diagnostic::error(file, format!("template error: {}", problem.message))
                                .at(text, pos)
                                .hint(problem.hint),
                        );
                    }
                    templates.guards.insert(name.clone(), guarded);
                }
                None => unread.push(name.clone()),
            }
        }
    }
    let sources: Vec<(&str, &str)> = all
        .iter()
        .map(|(name, source)| {
            let source = templates
                .guards
                .get(name)
                .map_or(*source, |g| g.source.as_str());
            (name.as_str(), source)
        })
        .collect();
    if let Err(error) = templates.tera.add_raw_templates(sources) {
        return Err(compile_errors(&error, &templates));
    }
    // Tera read what dossier could not: refuse it rather than run it unbounded.
    for name in unread {
        let (file, _) = templates.file(&name);
        errors.push(
            Diagnostic::error(file, "template error: dossier cannot read this template to bound what it does")
                .hint("check its tags and strings: each must be closed on a later line, and tags hold only ASCII outside strings"),
        );
    }
    if errors.is_empty() {
        Ok(templates)
    } else {
        Err(errors)
    }
}

/// The text each template writes outside its loops (with what it
/// includes there), by name, worked out once each.
struct TextSizes<'a> {
    sources: FxHashMap<&'a str, &'a str>,
    known: RefCell<FxHashMap<String, u64>>,
    working: RefCell<FxHashSet<String>>,
}

impl<'a> TextSizes<'a> {
    fn new(all: &'a [(String, &'a str)]) -> Self {
        TextSizes {
            sources: all.iter().map(|(n, s)| (n.as_str(), *s)).collect(),
            known: RefCell::default(),
            working: RefCell::default(),
        }
    }

    fn of(&self, name: &str) -> u64 {
        if let Some(size) = self.known.borrow().get(name) {
            return *size;
        }
        let Some(source) = self.sources.get(name) else {
            return 0;
        };
        // An include cycle is Tera's to refuse.
        if !self.working.borrow_mut().insert(name.to_string()) {
            return 0;
        }
        let size = bounds::text_outside_loops(source, &|n| self.of(n));
        self.working.borrow_mut().remove(name);
        self.known.borrow_mut().insert(name.to_string(), size);
        size
    }
}

impl Templates {
    /// The file of the template `name` as diagnostics name it, and its
    /// text as written.
    fn file<'a>(&'a self, name: &str) -> (String, &'a str) {
        match self.user.iter().find(|(n, _)| n == name) {
            Some((n, text)) => (format!("templates/{n}"), text.as_str()),
            None => {
                let builtin = name.strip_prefix(BUILTIN_PREFIX).unwrap_or(name);
                let text = TEMPLATES
                    .iter()
                    .find(|(n, _)| *n == builtin)
                    .map_or("", |(_, t)| *t);
                (format!("(built-in theme) templates/{builtin}"), text)
            }
        }
    }

    /// The diagnostic at `range` of the compiled template `name`, placed
    /// in the file as written.
    fn at(&self, name: &str, range: std::ops::Range<usize>, message: String) -> Diagnostic {
        let (file, text) = self.file(name);
        let range = match self.guards.get(name) {
            Some(guarded) => guarded.place(range),
            None => range,
        };
        let start = range.start.min(text.len());
        let len = range.end.clamp(start, text.len()) - start;
        Diagnostic::error(file, message).at(text, Pos::of_offset(text, start, len))
    }

    /// The error for a page that passed [`bounds::MAX_PAGE`] bytes.
    pub fn page_too_large(&self, template: &str) -> Diagnostic {
        let (file, _) = self.file(template);
        Diagnostic::error(
            file,
            format!(
                "template error: the page is over the limit of {} MB",
                bounds::MAX_PAGE / (1024 * 1024)
            ),
        )
        .hint(bounds::HINT)
    }
}

/// `url(path="/style.css")`: a site path made relative to the page being
/// rendered (it reads `page.root`). `text | css_string`: the text as a
/// quoted CSS string, safe inside `<style>` (for `@page` margin boxes).
/// The guards of `bounds`, and Tera's filters that can multiply their
/// input, replaced by ones that check the size of their result first.
fn register(tera: &mut Tera) {
    tera.register_filter(bounds::SET, |value: &Value, kwargs: Kwargs, _: &State| {
        let name: &str = kwargs.get("name")?.unwrap_or("");
        bounds::set(value, name).map(|()| value.clone())
    });
    tera.register_filter(bounds::LOOP, |value: &Value, kwargs: Kwargs, _: &State| {
        let text: u64 = kwargs.get("text")?.unwrap_or(0);
        bounds::iterate(value, text).map(|()| value.clone())
    });
    tera.register_filter(bounds::OUT, |value: &Value, _: Kwargs, _: &State| {
        bounds::output(value).map(|()| value.clone())
    });
    tera.register_filter(bounds::WROTE, |value: &Value, _: Kwargs, _: &State| {
        bounds::output(value).map(|()| Value::from(""))
    });
    tera.register_filter(bounds::ITEM, |value: &Value, _: Kwargs, _: &State| {
        bounds::item(value).map(|()| value.clone())
    });
    tera.register_filter(bounds::ARGS, |value: &Value, _: Kwargs, _: &State| {
        bounds::arguments(value).map(|()| Value::from(""))
    });
    tera.register_filter("replace", replace);
    tera.register_filter("join", join);
    tera.register_filter("indent", indent);
    tera.register_filter("str", as_str);
    tera.register_filter(
        "css_string",
        |text: std::borrow::Cow<'_, str>, _: Kwargs, _: &State| {
            tera::Value::safe_string(&css_string(&text))
        },
    );
    // `{{ 50468 | number }}`: "50,468", as figures are written.
    tera.register_filter("number", |n: f64, _: Kwargs, _: &State| {
        super::pages::format_number(n)
    });
    tera.register_filter("text_dir", |lang: Value, _: Kwargs, _: &State| {
        text_dir(lang.as_str().unwrap_or(""))
    });
    tera.register_function(
        "url",
        |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            let root: String = state
                .get::<tera::Value>("page")?
                .and_then(|page| {
                    let root = page.as_map()?.get(&tera::value::Key::from("root"))?;
                    root.as_str().map(str::to_string)
                })
                .unwrap_or_default();
            if path.starts_with('/') && !path.starts_with("//") {
                Ok(rebase(&path, &root, false))
            } else {
                Ok(path)
            }
        },
    );
}

// Tera's `replace`, `join`, `indent` and `str` (tera 2.4, `filters.rs`),
// each checking the size of its result before making it.

/// `replace(from, to)`.
fn replace(val: StringInput, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let from = kwargs.must_get::<&str>("from")?;
    let to = kwargs.must_get::<StringInput>("to")?;
    let be_safe = state.autoescaping_enabled() && (val.is_safe() || to.is_safe());
    let (text, to_text) = if be_safe {
        (val.rendered(state)?, to.rendered(state)?)
    } else {
        (Cow::Borrowed(val.as_str()), Cow::Borrowed(to.as_str()))
    };
    let times = if from.is_empty() {
        text.chars().count() + 1
    } else {
        text.matches(from).count()
    };
    let size = text
        .len()
        .saturating_add(times.saturating_mul(to_text.len()));
    bounds::result(size, "replace")?;
    let out = text.replace(from, &to_text);
    Ok(if be_safe {
        Value::safe_string(&out)
    } else {
        Value::from(out)
    })
}

/// `join(sep)`.
fn join(val: &[Value], kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let sep = kwargs.get::<StringInput>("sep")?;
    let sep_len = sep.as_ref().map_or(0, |s| s.as_str().len());
    let mut size = sep_len.saturating_mul(val.len().saturating_sub(1));
    for item in val {
        size = size.saturating_add(bounds::written_size(item, bounds::MAX_VALUE));
        bounds::result(size, "join")?;
    }
    let be_safe = state.autoescaping_enabled()
        && (val.iter().any(|x| x.is_string() && x.is_safe())
            || sep.as_ref().is_some_and(|x| x.is_safe()));
    if be_safe {
        let mut parts = Vec::with_capacity(val.len());
        for v in val {
            if v.is_undefined() {
                parts.push(String::new())
            } else {
                parts.push(state.escape_if_needed(v)?);
            }
        }
        let sep_rendered = match &sep {
            Some(s) => s.rendered(state)?,
            None => Cow::Borrowed(""),
        };
        Ok(Value::safe_string(&parts.join(&*sep_rendered)))
    } else {
        let sep_str = sep.as_ref().map(|s| s.as_str()).unwrap_or("");
        Ok(Value::from(
            val.iter()
                .map(|x| format!("{x}"))
                .collect::<Vec<_>>()
                .join(sep_str),
        ))
    }
}

/// `indent(width, indentation, first, blank)`.
fn indent(val: StringInput, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let width = kwargs.get::<usize>("width")?.unwrap_or(4).min(1000);
    let indentation = kwargs.get::<StringInput>("indentation")?;
    let indent_first_line = kwargs.get::<bool>("first")?.unwrap_or(false);
    let indent_blank_line = kwargs.get::<bool>("blank")?.unwrap_or(false);
    if let Some(ref i) = indentation {
        if i.as_str().chars().count() != 1 {
            return Err(tera::Error::message(
                "The `indentation` argument must contain exactly one character",
            ));
        }
    }
    let be_safe = state.autoescaping_enabled()
        && (val.is_safe() || indentation.as_ref().is_some_and(|x| x.is_safe()));
    let val = if be_safe {
        val.rendered(state)?
    } else {
        Cow::Borrowed(val.as_str())
    };
    let indent = match indentation {
        Some(ref i) if be_safe => i.rendered(state)?.repeat(width),
        Some(i) => i.as_str().repeat(width),
        None => " ".repeat(width),
    };
    let lines = val.lines().count();
    bounds::result(
        val.len()
            .saturating_add(lines.saturating_mul(indent.len() + 1)),
        "indent",
    )?;
    let mut res = String::with_capacity(val.len() * 2);
    let mut first_line = true;
    for line in val.lines() {
        if first_line {
            if indent_first_line {
                res.push_str(&indent);
            }
            first_line = false
        } else {
            res.push('\n');
            if !line.is_empty() || indent_blank_line {
                res.push_str(&indent);
            }
        }
        res.push_str(line);
    }
    if val.ends_with('\n') {
        res.push('\n');
    }
    Ok(if be_safe {
        Value::safe_string(&res)
    } else {
        Value::from(res)
    })
}

/// `str`.
fn as_str(val: &Value, _: Kwargs, _: &State) -> TeraResult<String> {
    bounds::result(bounds::written_size(val, bounds::MAX_VALUE), "str")?;
    Ok(format!("{val}"))
}

/// `text` as a double-quoted CSS string. Quotes, backslashes, control
/// characters and `<`/`>` become CSS escapes, so the string can neither end
/// early nor close the `<style>` element it sits in.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\' | '<' | '>' | '&') || c.is_control() {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// Scripts written right to left, by ISO 15924 code (lowercase): Arabic,
/// Hebrew, Syriac, Thaana, N'Ko, Adlam, Hanifi Rohingya, Mandaic,
/// Samaritan, Yezidi and the historic ones a BCP 47 tag may name.
const RTL_SCRIPTS: &[&str] = &[
    "adlm", "arab", "aran", "armi", "avst", "chrs", "cprt", "elym", "hatr", "hebr", "khar", "lydi",
    "mand", "mani", "mend", "narb", "nbat", "nkoo", "orkh", "ougr", "palm", "phli", "phlp", "phlv",
    "phnx", "prti", "rohg", "samr", "sarb", "sogd", "sogo", "syrc", "syre", "syrj", "syrn", "thaa",
    "yezi",
];

/// Languages written right to left unless their tag names another
/// script: Arabic and the languages usually written in Arabic script
/// (Persian, Dari, Urdu, Pashto, Sindhi, Sorani, Uyghur, Kashmiri,
/// Punjabi's Shahmukhi…), Hebrew and Yiddish, Aramaic and Syriac,
/// Dhivehi, N'Ko.
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "arq", "ary", "arz", "apc", "acm", "afb", "ajp", "apd", "ayl", "bal", "bqi",
    "ckb", "dv", "fa", "glk", "he", "iw", "ji", "khw", "ks", "lrc", "mzn", "nqo", "ota", "pnb",
    "prs", "ps", "pes", "sd", "skr", "syc", "syr", "ug", "ur", "yi",
];

/// `lang | text_dir`: the `dir` for text in the language `lang` (a BCP 47
/// tag): `rtl` when its script is written right to left (the script
/// subtag decides, `az-Arab` or `ku-Arab`; without one, the language's
/// usual script: `ar`, `he`, `fa`, `ur`…), `ltr` otherwise (`ar-Latn`
/// too), and `auto`, the browser judging by the text itself, when there
/// is no tag.
pub fn text_dir(lang: &str) -> &'static str {
    let lang = lang.trim();
    if lang.is_empty() {
        return "auto";
    }
    let mut subtags = lang.split(['-', '_']).map(str::to_ascii_lowercase);
    let primary = subtags.next().unwrap_or_default();
    // The script subtag is the first of four letters after the language
    // (extended language subtags have three).
    let script = subtags
        .take_while(|s| s.len() != 1)
        .find(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic()));
    let rtl = match script {
        Some(script) => RTL_SCRIPTS.contains(&script.as_str()),
        None => RTL_LANGUAGES.contains(&primary.as_str()),
    };
    if rtl {
        "rtl"
    } else {
        "ltr"
    }
}

/// A template error met while rendering, as a diagnostic at its file,
/// line and column (in the template as written).
pub fn diagnostic(error: &tera::Error, templates: &Templates) -> Diagnostic {
    compile_errors(error, templates)
        .into_iter()
        .next()
        .unwrap_or_else(|| general(error))
}

/// A template error as diagnostics at their files, lines and columns: one
/// for each report Tera joined into one message (unknown filters,
/// functions, templates…), one at the `include` or `extends` for a
/// missing or circular one.
fn compile_errors(error: &tera::Error, templates: &Templates) -> Vec<Diagnostic> {
    // At a tag of a template, else (not found) of all of templates/.
    let at_tag = |name: &str, tag: &str, target: &str, message: String, hint: &str| {
        let mut d = templates
            .tag(name, tag, target)
            .unwrap_or_else(|| general(error));
        d.message = message;
        vec![d.hint(hint)]
    };
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let d = templates.at(
                report.filename(),
                report.span().range.clone(),
                format!("template error: {}", report.message()),
            );
            let hint = if bounds::is_limit(report.message()) {
                bounds::HINT
            } else {
                "docs/templates.md lists the variables each template receives"
            };
            vec![d.hint(hint)]
        }
        tera::ErrorKind::Msg(message) => {
            let reports = joined_reports(message, templates);
            if reports.is_empty() {
                vec![general(error)]
            } else {
                reports
            }
        }
        tera::ErrorKind::CircularInclude { include_chain, .. } => {
            let cycle = cycle_of(include_chain);
            // At an include of the cycle written in a site's template.
            let edge = cycle
                .windows(2)
                .find(|pair| templates.user.iter().any(|(n, _)| *n == pair[0]))
                .or_else(|| cycle.windows(2).next());
            match edge {
                Some(pair) => at_tag(
                    &pair[0],
                    "include",
                    &pair[1],
                    format!("template error: circular include: {}", cycle.join(" → ")),
                    "a template cannot include itself, nor a template that includes it: remove one of these includes",
                ),
                None => vec![general(error)],
            }
        }
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => {
            let mut chain = vec![tpl.clone()];
            chain.extend(inheritance_chain.iter().cloned());
            let parent = inheritance_chain.first().map_or("", String::as_str);
            at_tag(
                tpl,
                "extends",
                parent,
                format!("template error: circular extends: {}", chain.join(" → ")),
                "a template cannot extend itself, nor a template that extends it; a built-in stays reachable as `builtin/<name>`",
            )
        }
        tera::ErrorKind::MissingParent { current, parent } => at_tag(
            current,
            "extends",
            parent,
            format!("template error: `{current}` extends `{parent}`, which does not exist"),
            "check the name; a built-in stays reachable as `builtin/<name>`",
        ),
        _ => vec![general(error)],
    }
}

/// The cycle at the end of an include chain: from the first time its
/// last template appears.
fn cycle_of(chain: &[String]) -> Vec<String> {
    let last = chain.last().cloned().unwrap_or_default();
    let start = chain.iter().position(|n| *n == last).unwrap_or(0);
    chain[start..].to_vec()
}

/// A template error that belongs to no line: all of `templates/`.
fn general(error: &tera::Error) -> Diagnostic {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Diagnostic::error("templates", format!("template error: {message}"))
        .hint("check the template names in `extends` and `include`; a built-in stays reachable as `builtin/<name>`")
}

/// The reports Tera renders and joins into one message when it checks the
/// templates it compiled (`error: …` then ` --> name:line:col`, the line,
/// carets), each as a diagnostic at its place.
fn joined_reports(message: &str, templates: &Templates) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let lines: Vec<&str> = message.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let Some(text) = line.strip_prefix("error: ") else {
            continue;
        };
        let Some(place) = lines
            .get(i + 1)
            .and_then(|l| l.trim_start().strip_prefix("--> "))
        else {
            continue;
        };
        let mut parts = place.rsplitn(3, ':');
        let (col, line_no, name) = (parts.next(), parts.next(), parts.next());
        let (Some(name), Some(Ok(line_no)), Some(Ok(col))) = (
            name,
            line_no.map(str::parse::<usize>),
            col.map(str::parse::<usize>),
        ) else {
            continue;
        };
        let carets = lines
            .get(i + 4)
            .map_or(1, |l| l.matches('^').count().max(1));
        let Some(compiled) = templates.compiled_source(name) else {
            continue;
        };
        let start = byte_at(compiled, line_no, col);
        let end = compiled[start..]
            .char_indices()
            .nth(carets)
            .map_or(compiled.len(), |(i, _)| start + i);
        let d = templates.at(name, start..end, format!("template error: {text}"));
        found.push(d.hint(
            "check the name: docs/templates.md lists the filters and functions; a built-in template stays reachable as `builtin/<name>`",
        ));
    }
    found
}

/// The byte of `text` at 1-based `line` and `col` (in characters).
fn byte_at(text: &str, line: usize, col: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    text[line_start..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

impl Templates {
    /// The source Tera compiled for `name`: rewritten, or as written.
    fn compiled_source(&self, name: &str) -> Option<&str> {
        if let Some(guarded) = self.guards.get(name) {
            return Some(&guarded.source);
        }
        if let Some((_, text)) = self.user.iter().find(|(n, _)| n == name) {
            return Some(text);
        }
        let builtin = name.strip_prefix(BUILTIN_PREFIX).unwrap_or(name);
        TEMPLATES
            .iter()
            .find(|(n, _)| *n == builtin)
            .map(|(_, t)| *t)
    }

    /// A diagnostic at the name in `{% include "target" %}` (or `extends`)
    /// of the template `name`, when there is one.
    fn tag(&self, name: &str, tag: &str, target: &str) -> Option<Diagnostic> {
        let (_, text) = self.file(name);
        let range = bounds::find_tag(text, tag, target)?;
        Some(self.at_written(name, range, String::new()))
    }

    /// A diagnostic at `range` of the template `name` as written.
    fn at_written(&self, name: &str, range: std::ops::Range<usize>, message: String) -> Diagnostic {
        let (file, text) = self.file(name);
        Diagnostic::error(file, message).at(text, Pos::of_offset(text, range.start, range.len()))
    }
}

#[cfg(test)]
mod css_string_tests {
    use super::css_string;

    #[test]
    fn quotes_and_tags_cannot_escape_the_string_or_the_style_element() {
        assert_eq!(css_string("briefs/a-b/"), "\"briefs/a-b/\"");
        assert_eq!(
            css_string("Say \"hi\" </style>\\\n"),
            "\"Say \\22 hi\\22  \\3c /style\\3e \\5c \\a \""
        );
    }
}

#[cfg(test)]
mod dir_tests {
    use super::text_dir;

    #[test]
    fn right_to_left_languages_and_scripts_are_told_apart() {
        for lang in [
            "ar",
            "AR",
            "ar-EG",
            "he",
            "fa",
            "fa-AF",
            "ur",
            "ps",
            "yi",
            "ckb",
            "ug",
            "dv",
            "syr",
            "az-Arab",
            "ku-Arab-IQ",
            "pa-Arab",
            "ms-Arab",
            "ff-Adlm",
            "zh-Hebr",
            "sd",
        ] {
            assert_eq!(text_dir(lang), "rtl", "{lang}");
        }
        for lang in [
            "en",
            "ko",
            "ru",
            "zh-Hant",
            "ja",
            "ar-Latn",
            "he-Latn",
            "az",
            "az-Latn",
            "ku",
            "tr",
            "hi",
            "en-US-x-arab",
            "sgn-ar",
        ] {
            assert_eq!(text_dir(lang), "ltr", "{lang}");
        }
        assert_eq!(text_dir(""), "auto");
        assert_eq!(text_dir("  "), "auto");
    }
}

#[cfg(test)]
mod bounds_tests {
    use super::*;

    /// Templates in the spellings Tera's own rendering tests use (loops
    /// with `else`, `break`, whitespace control, raw blocks, captures,
    /// comprehensions, `super()`, components, includes in loops), each a
    /// set of (name, source) rendering "t".
    const CASES: &[&[(&str, &str)]] = &[
        &[("t", "{% set var = 2 -%} {{var}}\n  {% set var = 2 -%} {{var}}\n {% raw -%} {{2}} {% endraw %}\n{% filter upper -%} hey {%- endfilter %}\n  {{- \"hello\" }}\n{#- \"hello\" -#}")],
        &[("t", "{% for name in names %}{{ name }}||{% endfor %}\n{% for i in names %}{{loop.index}}.{{loop.index0}}: {{loop.first}}? {{loop.last}}?||{% endfor %}\n{% for i in names %}{% if loop.index0 == 1 %}{% break %}{% else %}{{i}}{% endif %}{% endfor %}\n{% for name in names %}{% set_global counter = loop.index0 + 1 %}{{counter}}{% endfor %} -> {{counter}}\n{% for i in [] %}{{i}}{% else %}Empty{% endfor %}\n{% for k, v in {\"a\": 1, \"b\": [2]} -%}\n  {{ k }}={{ v }}\n{%- endfor %}")],
        &[("t", "{%- set hello -%}\nA string with {{ name }}\n{%- endset -%}\nFrom set: {{ hello }}{% filter replace(from=\"Robert\", to=\"Bob\") | upper | safe -%} Hello I'm Robert! {%- endfilter %}")],
        &[("t", "{{ [a for a in numbers if a is odd] }}\n{{ [a | str | safe for a in numbers] | safe }}\n{{ [[y for y in row] for row in [[1,2], [3,4]]]}}\n{{ [x if x > 1 else 0 for x in numbers] }}\n{% set xs = [x*2 for x in numbers] %}{{ xs }}\n{{ name ~ \", \" ~ name }} {{ \"<b>\" ~ 1 }} {{ numbers | join(sep=\"<\") }} {{ \"a\nb\" | indent(width=2) }} {{ numbers | str }} {{ name | replace(from=\"o\", to=\"<0>\") }}")],
        &[("base", "{% block body %}Parent {{ name }}{% endblock body %}"), ("t", "{% extends \"base\" %}{% block body %}\nbare=[{{ super() }}]\nfiltered=[{{ super() | upper }}]\n{% set parent = super() %}set=[{{ parent }}]\n{% set captured_parent %}{{ super() | upper }}{% endset %}captured=[{{ captured_parent }}]\n{% endblock body %}")],
        &[("row", "{{ num }}|\n"), ("t", "{% for num in numbers %}{% include \"row\" %}{% endfor %}{% set num = 7 %}{% set val %}before{% include \"row\" %}after{% endset %}({{ val }})")],
        &[("components", "{% component label(obj, sep) -%}\n  {%- if obj.parent -%}\n    {{ <label obj={obj.parent} sep={sep}/> }}{{sep}}\n  {%- endif -%}\n  {{obj.name}}\n  {%- for i in obj.numbers -%}{{ i }}{%- endfor -%}\n{%- endcomponent label %}\n{% component hello()%}{{body}}{% endcomponent hello %}"), ("t", "{%- for obj in objects -%}\n    {{ <label obj={obj} sep=\"|\"/> }}\n{%- endfor -%}{% <hello> %}Hello {{name}}! {% </hello> %}")],
    ];

    fn render(templates: &[(&str, String)]) -> String {
        let mut tera = Tera::new();
        register(&mut tera);
        tera.autoescape_on(vec!["t"]);
        tera.add_raw_templates(templates.iter().map(|(n, s)| (*n, s.as_str())))
            .unwrap_or_else(|e| panic!("{e}\n{templates:?}"));
        let mut context = tera::Context::new();
        context.insert("name", "Bob <Robert>");
        context.insert("numbers", &[1, 2, 3]);
        context.insert("names", &["Tchoupi", "Pilou", "Fanny"]);
        context.insert(
            "objects",
            &serde_json::json!([{"name": "child", "numbers": [1, 2], "parent": {"name": "parent", "numbers": [3]}}]),
        );
        tera.render("t", &context).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn guarded_templates_render_the_same() {
        for case in CASES {
            let plain: Vec<(&str, String)> =
                case.iter().map(|(n, s)| (*n, s.to_string())).collect();
            let guarded: Vec<(&str, String)> = case
                .iter()
                .map(|(n, s)| (*n, bounds::instrument(s, &|_| 0).unwrap().0.source))
                .collect();
            assert_eq!(render(&plain), render(&guarded), "{guarded:?}");
        }
    }
}
