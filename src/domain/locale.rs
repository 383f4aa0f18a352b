//! Numbers as `Intl.NumberFormat` prints them for the app's three languages
//! and seven currencies, without `Intl`: the page's first render uses this
//! (creating the first `Intl.NumberFormat` loads the locale's data, 20–60 ms
//! here and 90–190 ms on a 4× slower CPU), then the page switches to `Intl`
//! when it is idle; the two agree, so nothing on screen changes. It is also
//! the formatter of a browser without `Intl`. `tests/locale_format.rs` pins
//! it against Chromium's output (`tests/common/intl_chromium.json`).
//!
//! The rules, as ICU applies them in these locales: the shortest decimal
//! that reads back as the value, rounded half away from zero to the
//! style's fraction digits; `,` every three integer digits and `.` before the
//! fraction; a minus sign for any negative value, even one that rounds to
//! zero (and for −0); the currency's symbol before the number, after the
//! sign; `%` after a percentage, which is the decimal moved two places.

use crate::domain::i18n::Lang;
use crate::domain::Currency;

/// The five number styles of the app (`IntlFormat`'s formatters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Money, 0 to 2 decimals (`$1,768,000`, `$5.9`).
    Money,
    /// Money with the currency's minor units (`$5.90`, `¥6`).
    MoneyMinor,
    /// A count or quantity, up to 2 decimals.
    Count,
    /// A fraction as a percentage, up to 2 decimals (`12.5%`).
    Percent,
    /// A ratio, up to 4 decimals.
    Ratio,
}

/// The currency's symbol in `lang`, as CLDR gives it.
pub fn currency_symbol(lang: Lang, currency: Currency) -> &'static str {
    match (currency, lang) {
        (Currency::Cny, Lang::ZhCn) => "¥",
        (Currency::Cny, _) => "CN¥",
        (Currency::Usd, Lang::En) => "$",
        (Currency::Usd, _) => "US$",
        (Currency::Eur, _) => "€",
        (Currency::Twd, Lang::ZhTw) => "$",
        (Currency::Twd, _) => "NT$",
        (Currency::Hkd, _) => "HK$",
        (Currency::Jpy, Lang::ZhCn) => "JP¥",
        (Currency::Jpy, _) => "¥",
        (Currency::Gbp, _) => "£",
    }
}

/// `v` in `style`, as `Intl.NumberFormat` prints it in `lang` (money in
/// `currency`).
pub fn format(v: f64, style: Style, lang: Lang, currency: Currency) -> String {
    let (min, max) = match style {
        Style::Money => (0, 2),
        Style::MoneyMinor if currency == Currency::Jpy => (0, 0),
        Style::MoneyMinor => (2, 2),
        Style::Count | Style::Percent => (0, 2),
        Style::Ratio => (0, 4),
    };
    let body = if v.is_nan() {
        // CLDR's "not a number" (zh-Hant has its own word).
        if lang == Lang::ZhTw { "非數值" } else { "NaN" }.to_string()
    } else if v.is_infinite() {
        "∞".to_string()
    } else {
        decimal(v.abs(), if style == Style::Percent { 2 } else { 0 }, min, max)
    };
    let mut out = String::with_capacity(body.len() + 6);
    if v.is_sign_negative() && !v.is_nan() {
        out.push('-');
    }
    if matches!(style, Style::Money | Style::MoneyMinor) {
        out.push_str(currency_symbol(lang, currency));
    }
    out.push_str(&body);
    if style == Style::Percent {
        out.push('%');
    }
    out
}

/// A finite, non-negative `v` times 10^`shift`, rounded half away from zero
/// to at most `max` decimals, at least `min` kept, the integer grouped.
fn decimal(v: f64, shift: usize, min: usize, max: usize) -> String {
    // The shortest decimal that reads back as `v`, as ICU takes it: Rust's
    // `Display` of an `f64` is that decimal, written out without exponent.
    let text = v.to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b.wrapping_sub(b'0')).collect();
    let mut int_len = int.len() + shift;
    if digits.len() < int_len {
        digits.resize(int_len, 0);
    }
    // Round half away from zero at `max` decimals (the digits are the exact
    // decimal, so the first dropped digit decides).
    let keep = int_len + max;
    if digits.len() > keep {
        let up = digits[keep] >= 5;
        digits.truncate(keep);
        if up && increment(&mut digits) {
            int_len += 1;
        }
    }
    // No leading zeros but one ("0.5", and "12.5" for a shifted "0.125").
    let lead = digits[..int_len - 1].iter().take_while(|d| **d == 0).count();
    digits.drain(..lead);
    let (int, frac) = digits.split_at(int_len - lead);
    let mut frac: Vec<u8> = frac.to_vec();
    while frac.len() > min && frac.last() == Some(&0) {
        frac.pop();
    }
    frac.resize(frac.len().max(min), 0);
    let mut out = String::with_capacity(int.len() + int.len() / 3 + frac.len() + 1);
    for (i, d) in int.iter().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(char::from(b'0' + d));
    }
    if !frac.is_empty() {
        out.push('.');
        out.extend(frac.iter().map(|d| char::from(b'0' + d)));
    }
    out
}

/// Adds one in the last place; `true` when that made a new leading digit.
fn increment(digits: &mut Vec<u8>) -> bool {
    for d in digits.iter_mut().rev() {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            return false;
        }
    }
    digits.insert(0, 1);
    true
}
