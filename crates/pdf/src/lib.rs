//! Structured documents to PDF, with an embedded, subsetted CJK font.
//!
//! Caigou publishes procurement documents and announcements as PDF files. This crate turns a
//! small structured [`Doc`] (title, headings, paragraphs, key/value lists, tables) into an A4
//! PDF whose Chinese text is drawn with a real font embedded in the file (only the glyphs the
//! document uses), so it displays the same everywhere and `pdftotext`/copy-paste return the
//! original text. Rendering is pure and deterministic: the same [`Doc`], [`Font`] and [`Meta`]
//! always give byte-identical output, because the platform stores and publishes the SHA-256 of
//! every PDF it issues. Nothing here reads the clock or uses randomness; only
//! [`Font::load_system`] and [`Font::from_file`] touch the filesystem.
//!
//! ```no_run
//! use caigou_pdf::{Block, DateTime, Doc, Font, Meta, render};
//!
//! let font = Font::load_system()?; // once per process; keep it around (cheap to clone)
//! let doc = Doc {
//!     title: "采购公告".into(),
//!     subtitle: None,
//!     blocks: vec![Block::Heading("一、项目基本情况".into()), Block::Paragraph("……".into())],
//!     footer: Some("某某市政府采购中心".into()),
//! };
//! let meta = Meta {
//!     creation_date: DateTime { year: 2025, month: 3, day: 1, hour: 9, minute: 30, second: 0, utc_offset_minutes: 480 },
//!     producer: "Caigou".into(),
//! };
//! let pdf: Vec<u8> = render(&doc, &font, &meta)?;
//! # Ok::<(), caigou_pdf::PdfError>(())
//! ```

mod font;
mod layout;
mod text;
mod writer;

use std::path::PathBuf;

pub use font::{FONT_ENV, Font};

/// A document: a title block, a sequence of content blocks and an optional footer line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    /// Shown centered and large at the top of the first page; also the PDF's `/Title`.
    pub title: String,
    /// An optional line under the title (e.g. the document number), centered and smaller.
    pub subtitle: Option<String>,
    /// The body, top to bottom.
    pub blocks: Vec<Block>,
    /// Optional text on the left of every page's footer; the page number
    /// ("第 1 页 共 3 页") is always printed on the right.
    pub footer: Option<String>,
}

/// One block of body content. Text may contain `'\n'` for explicit line breaks; tabs become
/// spaces and other control characters are dropped. Lines wrap at any CJK character (never
/// before closing or after opening punctuation) and between Latin words; a word longer than the
/// line is broken by characters. Leading spaces of a line are kept (use `"　　"`, two
/// ideographic spaces, for the customary first-line indent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading: larger, bold, kept on the same page as the start of what follows.
    Heading(String),
    /// A wrapped paragraph of body text.
    Paragraph(String),
    /// Two columns: keys on the left (muted), values on the right; both wrap.
    KeyValues(Vec<(String, String)>),
    /// A ruled table. Columns are sized to their content and fill the text width; cell text
    /// wraps. The header row (if non-empty) is shaded and repeated on every page the table
    /// spans. A row moves whole to the next page if it fits on one page; a taller row is split.
    /// Rows shorter than the widest row are padded with empty cells.
    Table {
        /// Column headings; may be empty for a table without a header row.
        header: Vec<String>,
        /// The body rows.
        rows: Vec<Vec<String>>,
    },
}

/// File metadata written to the PDF's document information dictionary (besides the title,
/// which is [`Doc::title`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// `/CreationDate` (and `/ModDate`). Supplied by the caller so output stays deterministic.
    pub creation_date: DateTime,
    /// `/Producer`, e.g. `"Caigou 0.1.0"`.
    pub producer: String,
}

/// A calendar date and wall-clock time with its offset from UTC (e.g. `480` for China
/// Standard Time). Out-of-range fields are clamped when written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateTime {
    /// Year, 0–9999.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–59.
    pub second: u8,
    /// Offset from UTC in minutes, east positive.
    pub utc_offset_minutes: i16,
}

/// Everything that can go wrong loading a font or rendering.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A font file could not be read.
    #[error("cannot read font file {path}: {source}")]
    FontIo {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The font data could not be parsed or uses an unsupported format (e.g. CFF2, bitmap-only).
    #[error("unusable font: {0}")]
    InvalidFont(String),
    /// The font could not be subsetted.
    #[error("font subsetting failed: {0}")]
    Subset(String),
}

/// Renders `doc` to a PDF file (A4 portrait) using `font` for all text.
///
/// Deterministic: equal inputs give byte-identical output. Characters the font lacks are drawn
/// with its `.notdef` glyph but still extract as the original text (via `/ActualText`).
pub fn render(doc: &Doc, font: &Font, meta: &Meta) -> Result<Vec<u8>, PdfError> {
    let face = font.face()?;
    let measure = font::FaceMeasure::new(&face);
    let pages = layout::layout(doc, &measure);
    writer::write(&pages, font, &face, &doc.title, meta)
}
