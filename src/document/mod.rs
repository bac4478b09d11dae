//! Document stage: the derived context and a profile → one [`Document`], the ordered blocks
//! (headings, prose, tables, charts, layout hints) that every writer in [`crate::write`] reads.

pub mod model;

pub use model::*;
