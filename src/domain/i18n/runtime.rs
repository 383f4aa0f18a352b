//! The page's texts, read at start from its language's catalog file, so
//! that the first load carries one language instead of three. Switching
//! language reads the other catalog first (see `platform::load_catalog`).
//!
//! The files (`<tag>.txt` beside the page) are written from the checked
//! `.ftl` catalogs by `trunk-post-build.mjs`: a first line
//! `customer-value-calculator catalog <hash>`, where the hash is
//! [`CATALOG_HASH`] of the keys in catalog order; then one text a line in
//! that order (a plural message's `other` form); then, after a line `one`,
//! `index<TAB>text` for each message's `one` form. Until a catalog is
//! installed, texts come from any installed language; a file of another
//! build or with a line missing is refused whole.

use super::{Lang, Msg, Plural, CATALOG_HASH};
use std::sync::OnceLock;

struct Catalog {
    texts: Vec<&'static str>,
    one: Vec<(Msg, &'static str)>,
}

static CATALOGS: [OnceLock<Catalog>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];

fn slot(lang: Lang) -> usize {
    match lang {
        Lang::ZhCn => 0,
        Lang::ZhTw => 1,
        Lang::En => 2,
    }
}

/// Installs `lang`'s catalog from the text of its file; `false` when the
/// file is of another build or incomplete (nothing is installed then).
/// Installing twice keeps the first.
pub fn install(lang: Lang, file: &str) -> bool {
    if is_installed(lang) {
        return true;
    }
    let mut lines = file.lines();
    if lines.next() != Some(&format!("customer-value-calculator catalog {CATALOG_HASH:08x}")) {
        return false;
    }
    // The texts live as long as the page: keep the file once and slice it.
    let file: &'static str = Box::leak(file.to_string().into_boxed_str());
    let mut lines = file.lines().skip(1);
    let texts: Vec<&'static str> = lines.by_ref().take(Msg::ALL.len()).collect();
    if texts.len() != Msg::ALL.len() || lines.next() != Some("one") {
        return false;
    }
    let mut one = Vec::new();
    for line in lines {
        let Some((index, text)) = line.split_once('\t') else { return false };
        let Some(&msg) = index.parse::<usize>().ok().and_then(|i| Msg::ALL.get(i)) else { return false };
        one.push((msg, text));
    }
    let _ = CATALOGS[slot(lang)].set(Catalog { texts, one });
    true
}

/// Whether `lang`'s catalog is installed.
pub fn is_installed(lang: Lang) -> bool {
    CATALOGS[slot(lang)].get().is_some()
}

fn catalog(lang: Lang) -> Option<&'static Catalog> {
    CATALOGS[slot(lang)].get().or_else(|| CATALOGS.iter().find_map(OnceLock::get))
}

/// The texts in `lang`, indexed by `Msg as usize` (empty before any catalog).
pub(super) fn texts(lang: Lang) -> &'static [&'static str] {
    static EMPTY: OnceLock<Vec<&'static str>> = OnceLock::new();
    match catalog(lang) {
        Some(c) => &c.texts,
        None => EMPTY.get_or_init(|| vec![""; Msg::ALL.len()]),
    }
}

/// The plural variants of `category` in `lang`.
pub(super) fn variants(lang: Lang, category: Plural) -> &'static [(Msg, &'static str)] {
    match (catalog(lang), category) {
        (Some(c), Plural::One) => &c.one,
        _ => &[],
    }
}
