//! The JSON Schema of the input, generated from the Rust types (so it cannot drift), draft-07 for
//! yaml-language-server. Committed as `schemas/juesuan.schema.json`.

use crate::input::UnitFile;
use schemars::generate::SchemaSettings;

/// The schema as pretty-printed JSON with a trailing newline.
pub fn schema_json() -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<UnitFile>();
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    s.push('\n');
    s
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
