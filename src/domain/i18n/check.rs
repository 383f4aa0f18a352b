//! Reads and checks the message catalogs (`en.ftl`, `zh-CN.ftl`, `zh-TW.ftl`).
//!
//! This module is plain Rust with no dependencies: `build.rs` includes it to
//! refuse a broken catalog at build time, and the unit tests include it to
//! pin its rules and messages natively.
//!
//! The format, one entry per line:
//!
//! ```text
//! # a comment
//! Key = text with {placeholders}
//! Key.one = plural variant for the category `one`
//! Key.other = plural variant for the category `other`
//! ```
//!
//! Spaces around `=` and at the ends of the text are ignored; to keep them,
//! wrap the whole text in double quotes (`Key = " (copy)"`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// One catalog file.
pub struct Source<'a> {
    /// The language's BCP 47 tag, e.g. `zh-CN`.
    pub tag: &'a str,
    /// The file name shown in errors.
    pub path: &'a str,
    /// The file's contents.
    pub text: &'a str,
}

/// A problem found in a catalog, located by file, line and key.
#[derive(Debug, PartialEq)]
pub struct Error {
    /// The file.
    pub path: String,
    /// The 1-based line, when the problem is on one.
    pub line: Option<usize>,
    /// The key, when known.
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ": key `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A checked message: its texts, one [`Forms`] per source, in source order.
pub struct Message {
    /// The key (a Rust enum variant name).
    pub key: String,
    /// The texts in each language.
    pub forms: Vec<Forms>,
}

/// A message's text in one language.
pub struct Forms {
    /// The plain text, or the `other` variant of a plural message.
    pub other: String,
    /// The plural variants besides `other`, e.g. `("one", "1 item")`.
    pub variants: Vec<(String, String)>,
}

/// The CLDR cardinal plural categories a language's rules use (its catalog
/// must give each of them for a plural message), or `None` for a language
/// without rules here.
pub fn plural_categories(tag: &str) -> Option<&'static [&'static str]> {
    match tag {
        "en" => Some(&["one", "other"]),
        "zh-CN" | "zh-TW" => Some(&["other"]),
        _ => None,
    }
}

/// Checks the catalogs; the first source is the reference (English) whose key
/// order the result follows. Returns every problem found, not just the first.
pub fn check(sources: &[Source<'_>]) -> Result<Vec<Message>, Vec<Error>> {
    let mut errors = Vec::new();
    let parsed: Vec<Vec<Entry>> = sources.iter().map(|s| parse(s, &mut errors)).collect();
    let Some((reference, rest)) = sources.split_first() else {
        return Ok(Vec::new());
    };
    let index: Vec<BTreeMap<&str, &Entry>> = parsed.iter().map(|entries| entries.iter().map(|e| (e.key.as_str(), e)).collect()).collect();
    // Keys that only some languages have.
    for (i, source) in rest.iter().enumerate() {
        for entry in &parsed[i + 1] {
            if !index[0].contains_key(entry.key.as_str()) {
                let message = format!("not in {}; every key must exist in every language", reference.path);
                errors.push(source.error(entry.line, &entry.key, message));
            }
        }
    }
    let mut messages = Vec::new();
    for entry in &parsed[0] {
        let wanted = placeholders(entry.other());
        let mut forms = vec![entry.forms()];
        for (i, source) in rest.iter().enumerate() {
            let Some(other) = index[i + 1].get(entry.key.as_str()) else {
                let message = format!("missing; every language needs every key ({}:{} has it)", reference.path, entry.line);
                errors.push(Error { path: source.path.into(), line: None, key: Some(entry.key.clone()), message });
                continue;
            };
            for (line, text) in other.texts() {
                let found = placeholders(text);
                if found != wanted {
                    let message =
                        format!("placeholders {} differ from {} in {}:{}", list(&found), list(&wanted), reference.path, entry.line);
                    errors.push(source.error(line, &entry.key, message));
                }
            }
            forms.push(other.forms());
        }
        for (line, text) in entry.texts() {
            if placeholders(text) != wanted {
                let message = format!("placeholders {} differ from the other variants", list(&placeholders(text)));
                errors.push(reference.error(line, &entry.key, message));
            }
        }
        messages.push(Message { key: entry.key.clone(), forms });
    }
    if errors.is_empty() {
        Ok(messages)
    } else {
        Err(errors)
    }
}

/// One key of one file: its plain text or its plural variants.
struct Entry {
    key: String,
    line: usize,
    /// `(category, line, text)`; a plain text has the category `""`.
    texts: Vec<(String, usize, String)>,
}

impl Entry {
    /// The plain text or `other` variant (else the first variant, which
    /// stands in for placeholder checks while `other` is reported missing).
    fn other(&self) -> &str {
        let other = self.texts.iter().find(|(c, ..)| c.is_empty() || c == "other");
        other.or(self.texts.first()).map_or("", |(.., t)| t)
    }

    fn texts(&self) -> impl Iterator<Item = (usize, &str)> {
        self.texts.iter().map(|(_, line, t)| (*line, t.as_str()))
    }

    fn forms(&self) -> Forms {
        let variants = self.texts.iter().filter(|(c, ..)| !c.is_empty() && c != "other").map(|(c, _, t)| (c.clone(), t.clone())).collect();
        Forms { other: self.other().to_string(), variants }
    }
}

impl Source<'_> {
    fn error(&self, line: usize, key: &str, message: String) -> Error {
        Error { path: self.path.into(), line: Some(line), key: Some(key.into()), message }
    }
}

