//! The built-in theme (the repository's templates/ and static/, embedded)
//! and the Tera instance that merges it with a site's own templates.

use crate::diagnostics::{Diagnostic, Pos};
use crate::markdown::rebase;
use tera::{Kwargs, State, Tera};

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

/// Builds the template set: built-ins under `builtin/<name>` and `<name>`,
/// then the site's templates, which replace built-ins of the same name.
pub fn templates(user: &[(String, String)]) -> Result<Tera, Vec<Diagnostic>> {
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
    match tera.add_raw_templates(all.iter().map(|(n, s)| (n.as_str(), *s))) {
        Ok(()) => Ok(tera),
        Err(error) => Err(vec![diagnostic(&error, user)]),
    }
}

/// `url(path="/style.css")`: a site path made relative to the page being
/// rendered (it reads `page.root`). `text | css_string`: the text as a
/// quoted CSS string, safe inside `<style>` (for `@page` margin boxes).
fn register(tera: &mut Tera) {
    tera.register_filter(
        "css_string",
        |text: std::borrow::Cow<'_, str>, _: Kwargs, _: &State| {
            tera::Value::safe_string(&css_string(&text))
        },
    );
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

/// A template error as a diagnostic at its file, line and column.
pub fn diagnostic(error: &tera::Error, user: &[(String, String)]) -> Diagnostic {
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report)
        }
        _ => None,
    };
    let Some(report) = report else {
        let mut message = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        return Diagnostic::error("templates", format!("template error: {message}"))
            .hint("check the template names in `extends` and `include`; a built-in stays reachable as `builtin/<name>`");
    };
    let name = report.filename();
    let span = report.span();
    let (file, text) = match user.iter().find(|(n, _)| n == name) {
        Some((n, text)) => (format!("templates/{n}"), text.as_str()),
        None => {
            let builtin = name.strip_prefix(BUILTIN_PREFIX).unwrap_or(name);
            let text = TEMPLATES
                .iter()
                .find(|(n, _)| *n == builtin)
                .map_or("", |(_, t)| *t);
            (format!("(built-in theme) templates/{builtin}"), text)
        }
    };
    let len = if span.end_line == span.start_line {
        span.end_col.saturating_sub(span.start_col).max(1)
    } else {
        1
    };
    Diagnostic::error(file, format!("template error: {}", report.message()))
        .at(text, Pos::new(span.start_line, span.start_col + 1, len))
        .hint("docs/templates.md lists the variables each template receives")
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
