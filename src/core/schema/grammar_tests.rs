//! The one-pass checker (in `seismic-hotpath`) reads exactly what `Json::parse` reads.

use seismic_hotpath::schema::is_json as reads;

use crate::core::json::Json;

#[test]
fn the_grammar_is_that_of_json_parse() {
    let cases = [
        r#"{"a":1}"#,
        r#"{"a":01}"#,
        r#"{"a":1.}"#,
        r#"{"a":-}"#,
        r#"{"a":-0}"#,
        r#"{"a":+1}"#,
        r#"{"a":.5}"#,
        r#"{"a":1e}"#,
        r#"{"a":1E+2}"#,
        r#"{"a":1e-07}"#,
        r#"{"a":"\x"}"#,
        r#"{"a":"\ud800"}"#,
        r#"{"a":"\ud800\u0041"}"#,
        r#"{"a":"\udc00"}"#,
        r#"{"a":"\ud83d\ude00"}"#,
        r#"{"a":"\uD83D\uDE00"}"#,
        r#"{"a":"\u00e9\u0000"}"#,
        r#"{"a":"\u00g0"}"#,
        r#"{"a":"\u00"}"#,
        r#"{"a":"\/\b\f\n\r\t\"\\"}"#,
        r#"{"a":"\'"}"#,
        r#"{"a":[1,]}"#,
        r#"{"a":1,}"#,
        r#"{"a" 1}"#,
        r#"{"a":1 "b":2}"#,
        r#"{a:1}"#,
        "{\"a\":\"\t\"}",
        "{\"a\":\"\u{7f}é😀\"}",
        "{\"a\":\"\u{1f}\"}",
        r#"{"a":tru}"#,
        r#"{"a":truex}"#,
        r#"{"a":{}} x"#,
        r#"[1]"#,
        r#"[1 2]"#,
        r#"[,]"#,
        r#""s""#,
        r#""s"#,
        r#"{"a":1e5,"b":[[],{}]}"#,
        r#"{"a":-0.5E-3}"#,
        "",
        " ",
        "{",
        "}",
        "\u{feff}{}",
        " \t\r\n{ \"a\" : [ 1 , 2 ] } \n",
        r#"{"a":nul}"#,
        "nulll",
        "0",
        "-",
        "1.5e+",
        r#""0123456789abcdef\"0123456789abcdef""#,
        "\"0123456789abcdef\u{1}0123\"",
    ];
    for case in cases {
        assert_eq!(reads(case), Json::parse(case).is_some(), "{case:?}");
    }
}

#[test]
fn the_nesting_bound_is_that_of_json_parse() {
    for depth in 125..=132 {
        for inner in ["", "1", "\"s\"", "{}", "null"] {
            let text = format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth));
            assert_eq!(
                reads(&text),
                Json::parse(&text).is_some(),
                "{depth} {inner}"
            );
            let text = format!("{}{inner}{}", "{\"a\":[".repeat(depth), "]}".repeat(depth));
            assert_eq!(
                reads(&text),
                Json::parse(&text).is_some(),
                "{depth} {inner}"
            );
        }
    }
}
