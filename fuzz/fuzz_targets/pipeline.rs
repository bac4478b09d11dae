//! Fuzz target: arbitrary bytes through load → derive → document → audit → render (both
//! formats), as `check` and `render` run them. Any panic is a bug; errors are expected and fine.
#![no_main]

use juesuan::render::{Format, RenderError, Renderer};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(|| Renderer::new(None).expect("built-in templates parse"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = juesuan::yaml::decode(data) else { return };
    let Ok(loaded) = juesuan::load::load_str("fuzz.yaml", text) else { return };
    let ctx = juesuan::derive::derive(&loaded);
    // As `check` and `render` do: the document first. Settings asking for what the built-in
    // templates do not have (a table or section variant, a table order) are the unit's error,
    // told with its line; any other failure of the built-in templates is a bug.
    let document = match renderer().document(&ctx, "central") {
        Ok(d) => d,
        Err(RenderError::Settings(m)) => {
            assert!(m.contains("settings."), "a settings error names its key: {m}");
            return;
        }
        Err(e) => panic!("the built-in templates fail on a loaded unit: {e}"),
    };
    let printed = renderer().printed(&document, &ctx, "central");
    let findings = juesuan::audit::audit_with(&loaded, &ctx, &printed);
    if juesuan::audit::has_errors(&findings) {
        return;
    }
    for format in [Format::Markdown, Format::Html] {
        renderer().render(&ctx, "central", format).expect("a unit without audit errors renders");
    }
});
