//! Bounds on rendering. A site's templates are code: a loop that doubles a
//! string, loops nested too deep or an endless output would run a build
//! out of memory (an abort, exit 134) or time. Tera has no hook between
//! its instructions, so when a site has templates of its own, every
//! template (the built-in ones too: a site's template can drive them in a
//! loop) is rewritten before it is compiled, each value, loop, output and
//! list comprehension passing through a guard filter that counts the
//! page's budget ([`Budget`]). A guard that runs out stops the page with a
//! template error at the tag or expression responsible, mapped back to
//! the file as written ([`Instrumented::place`]). Every page is written
//! into a bounded buffer ([`PageWriter`]), and the filters that can
//! multiply their input (`replace`, `join`, `indent`, `str`) check the
//! size of their result before making it (`theme`).
//!
//! The limits, for each page: [`MAX_PAGE`] bytes of output, [`MAX_VALUE`]
//! bytes in one value a template makes or stores, [`MAX_VARIABLES`] bytes
//! in all its variables, [`MAX_WORK`] bytes of text made in all (output,
//! captured blocks, list items), [`MAX_ITERATIONS`] loop iterations; and
//! [`MAX_CONCAT`] pieces joined by `~` in one expression. What remains is
//! bounded by Tera's own limits: `range` makes at most 100,000 numbers,
//! an expression has at most 256 operations, components nest at most 20
//! deep, and `include` cycles are refused.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::ops::Range;

mod instrument;

pub use instrument::*;

/// The largest page, in bytes: four times the largest content file.
pub const MAX_PAGE: usize = 64 * 1024 * 1024;
/// The largest value a template may store (`set`) or make in one step.
pub const MAX_VALUE: usize = 16 * 1024 * 1024;
/// The most all of a page's template variables may hold together.
pub const MAX_VARIABLES: usize = 64 * 1024 * 1024;
/// The most text one page's templates may make: output, captured blocks
/// (`{% set %}…{% endset %}`, `{% filter %}`) and list items, with each
/// loop body's text counted once per iteration.
pub const MAX_WORK: u64 = 256 * 1024 * 1024;
/// The most loop iterations (`for` and list comprehensions) for one page.
pub const MAX_ITERATIONS: u64 = 1_000_000;
/// The most pieces one expression may join with `~` (each `~`, and each
/// element of a list or map written in an expression that joins).
pub const MAX_CONCAT: usize = 32;

/// Names of the guard filters (registered by `theme`).
pub const SET: &str = "__dossier_set";
pub const LOOP: &str = "__dossier_loop";
pub const OUT: &str = "__dossier_out";
/// Counts what `{{ a.b }}` wrote; writes nothing itself.
pub const WROTE: &str = "__dossier_wrote";
pub const ITEM: &str = "__dossier_item";
pub const ARGS: &str = "__dossier_args";

// The budget of a page.

/// What the page being rendered on this thread has used so far.
#[derive(Debug, Default, Clone)]
pub struct Budget {
    iterations: u64,
    work: u64,
    /// The size of each variable's last value, by name.
    variables: FxHashMap<String, usize>,
    in_variables: usize,
}

