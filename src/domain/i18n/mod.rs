//! Languages and the message catalog.
//!
//! Every user-visible string of the application is a [`Msg`] with a text in
//! each [`Lang`]. The texts live in translator-editable catalog files next to
//! this module (`en.ftl`, `zh-CN.ftl`, `zh-TW.ftl`; see "Translating" in the
//! README). `build.rs` checks them with the rules of `check.rs` (every key in
//! every language, same placeholders, no empty text, required plural
//! variants) and generates `Msg`, `Msg::ALL` and the text tables, so a broken
//! catalog does not build.
//!
//! Messages about a count choose their wording with [`Msg::plural`] or
//! [`fill_count`], following the CLDR cardinal plural rules of each language.

/// A user interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese (`zh-CN`).
    ZhCn,
    /// Traditional Chinese (`zh-TW`).
    ZhTw,
    /// English (`en`).
    En,
}

impl Lang {
    /// All languages, in the order of the language selector.
    pub const ALL: [Lang; 3] = [Lang::ZhCn, Lang::ZhTw, Lang::En];

    /// The BCP 47 tag used in the `lang` URL parameter and `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::ZhTw => "zh-TW",
            Lang::En => "en",
        }
    }

    /// The language's own name, for the selector.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::ZhCn => "简体中文",
            Lang::ZhTw => "繁體中文",
            Lang::En => "English",
        }
    }

    /// Maps a BCP 47 tag to a language: `zh`, `zh-CN`, `zh-Hans`, `zh-SG` →
    /// simplified; `zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant` → traditional; `en…`
    /// → English. Anything else is `None`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let t = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = t.split('-');
        match parts.next()? {
            "en" => Some(Lang::En),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                if rest.iter().any(|p| matches!(*p, "tw" | "hk" | "mo" | "hant")) {
                    Some(Lang::ZhTw)
                } else {
                    Some(Lang::ZhCn)
                }
            }
            _ => None,
        }
    }

    /// Chooses the language: the `lang` parameter if it names one, else the
    /// first of the browser's preferred languages that does, else English.
    pub fn negotiate<S: AsRef<str>>(param: Option<&str>, preferred: &[S]) -> Lang {
        param.and_then(Lang::parse).or_else(|| preferred.iter().find_map(|p| Lang::parse(p.as_ref()))).unwrap_or(Lang::En)
    }
}

include!(concat!(env!("OUT_DIR"), "/i18n_catalog.rs"));

#[cfg(all(target_arch = "wasm32", not(feature = "embedded-catalogs")))]
mod runtime;
#[cfg(all(target_arch = "wasm32", not(feature = "embedded-catalogs")))]
pub use runtime::{install, is_installed};
#[cfg(all(target_arch = "wasm32", not(feature = "embedded-catalogs")))]
use runtime::{texts, variants};

/// Whether `lang`'s texts are available (always, where they are compiled in).
#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-catalogs"))]
pub fn is_installed(_: Lang) -> bool {
    true
}

/// A CLDR cardinal plural category used by one of the languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Plural {
    /// English singular: the integer 1 (not 1.5, not 1.0 shown with a decimal).
    One,
    /// Everything else; the only category in Chinese.
    Other,
}

impl Lang {
    /// The plural category of the count `n` in this language (CLDR cardinal
    /// rules on the absolute value): English `one` for exactly 1, `other`
    /// otherwise; Chinese always `other`. Pass `n` as it is displayed,
    /// rounded the way the display rounds it (see [`shown`]).
    pub fn plural(self, n: f64) -> Plural {
        match self {
            Lang::En if n.abs() == 1.0 => Plural::One,
            Lang::En | Lang::ZhCn | Lang::ZhTw => Plural::Other,
        }
    }

    /// Names joined as a list in this language: `A, B` in English, `A、B`
    /// in Chinese (the enumeration comma).
    pub fn list<S: AsRef<str>>(self, names: &[S]) -> String {
        let sep = if self == Lang::En { ", " } else { "、" };
        names.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(sep)
    }
}

impl Msg {
    /// The message in `lang`. For a plural message, its `other` form.
    pub fn text(self, lang: Lang) -> &'static str {
        texts(lang)[self as usize]
    }

    /// The message in `lang` worded for the count `n`: the variant of `n`'s
    /// plural category, or the plain text when the message has no variants.
    pub fn plural(self, lang: Lang, n: f64) -> &'static str {
        match lang.plural(n) {
            Plural::Other => self.text(lang),
            category => variants(lang, category).iter().find(|(m, _)| *m == self).map_or_else(|| self.text(lang), |(_, t)| t),
        }
    }
}

/// Fills a message about the count `n`: chooses its wording for `n` with
/// [`Msg::plural`], then replaces the placeholders as [`fill`] does. The
/// formatted count is one of `args`, e.g.
/// `fill_count(Msg::SgSurveyImported, lang, 1.0, &[("n", "1")])` gives
/// "1 respondent imported; …".
pub fn fill_count(msg: Msg, lang: Lang, n: f64, args: &[(&str, &str)]) -> String {
    fill(msg.plural(lang, n), args)
}

/// `n` rounded to at most `digits` fraction digits, as a number formatter
/// shows it: the count to choose a plural form by, so that 1.004 shown as
/// "1" reads "1 customer". Not a number stays not a number (`other`).
pub fn shown(n: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (n * scale).round() / scale
}

/// Replaces `{name}` placeholders in a message.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod check;
#[cfg(test)]
mod tests;