const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn parse(source: &Source<'_>, errors: &mut Vec<Error>) -> Vec<Entry> {
    let rules = plural_categories(source.tag);
    if rules.is_none() {
        let message = format!("no plural rules for the language `{}`", source.tag);
        errors.push(Error { path: source.path.into(), line: None, key: None, message });
    }
    let mut entries: Vec<Entry> = Vec::new();
    for (i, raw) in source.text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((lhs, rhs)) = trimmed.split_once('=') else {
            let message = "malformed line: expected `Key = text`, `Key.category = text` or a `#` comment".into();
            errors.push(Error { path: source.path.into(), line: Some(line), key: None, message });
            continue;
        };
        let (key, category) = match lhs.trim().split_once('.') {
            Some((k, c)) => (k, c),
            None => (lhs.trim(), ""),
        };
        let err = |message: String| source.error(line, key, message);
        if let Some(problem) = key_problem(key) {
            let message = format!("malformed line: the key `{}` {problem}", lhs.trim());
            errors.push(Error { path: source.path.into(), line: Some(line), key: None, message });
            continue;
        }
        if !category.is_empty() && !CATEGORIES.contains(&category) {
            errors.push(err(format!("unknown plural category `{category}` (CLDR has {})", CATEGORIES.join(", "))));
            continue;
        }
        if let Some(rules) = rules.filter(|r| !category.is_empty() && !r.contains(&category)) {
            let message = format!("{} has no plural category `{category}` (it uses {})", source.tag, rules.join(", "));
            errors.push(err(message));
            continue;
        }
        let text = unquote(rhs.trim());
        if text.trim().is_empty() {
            errors.push(err("empty text".into()));
            continue;
        }
        if let Err(problem) = scan_placeholders(text) {
            errors.push(err(problem));
            continue;
        }
        let entry = match entries.iter_mut().find(|e| e.key == key) {
            Some(e) => e,
            None => {
                entries.push(Entry { key: key.into(), line, texts: Vec::new() });
                entries.last_mut().expect("just pushed")
            }
        };
        if let Some((c, first, _)) = entry.texts.iter().find(|(c, ..)| c == category) {
            let what = if c.is_empty() { "text".to_string() } else { format!("variant `{key}.{c}`") };
            errors.push(err(format!("duplicate {what} (first at line {first})")));
        } else if let Some((_, first, _)) = entry.texts.iter().find(|(c, ..)| c.is_empty() != category.is_empty()) {
            errors.push(err(format!("has both a plain text and plural variants (see line {first})")));
        } else {
            entry.texts.push((category.into(), line, text.into()));
        }
    }
    for entry in &entries {
        let plural = entry.texts.iter().any(|(c, ..)| !c.is_empty());
        for wanted in rules.filter(|_| plural).unwrap_or(&[]) {
            if !entry.texts.iter().any(|(c, ..)| c == wanted) {
                let message = format!(
                    "missing plural variant `{}.{wanted}` ({} plural messages need {})",
                    entry.key,
                    source.tag,
                    rules.unwrap_or(&[]).join(", ")
                );
                errors.push(source.error(entry.line, &entry.key, message));
            }
        }
    }
    entries
}

/// Why `key` is not a usable key (a Rust enum variant name), if it is not.
fn key_problem(key: &str) -> Option<&'static str> {
    let mut chars = key.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_uppercase()) {
        Some("must start with a capital letter A–Z")
    } else if !chars.all(|c| c.is_ascii_alphanumeric()) {
        Some("may hold only letters A–Z, a–z and digits")
    } else if key == "Self" {
        Some("is reserved")
    } else {
        None
    }
}

/// Strips one pair of surrounding double quotes, which keep outer spaces.
fn unquote(text: &str) -> &str {
    match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(inner) => inner,
        None => text,
    }
}

/// The placeholder names of a text, or why its braces are malformed.
fn scan_placeholders(text: &str) -> Result<BTreeSet<&str>, String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("malformed placeholder: `}` without `{`".into());
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err("malformed placeholder: `{` without `}`".into());
        };
        let name = &after[..close];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("malformed placeholder `{{{name}}}`: use letters, digits and `_`"));
        }
        names.insert(name);
        rest = &after[close + 1..];
    }
    Ok(names)
}

fn placeholders(text: &str) -> BTreeSet<&str> {
    scan_placeholders(text).unwrap_or_default()
}

fn list(names: &BTreeSet<&str>) -> String {
    if names.is_empty() {
        return "(none)".into();
    }
    names.iter().map(|n| format!("{{{n}}}")).collect::<Vec<_>>().join(", ")
}
