//! Fuzz target: arbitrary bytes through load → derive → audit → render (both formats). Any
//! panic is a bug; errors are expected and fine.
#![no_main]

use juesuan::render::{Format, Renderer};
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
    let findings = juesuan::audit::audit(&loaded, &ctx);
    if juesuan::audit::has_errors(&findings) {
        return;
    }
    for format in [Format::Markdown, Format::Html] {
        renderer().render(&ctx, "central", format).expect("a unit without audit errors renders");
    }
});
