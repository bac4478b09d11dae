//! The JSON Schema of the input, generated from the Rust types (so it cannot drift), draft-07 for
//! yaml-language-server. Committed as `schemas/juesuan.schema.json`.

use crate::input::UnitFile;
use schemars::generate::SchemaSettings;

/// The schema as pretty-printed JSON with a trailing newline.
pub fn schema_json() -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<UnitFile>();
    let mut value = serde_json::to_value(&schema).expect("a schema always serializes");
    add_titles(&mut value);
    let mut s = serde_json::to_string_pretty(&value).expect("a schema always serializes");
    s.push('\n');
    s
}

/// Gives every described node a short Chinese title (the description up to its first pause), which
/// editors show in completion lists; the description stays for hover text.
fn add_titles(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if !map.contains_key("title")
                && let Some(d) = map.get("description").and_then(|d| d.as_str())
            {
                let mut title: String = d.chars().take_while(|c| !"，。：；".contains(*c)).collect();
                if title.matches('（').count() > title.matches('）').count() {
                    title.truncate(title.rfind('（').unwrap_or(title.len()));
                }
                let title = title.trim_end_matches("（可选）").to_string();
                if !title.is_empty() {
                    map.insert("title".into(), serde_json::Value::String(title));
                }
            }
            map.values_mut().for_each(add_titles);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(add_titles),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_schema_is_current() {
        let committed = include_str!("../schemas/juesuan.schema.json");
        assert!(
            committed == super::schema_json(),
            "schemas/juesuan.schema.json is stale: run `cargo run -- schema > schemas/juesuan.schema.json`"
        );
    }
}
