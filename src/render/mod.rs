//! Output renderers: one file per format, all over the same models.

pub mod chains_human;
pub mod chains_json;
pub mod check_human;
pub mod check_json;
pub mod compare;
pub mod docs;
pub mod github;
pub mod graph;
pub mod report;
pub mod sarif;
pub mod schema;
pub mod stix;
pub mod timeline;
pub mod words;

/// How human-readable output is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use ANSI colour.
    pub color: bool,
    /// Wrap at this many columns.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            width: 100,
        }
    }
}
