//! Fuzz target: arbitrary bytes as a workbook through `juesuan import` (sniff → calamine →
//! locate → extract with every built-in mapping (export, published central and Shanghai) → write → load the written unit file). Any panic
//! is a bug; refusals are expected. The written unit file must always load.
#![no_main]

use juesuan::import::{self, mapping};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(sheets) = import::read_workbook_bytes(data) else { return };
    for builtin in mapping::Builtin::ALL {
        let mapping = builtin.mapping();
        let Ok(figures) = import::extract::extract(&sheets, &mapping) else { continue };
        let header = import::writer::Header { source: "fuzz.xls", mapping: &mapping.name, previous_source: None };
        let mut notes = Vec::new();
        if let Ok((yaml, _)) = import::unit_file(&figures, Some(&figures), &header, &mut notes) {
            juesuan::load::load_str("fuzz.yaml", &yaml).expect("an imported unit file always loads");
        }
    }
});
