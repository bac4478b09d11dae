//! The integration tests, one binary (so a change relinks once). Each module tests one area;
//! `common` holds the shared helpers. Run one area with `cargo test --test it golden::`.

mod audit_profile;
mod audit_rules;
mod bad_inputs;
mod central_layouts;
mod cents;
mod cli;
mod common;
mod daily_use;
mod disclosures;
mod facts;
mod golden;
mod hostile;
mod import;
mod layouts;
mod office;
mod properties;
mod sangong_items;
mod sections;
mod seeds;
mod shanghai_prose;
mod split;
mod structure;
mod templates;
mod typst_pdf;
mod watch_faults;
mod wording;
