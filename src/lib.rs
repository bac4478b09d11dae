//! juesuan (决算): one YAML file of a budget unit's raw final-accounts figures in, its complete
//! standard 部门决算公开 disclosure out, in Markdown, HTML, PDF and DOCX (the tables also as XLSX).
//!
//! The pipeline, one module per stage:
//! [`load`] (YAML → [`input`] types, via [`yaml`]) → [`derive`](mod@derive) (every figure, as a
//! [`derive::Context`]) and [`audit`] (the identities) → [`render`] (Tera templates → Markdown
//! and HTML, with [`pdf`] printing through Chromium) → [`output`] (atomic writes). [`cli`] and
//! [`app`] wire them to the command line, [`profile`] chooses a unit's profile and names its tables; [`batch`] runs many units in parallel, [`watch`]
//! re-renders on save, [`diff`] compares two versions, [`synth`] makes units for benchmarks.

pub mod app;
pub mod audit;
pub mod batch;
pub mod catalogue;
pub mod cli;
pub mod derive;
pub mod diff;
pub mod document;
pub mod error;
pub mod import;
pub mod input;
pub mod load;
pub mod money;
pub mod output;
pub mod pdf;
pub mod phrases;
pub mod pipeline;
pub mod profile;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod synth;
pub mod templates;
pub mod terminal;
pub mod validate;
pub mod watch;
pub mod write;
pub mod yaml;
