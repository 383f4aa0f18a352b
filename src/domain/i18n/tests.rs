use super::check::{self, Source};
use super::*;

const CATALOGS: [(&str, &str, &str); 3] = [
    ("en", "en.ftl", include_str!("en.ftl")),
    ("zh-CN", "zh-CN.ftl", include_str!("zh-CN.ftl")),
    ("zh-TW", "zh-TW.ftl", include_str!("zh-TW.ftl")),
];

fn placeholders(s: &str) -> Vec<String> {
    let mut out: Vec<String> = s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(k, _)| k.to_string())).collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_key_has_every_language_with_the_same_placeholders() {
    for &m in Msg::ALL {
        let en = placeholders(m.text(Lang::En));
        for lang in Lang::ALL {
            for n in [0.0, 1.0, 2.0] {
                let t = m.plural(lang, n);
                assert!(!t.trim().is_empty(), "{m:?} is empty in {lang:?}");
                assert_eq!(placeholders(t), en, "{m:?} placeholders differ in {lang:?} for {n}");
            }
        }
    }
}

#[test]
fn the_generated_tables_are_the_checked_catalog_files() {
    let sources: Vec<Source<'_>> = CATALOGS.iter().map(|&(tag, path, text)| Source { tag, path, text }).collect();
    let messages = check::check(&sources).unwrap_or_else(|e| panic!("{}", e[0]));
    assert_eq!(messages.len(), Msg::ALL.len());
    for (m, &msg) in messages.iter().zip(Msg::ALL) {
        assert_eq!(m.key, format!("{msg:?}"));
        for (forms, lang) in m.forms.iter().zip([Lang::En, Lang::ZhCn, Lang::ZhTw]) {
            assert_eq!(forms.other, msg.text(lang));
            for (category, text) in &forms.variants {
                assert_eq!(category, "one", "{msg:?}");
                assert_eq!(text, msg.plural(lang, 1.0));
            }
        }
    }
}

#[test]
fn plural_categories_follow_cldr() {
    let en: Vec<Plural> = [0.0, 1.0, 1.5, 2.0, -1.0, f64::NAN].iter().map(|&n| Lang::En.plural(n)).collect();
    use Plural::{One, Other};
    assert_eq!(en, [Other, One, Other, Other, One, Other]);
    for lang in [Lang::ZhCn, Lang::ZhTw] {
        for n in [0.0, 1.0, 1.5, 2.0] {
            assert_eq!(lang.plural(n), Other);
        }
    }
    // The runtime rules use only the categories the checker demands.
    for lang in Lang::ALL {
        let allowed = check::plural_categories(lang.tag()).expect("rules for every language");
        for n in [0.0, 1.0, 1.5, 2.0, 21.0] {
            let name = format!("{:?}", lang.plural(n)).to_lowercase();
            assert!(allowed.contains(&name.as_str()), "{lang:?} {n}");
        }
    }
}

#[test]
fn plural_messages_read_right_for_one_and_many() {
    let gained = |lang, n: f64| fill_count(Msg::WomGained, lang, n, &[("people", &n.to_string()), ("value", "¥5")]);
    assert_eq!(gained(Lang::En, 0.0), "A satisfied customer brings in 0 new customers, worth ¥5.");
    assert_eq!(gained(Lang::En, 1.0), "A satisfied customer brings in 1 new customer, worth ¥5.");
    assert_eq!(gained(Lang::En, 1.5), "A satisfied customer brings in 1.5 new customers, worth ¥5.");
    assert_eq!(gained(Lang::En, 2.0), "A satisfied customer brings in 2 new customers, worth ¥5.");
    assert_eq!(gained(Lang::ZhCn, 1.0), "一位满意的客户带来 1 位新客户，价值 ¥5。");
    let imported = |n: u64| fill_count(Msg::SgSurveyImported, Lang::En, n as f64, &[("n", &n.to_string())]);
    assert_eq!(imported(1), "1 respondent imported; the ratings are now the survey means.");
    assert_eq!(imported(30), "30 respondents imported; the ratings are now the survey means.");
    assert_eq!(Msg::DvOfferCount.plural(Lang::En, 1.0), "{n} offer (at most 10)");
    assert_eq!(Msg::DvOfferCount.plural(Lang::En, 3.0), "{n} offers (at most 10)");
    // A message without variants falls back to its plain text.
    assert_eq!(Msg::AppName.plural(Lang::En, 1.0), Msg::AppName.text(Lang::En));
    // The count is taken as displayed.
    assert_eq!(shown(1.004, 2), 1.0);
    assert_eq!(shown(1.005_1, 2), 1.01);
    assert!(shown(f64::NAN, 2).is_nan());
}