thread_local! {
    static BUDGET: RefCell<Budget> = RefCell::new(Budget::default());
    /// Bytes written to the page so far: apart from [`BUDGET`], as it is
    /// updated at every write of the page (a `Cell`, no borrow).
    static PAGE_BYTES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The budget of one page: a fresh one from [`Page::begin`] until dropped
/// (then the one before it is back, should pages ever nest on a thread).
pub struct Page {
    previous: Option<(Budget, usize)>,
}

impl Page {
    pub fn begin() -> Page {
        let previous = BUDGET.with(|b| std::mem::take(&mut *b.borrow_mut()));
        Page {
            previous: Some((previous, PAGE_BYTES.replace(0))),
        }
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        if let Some((previous, bytes)) = self.previous.take() {
            BUDGET.with(|b| *b.borrow_mut() = previous);
            PAGE_BYTES.set(bytes);
        }
    }
}

fn with_budget<T>(f: impl FnOnce(&mut Budget) -> T) -> T {
    BUDGET.with(|b| f(&mut b.borrow_mut()))
}

fn megabytes(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

/// The size `value` takes written out (as `{{ value }}` or `~` write it),
/// counting no further than `limit + 1`: a list holding itself many times
/// over is measured in the time it takes to pass the limit.
pub fn written_size(value: &tera::Value, limit: usize) -> usize {
    let mut size = 0;
    measure(value, limit, &mut size);
    size
}

fn measure(value: &tera::Value, limit: usize, size: &mut usize) {
    if *size > limit {
        return;
    }
    if let Some(text) = value.as_str() {
        // Inside a list or map a string is quoted, and may be escaped.
        *size += text.len() + 2;
    } else if let Some(items) = value.as_array() {
        *size += 2;
        for item in items {
            *size += 2;
            measure(item, limit, size);
            if *size > limit {
                return;
            }
        }
    } else if let Some(map) = value.as_map() {
        *size += 2;
        for (key, item) in map {
            *size += 4 + key.as_str().map_or(24, str::len);
            measure(item, limit, size);
            if *size > limit {
                return;
            }
        }
    } else if let Some(bytes) = value.as_bytes() {
        *size += bytes.len();
    } else {
        // Numbers, booleans, none.
        *size += 40;
    }
}

/// The error of a guard that ran out.
fn over(what: String) -> tera::Error {
    tera::Error::message(what)
}

/// Whether a template error is one of these limits (each says "over the
/// limit of").
pub fn is_limit(message: &str) -> bool {
    message.contains("over the limit of")
}

/// What to do about a limit.
pub const HINT: &str = "each page's templates are bounded so that none can run a build out of memory or time (docs/templates.md, \"Limits\"): make less in a loop, or build the value in smaller parts";

/// `__dossier_set`: a value stored in the variable `name`.
pub fn set(value: &tera::Value, name: &str) -> tera::TeraResult<()> {
    let size = written_size(value, MAX_VALUE);
    if size > MAX_VALUE {
        return Err(over(format!(
            "the value set to `{name}` is over the limit of {} MB for one value",
            megabytes(MAX_VALUE as u64)
        )));
    }
    with_budget(|b| {
        let before = b.variables.insert(name.to_string(), size).unwrap_or(0);
        b.in_variables = b.in_variables - before + size;
        if b.in_variables > MAX_VARIABLES {
            return Err(over(format!(
                "this page's template variables are over the limit of {} MB in all",
                megabytes(MAX_VARIABLES as u64)
            )));
        }
        Ok(())
    })
}

/// Counts `bytes` of text made for this page.
fn work(bytes: u64) -> tera::TeraResult<()> {
    with_budget(|b| {
        b.work = b.work.saturating_add(bytes);
        if b.work > MAX_WORK {
            return Err(over(format!(
                "the text made for this page is over the limit of {} MB",
                megabytes(MAX_WORK)
            )));
        }
        Ok(())
    })
}

/// `__dossier_loop`: a loop about to run over `value`, writing `text`
/// bytes of its own each time round.
pub fn iterate(value: &tera::Value, text: u64) -> tera::TeraResult<()> {
    let times = value.len().unwrap_or(0) as u64;
    with_budget(|b| {
        b.iterations = b.iterations.saturating_add(times);
        if b.iterations > MAX_ITERATIONS {
            return Err(over(format!(
                "this page's loops are over the limit of {MAX_ITERATIONS} iterations"
            )));
        }
        Ok(())
    })?;
    work(times.saturating_mul(text))
}

/// `__dossier_out`: a value written by `{{ }}` (to the page, or to a
/// block being captured).
pub fn output(value: &tera::Value) -> tera::TeraResult<()> {
    let size = written_size(value, MAX_PAGE);
    if PAGE_BYTES.get().saturating_add(size) > MAX_PAGE {
        return Err(over(format!(
            "this output takes the page over the limit of {} MB",
            megabytes(MAX_PAGE as u64)
        )));
    }
    work(size as u64)
}

/// `__dossier_item`: an item of a list comprehension.
pub fn item(value: &tera::Value) -> tera::TeraResult<()> {
    let size = written_size(value, MAX_VALUE);
    if size > MAX_VALUE {
        return Err(over(format!(
            "an item of this list is over the limit of {} MB for one value",
            megabytes(MAX_VALUE as u64)
        )));
    }
    work(size as u64)
}

/// `__dossier_args`: the arguments a component was called with.
pub fn arguments(value: &tera::Value) -> tera::TeraResult<()> {
    let size = written_size(value, MAX_VALUE);
    if size > MAX_VALUE {
        return Err(over(format!(
            "the arguments of this component are over the limit of {} MB for one value",
            megabytes(MAX_VALUE as u64)
        )));
    }
    work(size as u64)
}

/// Checks that a filter's result, `size` bytes, may be made.
pub fn result(size: usize, filter: &str) -> tera::TeraResult<()> {
    if size > MAX_VALUE {
        return Err(over(format!(
            "`{filter}` would make a value over the limit of {} MB",
            megabytes(MAX_VALUE as u64)
        )));
    }
    Ok(())
}

/// A page being written: refuses to grow past [`MAX_PAGE`].
pub struct PageWriter {
    bytes: Vec<u8>,
    overflowed: bool,
}

impl Default for PageWriter {
    /// Room for a typical page (most are 5 to 40 KB), so that writing
    /// one seldom grows and copies its buffer.
    fn default() -> PageWriter {
        PageWriter {
            bytes: Vec::with_capacity(48 * 1024),
            overflowed: false,
        }
    }
}

impl PageWriter {
    pub fn overflowed(&self) -> bool {
        self.overflowed
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl std::io::Write for PageWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_PAGE {
            self.overflowed = true;
            return Err(std::io::Error::other("the page is too large"));
        }
        self.bytes.extend_from_slice(buf);
        let written = self.bytes.len();
        PAGE_BYTES.set(written);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guarded(source: &str) -> String {
        instrument(source, &|_| 0).unwrap().0.source
    }

    #[test]
    fn tokens_follow_teras_lexer() {
        let source = "a{{ x ~ \"%}\" -}}b{# {{ c }} #}{% raw %}{{ d }}{% endraw %}{%- if y -%}";
        let kinds: Vec<Kind> = lex(source).unwrap().iter().map(|t| t.kind).collect();
        use Kind::*;
        assert_eq!(
            kinds,
            [
                Text, VarStart, Ident, Punct, Str, VarEnd, Text, Comment, Raw, TagStart, Ident,
                Ident, TagEnd
            ]
        );
        assert!(lex("{{ \"open }}").is_none());
        assert!(lex("{% if x").is_none());
    }

    #[test]
    fn values_loops_outputs_and_items_are_guarded() {
        assert_eq!(
            guarded("{% set x = a ~ b %}"),
            "{% set x = (a ~ b ) | __dossier_set(name=\"x\")%}"
        );
        assert_eq!(
            guarded("{%- set_global x | upper -%}y{% endset %}"),
            "{%- set_global x | upper  | __dossier_set(name=\"x\")-%}y{% endset %}"
        );
        assert_eq!(
            guarded("{% for k, v in m %}ab{% endfor %}"),
            "{% for k, v in (m ) | __dossier_loop(text=2)%}ab{% endfor %}"
        );
        assert_eq!(
            guarded("{{- x.y -}}"),
            "{{- x.y -}}{{ x.y | __dossier_wrote -}}"
        );
        assert_eq!(guarded("{{ a ~ b }}"), "{{ (a ~ b ) | __dossier_out}}");
        assert_eq!(
            guarded("{{ [x ~ y for x in a if x] }}"),
            "{{ ([(x ~ y ) | __dossier_item for x in (a ) | __dossier_loop(text=0) if x] ) | __dossier_out}}"
        );
    }

    #[test]
    fn places_map_back_to_the_template_as_written() {
        let source = "ab\n{% set x = a ~ b %}";
        let (guarded, _) = instrument(source, &|_| 0).unwrap();
        let b = guarded.source.find(" b ").unwrap() + 1;
        assert_eq!(guarded.place(b..b + 1), 18..19);
        let filter = guarded.source.find("__dossier_set").unwrap();
        let expression = source.find("a ~ b").unwrap();
        assert_eq!(
            guarded.place(filter..filter + 3),
            expression..expression + 5
        );
    }

    #[test]
    fn long_joins_are_refused() {
        let long = vec!["x"; MAX_CONCAT + 2].join(" ~ ");
        let (_, problems) = instrument(&format!("{{{{ {long} }}}}"), &|_| 0).unwrap();
        assert_eq!(problems.len(), 1);
        let short = vec!["x"; MAX_CONCAT].join(" ~ ");
        let (_, problems) = instrument(&format!("{{{{ {short} }}}}"), &|_| 0).unwrap();
        assert!(problems.is_empty());
    }

    #[test]
    fn sizes_stop_counting_past_the_limit() {
        let mut value = tera::Value::from("abcdefgh");
        for _ in 0..200 {
            value = tera::Value::from(vec![value.clone(), value]);
        }
        assert!(written_size(&value, 1000) > 1000);
    }
}
