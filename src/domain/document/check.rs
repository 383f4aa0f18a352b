//! Shared checks of imported JSON: each reports problems with their paths.
//! Calculators build their `inputs` checks from these and from their
//! declarations ([`check_scalars`]).

use super::{ImportError, ImportKind};
use crate::domain::calc::{InputDecl, InputKind};
use crate::domain::name::check_name;
use crate::domain::number::{InputError, NumberSpec};
use serde_json::{Map, Value};

pub(crate) fn number(v: &Value, spec: &NumberSpec, path: String, errs: &mut Vec<ImportError>) {
    match v.as_f64() {
        Some(x) => {
            if let Err(e) = spec.check(x) {
                errs.push(ImportError::new(path, ImportKind::Value(e)));
            }
        }
        None => errs.push(ImportError::new(path, ImportKind::NotNumber)),
    }
}

pub(crate) fn object<'a>(v: &'a Value, path: &str, errs: &mut Vec<ImportError>) -> Option<&'a Map<String, Value>> {
    let o = v.as_object();
    if o.is_none() {
        errs.push(ImportError::new(path, ImportKind::NotObject));
    }
    o
}

pub(crate) fn unknown_keys(o: &Map<String, Value>, known: &[&str], path: &str, errs: &mut Vec<ImportError>) {
    for k in o.keys() {
        if !known.contains(&k.as_str()) {
            errs.push(ImportError::new(format!("{path}.{k}"), ImportKind::UnknownKey));
        }
    }
}

/// Checks a `name` (offer or scenario): text of 1 to 60 characters.
pub(crate) fn check_name_value(v: Option<&Value>, parent: &str, errs: &mut Vec<ImportError>) {
    let path = format!("{parent}.name");
    match v {
        Some(Value::String(n)) => {
            if let Err(e) = check_name(n) {
                errs.push(ImportError::new(path, ImportKind::Name(e)));
            }
        }
        Some(_) => errs.push(ImportError::new(path, ImportKind::NotText)),
        None => errs.push(ImportError::new(path, ImportKind::Missing)),
    }
}

/// Checks the declared scalar inputs of an `inputs` object: presence, type
/// and range, all from the declarations (nullable inputs may be absent).
pub(crate) fn check_scalars(decls: &[InputDecl], o: &Map<String, Value>, path: &str, errs: &mut Vec<ImportError>) {
    for d in decls {
        let p = format!("{path}.{}", d.key);
        match (d.kind, o.get(d.key)) {
            (InputKind::NullableNumber(_) | InputKind::Date, None | Some(Value::Null)) => {}
            (InputKind::Date, Some(v)) => match v.as_str() {
                Some(s) => {
                    if let Err(e) = crate::domain::number::iso_date(s) {
                        errs.push(ImportError::new(p, ImportKind::Value(e)));
                    }
                }
                None => errs.push(ImportError::new(p, ImportKind::NotText)),
            },
            (_, None) => errs.push(ImportError::new(p, ImportKind::Missing)),
            (InputKind::Number(mut spec) | InputKind::NullableNumber(mut spec), Some(v)) => {
                spec.percent = false;
                number(v, &spec, p, errs);
            }
            (InputKind::Choice(options), Some(v)) => match v.as_str() {
                Some(s) if options.contains(&s) => {}
                Some(_) => errs.push(ImportError::new(p, ImportKind::Value(InputError::unknown_choice()))),
                None => errs.push(ImportError::new(p, ImportKind::NotText)),
            },
            (InputKind::Bool, Some(v)) => {
                if !v.is_boolean() {
                    errs.push(ImportError::new(p, ImportKind::NotBool));
                }
            }
        }
    }
}

/// A number in a range, for list parts (offers, items, weights).
pub(crate) fn check_number(v: Option<&Value>, spec: &NumberSpec, path: String, errs: &mut Vec<ImportError>) {
    match v {
        Some(v) => number(v, spec, path, errs),
        None => errs.push(ImportError::new(path, ImportKind::Missing)),
    }
}
