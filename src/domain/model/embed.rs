//! How a teacher's page embeds the app (`embed`, `tabs`, `lock`, `hide`,
//! `parent_origin`), and the locked inputs' values, kept whatever arrives.

use crate::domain::Calculator;

/// Embedding settings from the URL.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Embed {
    /// Compact: no header or language bar, no outer margin.
    pub compact: bool,
    /// Calculators offered (empty: all).
    pub tabs: Vec<Calculator>,
    /// Input keys shown read-only (`key` or `calculator.key`).
    pub lock: Vec<String>,
    /// Input keys not shown (`key` or `calculator.key`).
    pub hide: Vec<String>,
    /// The only parent origin whose messages are accepted (empty: any parent).
    pub parent_origin: Option<String>,
}

fn names(list: &[String], calc: Calculator, key: &str) -> bool {
    list.iter().any(|k| match k.split_once('.') {
        Some((c, k)) => c == calc.as_str() && k == key,
        None => k == key,
    })
}

impl Embed {
    /// Whether a calculator's tab is offered.
    pub fn offers(&self, c: Calculator) -> bool {
        self.tabs.is_empty() || self.tabs.contains(&c)
    }
    /// Whether an input key is locked (in any calculator).
    pub fn locked(&self, key: &str) -> bool {
        self.lock.iter().any(|k| k == key || k.split_once('.').is_some_and(|(_, k)| k == key))
    }
    /// Whether an input key is hidden (in any calculator).
    pub fn hidden(&self, key: &str) -> bool {
        self.hide.iter().any(|k| k == key || k.split_once('.').is_some_and(|(_, k)| k == key))
    }
    /// Whether `key` of `calc` is locked: a bare key locks it in every
    /// calculator that has it, `calculator.key` in that one only.
    pub fn locks(&self, calc: Calculator, key: &str) -> bool {
        names(&self.lock, calc, key)
    }
    /// Whether `key` of `calc` is hidden (as for [`Embed::locks`]).
    pub fn hides(&self, calc: Calculator, key: &str) -> bool {
        names(&self.hide, calc, key)
    }
}

/// Splits a comma list parameter.
pub fn list(raw: Option<&str>) -> Vec<String> {
    raw.map(|r| r.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()).unwrap_or_default()
}
