//! The `state` URL parameter: the calculator's whole `inputs` object as
//! base64url-encoded JSON (DESIGN §3.2), used for list inputs.
//!
//! Valid values are written as JSON numbers, exactly as in the exported
//! document. A value the user has not yet fixed is written as the string
//! they typed, so that the link reproduces the view, error included.
//! Decoding never panics; anything unreadable is an error the caller turns
//! into a notice.

use crate::domain::customer_value::{CvField, CvForm, FieldKind};
use crate::domain::delivered_value::{DvField, DvForm, HeskettField, OfferForm, MAX_OFFERS};
use crate::domain::number;
use crate::domain::satisfaction::{Instrument, ItemForm, SgForm, SurveySummary, MAX_CUSTOM_ITEMS};
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::{json, Map, Value};

/// Longest `state` value accepted (characters).
pub const MAX_STATE_CHARS: usize = 200_000;

/// Encodes a JSON value for the URL.
pub fn encode(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(v.to_string())
}

/// Decodes a `state` value (padding optional).
pub fn decode(s: &str) -> Option<Value> {
    if s.len() > MAX_STATE_CHARS {
        return None;
    }
    let s = s.trim();
    let bytes = URL_SAFE_NO_PAD.decode(s.trim_end_matches('=')).or_else(|_| URL_SAFE.decode(s)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn text_value(t: &str) -> Value {
    match number::parse(t, &number::NumberSpec::non_negative()) {
        Ok(v) => json!(v),
        Err(_) => Value::String(t.to_string()),
    }
}

fn value_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::Number(n)) => n.as_f64().map(number::plain).unwrap_or_default(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The delivered value form as an `inputs` object.
pub fn dv_to_value(form: &DvForm) -> Value {
    let offers: Vec<Value> = form
        .offers
        .iter()
        .map(|o| {
            let mut m = Map::new();
            m.insert("name".into(), Value::String(o.name.clone()));
            for f in DvField::ALL {
                m.insert(f.key().into(), text_value(o.text(f)));
            }
            let h = match &o.heskett {
                None => Value::Null,
                Some(h) => {
                    let mut hm = Map::new();
                    for f in HeskettField::ALL {
                        hm.insert(f.key().into(), text_value(&h[f as usize]));
                    }
                    Value::Object(hm)
                }
            };
            m.insert("heskett".into(), h);
            Value::Object(m)
        })
        .collect();
    json!({ "offers": offers })
}

/// Reads a delivered value form from an `inputs` object; `None` if it is
/// not one (no `offers` list, 0 or more than 10 offers, not objects).
pub fn dv_from_value(v: &Value) -> Option<DvForm> {
    let offers = v.get("offers")?.as_array()?;
    if offers.is_empty() || offers.len() > MAX_OFFERS {
        return None;
    }
    let forms = offers
        .iter()
        .map(|o| {
            let o = o.as_object()?;
            let heskett = match o.get("heskett") {
                None | Some(Value::Null) => None,
                Some(Value::Object(h)) => Some(HeskettField::ALL.map(|f| value_text(h.get(f.key())))),
                Some(_) => return None,
            };
            Some(OfferForm { name: value_text(o.get("name")), amounts: DvField::ALL.map(|f| value_text(o.get(f.key()))), heskett })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(DvForm { offers: forms })
}

/// Reads scalar inputs from an `inputs` object as URL-style text pairs
/// (numbers in their shortest form, booleans `true`/`false`).
pub fn scalar_pairs(v: &Value) -> Vec<(String, String)> {
    match v.as_object() {
        Some(m) => m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), value_text(Some(v)))).collect(),
        None => Vec::new(),
    }
}

/// The customer value form as an `inputs` object: valid values typed as in
/// the JSON document (rates as fractions), unfinished ones as typed text.
pub fn cv_to_value(form: &CvForm) -> Value {
    let mut m = Map::new();
    for &f in CvField::ALL {
        let text = form.text(f);
        let v = match (form.url_value(f), f.kind()) {
            (Some(v), FieldKind::Bool) => Value::Bool(v == "true"),
            (Some(v), FieldKind::Choice(_)) => Value::String(v),
            (Some(v), _) => v.parse::<f64>().map(|x| json!(x)).unwrap_or(Value::String(v)),
            (None, FieldKind::NullableNumber(_)) if text.trim().is_empty() => Value::Null,
            (None, _) => Value::String(text.to_string()),
        };
        m.insert(f.key().into(), v);
    }
    if let Some(c) = &form.curve {
        m.insert("retention_curve".into(), json!(c));
    }
    if let Some(l) = &form.links {
        m.insert("links".into(), Value::Object(l.clone()));
    }
    Value::Object(m)
}

/// Reads a retention curve: 1..=100 rates in 0..=1; `None` otherwise.
pub fn read_curve(v: &Value) -> Option<Vec<f64>> {
    let list = v.as_array()?;
    if list.is_empty() || list.len() > 100 {
        return None;
    }
    list.iter().map(|x| x.as_f64().filter(|r| (0.0..=1.0).contains(r))).collect()
}

/// Reads a customer value form from an `inputs` object (unknown keys are
/// ignored; a missing nullable input is null); `None` if it is not an object.
pub fn cv_from_value(v: &Value) -> Option<CvForm> {
    let o = v.as_object()?;
    let mut form = CvForm::default();
    for &f in CvField::ALL {
        match o.get(f.key()) {
            Some(Value::Null) | None if matches!(f.kind(), FieldKind::NullableNumber(_)) => form.set(f, ""),
            None => {}
            Some(x) => form.set_from_url(f, &value_text(Some(x))),
        }
    }
    form.curve = o.get("retention_curve").and_then(read_curve);
    form.links = crate::domain::customer_value::keep_links(o.get("links").and_then(Value::as_object).cloned(), form.curve.is_some());
    Some(form)
}

fn any_number(t: &str) -> Value {
    match number::parse(t, &number::NumberSpec::any()) {
        Ok(v) => json!(v),
        Err(_) => Value::String(t.to_string()),
    }
}

/// The satisfaction gap form as an `inputs` object.
pub fn sg_to_value(f: &SgForm) -> Value {
    let items: Vec<Value> = f
        .items
        .iter()
        .map(|it| {
            let mut m = Map::new();
            m.insert("id".into(), Value::String(it.id.clone()));
            if !it.label.is_empty() {
                m.insert("label".into(), Value::String(it.label.clone()));
            }
            m.insert("dimension".into(), if it.dimension.is_empty() { Value::Null } else { Value::String(it.dimension.clone()) });
            m.insert("expected".into(), any_number(&it.expected));
            m.insert("perceived".into(), any_number(&it.perceived));
            Value::Object(m)
        })
        .collect();
    let weights = match &f.weights {
        None => Value::Null,
        Some(w) => Value::Object(w.iter().map(|(d, t)| (d.clone(), any_number(t))).collect()),
    };
    let mut v = json!({
        "instrument": f.instrument.as_str(),
        "scale_min": any_number(&f.scale_min),
        "scale_max": any_number(&f.scale_max),
        "tolerance": any_number(&f.tolerance),
        "items": items,
        "dimension_weights": weights,
    });
    if let Some(s) = &f.survey {
        v["survey"] = s.to_value();
    }
    v
}

/// Reads a satisfaction gap form from an `inputs` object; `None` if it is not one.
pub fn sg_from_value(v: &Value) -> Option<SgForm> {
    let o = v.as_object()?;
    let instrument = Instrument::parse(o.get("instrument")?.as_str()?)?;
    let items = o.get("items")?.as_array()?;
    if items.is_empty() || items.len() > MAX_CUSTOM_ITEMS {
        return None;
    }
    let items = items
        .iter()
        .map(|it| {
            let it = it.as_object()?;
            Some(ItemForm {
                id: it.get("id")?.as_str()?.to_string(),
                label: value_text(it.get("label")),
                dimension: value_text(it.get("dimension")),
                expected: value_text(it.get("expected")),
                perceived: value_text(it.get("perceived")),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let weights = match o.get("dimension_weights") {
        None | Some(Value::Null) => None,
        Some(Value::Object(w)) => Some(w.iter().map(|(d, t)| (d.clone(), value_text(Some(t)))).collect()),
        Some(_) => return None,
    };
    Some(SgForm {
        instrument,
        scale_min: value_text(o.get("scale_min")),
        scale_max: value_text(o.get("scale_max")),
        tolerance: value_text(o.get("tolerance")),
        items,
        weights,
        survey: match o.get("survey") {
            None | Some(Value::Null) => None,
            Some(s) => Some(SurveySummary::from_value(s)?),
        },
        survey_errors: Vec::new(),
        survey_job: Default::default(),
        set_aside: Vec::new(),
    })
}
