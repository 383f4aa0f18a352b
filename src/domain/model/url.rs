//! The URL of a view (DESIGN §3.2), read and written for every calculator
//! from its declared inputs: `calc`, `lang`, `currency`, every scalar input
//! by its key, `state` for list inputs and scenarios, and the embedding
//! parameters.

use super::embed::{list, Embed};
use super::{Model, Notice};
use crate::domain::calc::{InputDecl, InputKind};
use crate::domain::i18n::Lang;
use crate::domain::slot::AnySlot;
use crate::domain::{number, query, state, Calculator, Currency};

impl Model {
    /// Builds the model from a URL query and the browser's preferred
    /// languages. Unknown or bad values fall back (calculator, language,
    /// currency) or stay visible with their error (inputs); nothing panics.
    pub fn from_query<S: AsRef<str>>(query_string: &str, preferred: &[S]) -> Model {
        let pairs = query::parse(query_string);
        let lang = Lang::negotiate(query::get(&pairs, "lang"), preferred);
        let mut m = Model::new(lang);
        if let Some(c) = query::get(&pairs, "calc").and_then(Calculator::parse) {
            m.calc = c;
        }
        m.embed = Embed {
            compact: query::get(&pairs, "embed").is_some_and(|v| v == "1" || v == "true"),
            tabs: list(query::get(&pairs, "tabs")).iter().filter_map(|t| Calculator::parse(t)).collect(),
            lock: list(query::get(&pairs, "lock")),
            hide: list(query::get(&pairs, "hide")),
            parent_origin: query::get(&pairs, "parent_origin").map(str::to_string).filter(|o| !o.is_empty()),
        };
        if !m.embed.offers(m.calc) {
            m.calc = m.embed.tabs[0];
        }
        m.currency_choice = query::get(&pairs, "currency").and_then(Currency::parse);
        let decls = m.slot().decls();
        m.url_has_inputs = pairs.iter().any(|(k, _)| k == "state" || decls.iter().any(|d| d.key == k));
        // `state` carries the whole inputs object of the calculator shown;
        // scalar parameters override it.
        if let Some(raw) = query::get(&pairs, "state") {
            let ok = match state::decode(raw) {
                Some(v) => m.slot_mut().load_state(&v, lang),
                None => false,
            };
            if !ok {
                m.notice = Some(Notice::BadState);
            }
        }
        for d in decls {
            if let Some(raw) = query::get(&pairs, d.key) {
                m.slot_mut().set_scalar(d.key, raw);
            }
        }
        m.remember_locks();
        m
    }

    /// The query string that reproduces this view (without `?`). Valid
    /// inputs are written as JSON values (rates as fractions); an invalid
    /// one is written as typed, so the link shows the same error.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = vec![("calc", self.calc.as_str().to_string()), ("lang", self.lang.tag().to_string())];
        if let Some(c) = self.currency_choice {
            pairs.push(("currency", c.code().to_string()));
        }
        let slot = self.slot();
        for d in slot.decls() {
            let text = slot.scalar_text(d.key).unwrap_or_default();
            let absent = text.trim().is_empty() && matches!(d.kind, InputKind::NullableNumber(_) | InputKind::Date);
            if slot.scalar_value(d.key).is_some() || !absent {
                pairs.push((d.key, url_value(slot, d)));
            }
        }
        // `state`: only when the inputs hold more than the scalars (lists,
        // scenarios).
        let v = slot.state_value();
        let extra = v.as_object().is_some_and(|o| o.keys().any(|k| !slot.decls().iter().any(|d| d.key == k)));
        if extra {
            pairs.push(("state", state::encode(&v)));
        }
        let e = &self.embed;
        if e.compact {
            pairs.push(("embed", "1".into()));
        }
        for (key, items) in [
            ("tabs", e.tabs.iter().map(|c| c.as_str().to_string()).collect::<Vec<_>>()),
            ("lock", e.lock.clone()),
            ("hide", e.hide.clone()),
        ] {
            if !items.is_empty() {
                pairs.push((key, items.join(",")));
            }
        }
        if let Some(o) = &e.parent_origin {
            pairs.push(("parent_origin", o.clone()));
        }
        query::encode(&pairs)
    }
}

/// A scalar input as the URL carries it (and as a lock keeps it): its JSON
/// value (rates as fractions) when valid; else the text as typed, a
/// percentage's plain number with its `%` (a URL's bare number is a
/// fraction), so that reading it back gives the same text and error.
pub(super) fn url_value(slot: &dyn AnySlot, d: &InputDecl) -> String {
    if let Some(v) = slot.scalar_value(d.key) {
        return v;
    }
    let text = slot.scalar_text(d.key).unwrap_or_default();
    if matches!(d.kind, InputKind::Number(s) | InputKind::NullableNumber(s) if s.percent) {
        number::invalid_percent_url_text(&text)
    } else {
        text
    }
}
