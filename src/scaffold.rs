//! `juesuan init`: a complete, commented unit file (every key, a Chinese comment on each, the
//! schema line) that passes `check` as it is.

const SCAFFOLD: &str = include_str!("scaffold.yaml");

/// The address the scaffold's `yaml-language-server` line points at, replaced by a local path.
const SCHEMA_PLACEHOLDER: &str = "https://juesuan.invalid/schemas/juesuan.schema.json";

/// The schema path `init` writes unless told otherwise: a file next to the unit file, which
/// `juesuan schema > juesuan.schema.json` creates (the scaffold's comment says so).
pub const DEFAULT_SCHEMA: &str = "juesuan.schema.json";

/// The scaffold for a unit `name` and `year`, whose schema line points at `schema`.
pub fn scaffold(name: &str, year: u16, schema: &str) -> String {
    let safe_name: String = name
        .chars()
        .filter(|c| *c != '"' && *c != '\\' && !c.is_control())
        .collect();
    SCAFFOLD
        .replace(SCHEMA_PLACEHOLDER, schema)
        .replace("{name}", &safe_name)
        .replace("{year}", &year.to_string())
        .replace("{prev}", &year.saturating_sub(1).to_string())
        .replace("{next}", &(u32::from(year) + 1).to_string())
}