/// The checker's errors for three small catalogs, as build.rs prints them.
fn errors(en: &str, cn: &str, tw: &str) -> Vec<String> {
    let sources = [
        Source { tag: "en", path: "en.ftl", text: en },
        Source { tag: "zh-CN", path: "zh-CN.ftl", text: cn },
        Source { tag: "zh-TW", path: "zh-TW.ftl", text: tw },
    ];
    match check::check(&sources) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn the_checker_accepts_a_good_catalog() {
    let en = "# comment\n\nA = Hello {name}\nB.one = {n} day\nB.other = {n} days\nC = \" (copy)\"\n";
    let zh = "A = 你好 {name}\nB = {n} 天\nC.other = （副本）\n";
    assert_eq!(errors(en, zh, zh), Vec::<String>::new());
    let sources = [Source { tag: "en", path: "en.ftl", text: en }];
    let messages = check::check(&sources).unwrap_or_else(|_| panic!("valid"));
    let c = &messages[2].forms[0];
    assert_eq!((messages[2].key.as_str(), c.other.as_str()), ("C", " (copy)"));
    let b = &messages[1].forms[0];
    assert_eq!((b.other.as_str(), &b.variants[..]), ("{n} days", &[("one".to_string(), "{n} day".to_string())][..]));
}

#[test]
fn the_checker_refuses_a_missing_key() {
    let en = "A = One\nB = Two\n";
    assert_eq!(
        errors(en, "A = 一\nB = 二\n", "A = 一\n"),
        ["zh-TW.ftl: key `B`: missing; every language needs every key (en.ftl:2 has it)"]
    );
}

#[test]
fn the_checker_refuses_a_key_in_only_one_language() {
    assert_eq!(
        errors("A = One\n", "A = 一\nStray = 多\n", "A = 一\n"),
        ["zh-CN.ftl:2: key `Stray`: not in en.ftl; every key must exist in every language"]
    );
}

#[test]
fn the_checker_refuses_different_placeholders() {
    assert_eq!(
        errors("A = {n} of {total}\n", "A = {n} / {count}\n", "A = {total} {n}\n"),
        ["zh-CN.ftl:1: key `A`: placeholders {count}, {n} differ from {n}, {total} in en.ftl:1"]
    );
    assert_eq!(
        errors("A.one = one\nA.other = {n}\n", "A = {n}\n", "A = {n}\n"),
        ["en.ftl:1: key `A`: placeholders (none) differ from the other variants"]
    );
}

#[test]
fn the_checker_refuses_empty_texts_and_malformed_lines() {
    assert_eq!(
        errors("A = \nB = \"\"\nC\nlower = x\nD.dual = x\nE = {oops\nF = a}\nG = {a b}\n", "", ""),
        [
            "en.ftl:1: key `A`: empty text",
            "en.ftl:2: key `B`: empty text",
            "en.ftl:3: malformed line: expected `Key = text`, `Key.category = text` or a `#` comment",
            "en.ftl:4: malformed line: the key `lower` must start with a capital letter A–Z",
            "en.ftl:5: key `D`: unknown plural category `dual` (CLDR has zero, one, two, few, many, other)",
            "en.ftl:6: key `E`: malformed placeholder: `{` without `}`",
            "en.ftl:7: key `F`: malformed placeholder: `}` without `{`",
            "en.ftl:8: key `G`: malformed placeholder `{a b}`: use letters, digits and `_`",
        ]
    );
    assert_eq!(
        errors("A = x\nA = y\nB.one = b\nB = c\n", "", "")[..2],
        [
            "en.ftl:2: key `A`: duplicate text (first at line 1)",
            "en.ftl:4: key `B`: has both a plain text and plural variants (see line 3)"
        ]
    );
}

#[test]
fn the_checker_refuses_missing_or_foreign_plural_categories() {
    assert_eq!(
        errors("A.other = {n} days\n", "A.one = {n} 天\nA.other = {n} 天\n", "A = {n} 天\n"),
        [
            "en.ftl:1: key `A`: missing plural variant `A.one` (en plural messages need one, other)",
            "zh-CN.ftl:1: key `A`: zh-CN has no plural category `one` (it uses other)",
        ]
    );
    assert_eq!(
        errors("A.one = {n} day\n", "A = {n} 天\n", "A = {n} 天\n"),
        ["en.ftl:1: key `A`: missing plural variant `A.other` (en plural messages need one, other)"]
    );
}

#[test]
fn lists_use_each_languages_separator() {
    assert_eq!(Lang::En.list(&["Ours", "Rival B"]), "Ours, Rival B");
    assert_eq!(Lang::ZhCn.list(&["我方", "对手"]), "我方、对手");
    assert_eq!(Lang::ZhTw.list(&["我方"]), "我方");
    assert_eq!(Lang::En.list::<&str>(&[]), "");
}
