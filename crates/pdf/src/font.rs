//! Loading a font face and measuring text with it.

use std::path::Path;
use std::sync::Arc;

use ttf_parser::{Face, GlyphId, Tag};

use crate::PdfError;
use crate::layout::Measure;

/// Environment variable that overrides [`Font::load_system`]: a path, optionally followed by
/// `:index` to pick a face in a collection (`.ttc`).
pub const FONT_ENV: &str = "CAIGOU_PDF_FONT";

/// Where [`Font::load_system`] looks, in order (Debian/Ubuntu package paths first).
const SYSTEM_FONTS: &[&str] = &[
    // fonts-noto-cjk (Debian/Ubuntu); Noto Serif is the Song style customary for official documents.
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    // Fedora / Arch layouts of the same fonts.
    "/usr/share/fonts/google-noto-serif-cjk-fonts/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    // fonts-wqy-zenhei, fonts-wqy-microhei, fonts-arphic-* (TrueType outlines).
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
];

/// Which outline format the face uses; decides how it is embedded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outlines {
    /// `CFF ` table: embedded as CIDFontType0 with the bare CFF program (FontFile3/CIDFontType0C).
    Cff,
    /// `glyf` table: embedded as CIDFontType2 (FontFile2).
    TrueType,
}

/// A parsed font face: the whole font file (shared, cheap to clone) plus the face index.
///
/// Load it once per process and reuse it; rendering re-reads only the tables it needs.
#[derive(Clone)]
pub struct Font {
    data: Arc<Vec<u8>>,
    index: u32,
    family: String,
    postscript_name: String,
    outlines: Outlines,
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font").field("family", &self.family).field("index", &self.index).field("bytes", &self.data.len()).finish()
    }
}

impl Font {
    /// Parses face `index` of an OpenType/TrueType font or collection. The face must have
    /// Unicode `cmap` and either CFF or TrueType outlines (CFF2 variable fonts are rejected).
    pub fn from_bytes(data: Vec<u8>, index: u32) -> Result<Font, PdfError> {
        let face = Face::parse(&data, index).map_err(|e| PdfError::InvalidFont(format!("face {index}: {e}")))?;
        let raw = face.raw_face();
        let outlines = if raw.table(Tag::from_bytes(b"CFF ")).is_some() {
            Outlines::Cff
        } else if raw.table(Tag::from_bytes(b"glyf")).is_some() {
            Outlines::TrueType
        } else {
            return Err(PdfError::InvalidFont(format!("face {index} has neither CFF nor TrueType outlines")));
        };
        if face.tables().cmap.is_none() || (face.glyph_index('0').is_none() && face.glyph_index('中').is_none()) {
            return Err(PdfError::InvalidFont(format!("face {index} has no usable Unicode cmap")));
        }
        let family = name(&face, &[16, 1]).unwrap_or_default();
        let postscript_name = name(&face, &[6]).unwrap_or_else(|| family.clone());
        Ok(Font { data: Arc::new(data), index, family, postscript_name, outlines })
    }

    /// Reads a font file. With `index: None`, picks the Simplified Chinese face of a collection
    /// (the first whose family name ends in " SC"; index 2 in Noto CJK), else face 0.
    pub fn from_file(path: &Path, index: Option<u32>) -> Result<Font, PdfError> {
        let data = std::fs::read(path).map_err(|source| PdfError::FontIo { path: path.to_owned(), source })?;
        let index = index.unwrap_or_else(|| sc_face_index(&data));
        Font::from_bytes(data, index)
    }

    /// Loads the system's CJK font: `$CAIGOU_PDF_FONT` (`path` or `path:index`) if set (an
    /// unusable file there is an error, not a fallback), else the first existing file among
    /// Noto Serif CJK, Noto Sans CJK, WenQuanYi and AR PL fonts in the usual Debian/Fedora/Arch
    /// locations, using its Simplified Chinese face.
    ///
    /// Without any, the bundled subset of Noto Serif CJK SC ([`Font::bundled`]), so documents
    /// render on a machine with no fonts installed.
    pub fn load_system() -> Result<Font, PdfError> {
        Font::load_system_under(Path::new("/"))
    }

    /// [`Font::load_system`] with the system font paths looked up under `root` instead of `/`
    /// (tests point it at an empty directory).
    pub fn load_system_under(root: &Path) -> Result<Font, PdfError> {
        if let Some(spec) = std::env::var_os(FONT_ENV).filter(|v| !v.is_empty()) {
            let spec = spec.to_string_lossy().into_owned();
            let (path, index) = match spec.rsplit_once(':') {
                Some((p, i)) if i.parse::<u32>().is_ok() => (p.to_owned(), i.parse().ok()),
                _ => (spec, None),
            };
            return Font::from_file(Path::new(&path), index);
        }
        let candidates = SYSTEM_FONTS.iter().map(|p| root.join(p.trim_start_matches('/')));
        for path in candidates.filter(|p| p.is_file()) {
            // A damaged system font is passed over like a missing one.
            if let Ok(font) = Font::from_file(&path, None) {
                return Ok(font);
            }
        }
        Font::bundled()
    }

    /// The subset of Noto Serif CJK SC compiled into the crate (GB 2312 and the usual
    /// punctuation; `fonts/README.md`, SIL OFL 1.1).
    pub fn bundled() -> Result<Font, PdfError> {
        static BUNDLED: &[u8] = include_bytes!("../fonts/NotoSerifSC-GB2312.otf");
        Font::from_bytes(BUNDLED.to_vec(), 0)
    }

    /// The face's family name, e.g. `"Noto Serif CJK SC"`.
    pub fn family(&self) -> &str {
        &self.family
    }

    /// The face index within the font file (0 for a plain `.ttf`/`.otf`).
    pub fn index(&self) -> u32 {
        self.index
    }

    /// Whether the font has a glyph for `c`. Characters without one render as `.notdef`.
    pub fn has_char(&self, c: char) -> bool {
        self.face().is_ok_and(|f| f.glyph_index(c).is_some())
    }

    pub(crate) fn data(&self) -> &[u8] {
        &self.data
    }

    pub(crate) fn postscript_name(&self) -> &str {
        &self.postscript_name
    }

    pub(crate) fn outlines(&self) -> Outlines {
        self.outlines
    }

    /// Re-parses the face (cheap: reads the table directory and a few headers).
    pub(crate) fn face(&self) -> Result<Face<'_>, PdfError> {
        Face::parse(&self.data, self.index).map_err(|e| PdfError::InvalidFont(format!("face {}: {e}", self.index)))
    }
}

/// The index of the first face in a collection whose family name ends in " SC", else 0.
fn sc_face_index(data: &[u8]) -> u32 {
    let count = ttf_parser::fonts_in_collection(data).unwrap_or(1);
    (0..count)
        .find(|&i| {
            Face::parse(data, i).is_ok_and(|f| {
                f.names()
                    .into_iter()
                    .filter(|n| n.name_id == 1 || n.name_id == 16)
                    .filter_map(|n| n.to_string())
                    .any(|s| s.ends_with(" SC"))
            })
        })
        .unwrap_or(0)
}

/// The first decodable name record with one of `ids` (in order of preference), English first.
fn name(face: &Face<'_>, ids: &[u16]) -> Option<String> {
    ids.iter().find_map(|&id| {
        let records = || face.names().into_iter().filter(move |n| n.name_id == id && n.is_unicode());
        records().find(|n| n.language_id == 0x0409).or_else(|| records().next()).and_then(|n| n.to_string())
    })
}

/// Measures text with a parsed face, in ems.
pub(crate) struct FaceMeasure<'a> {
    face: &'a Face<'a>,
    upem: f32,
    ascent: f32,
}

impl<'a> FaceMeasure<'a> {
    pub(crate) fn new(face: &'a Face<'a>) -> Self {
        let upem = f32::from(face.units_per_em().max(1));
        // Prefer the typographic (OS/2) ascent/descent: in CJK fonts it is the ideographic em box.
        let (asc, desc) = face
            .tables()
            .os2
            .map(|t| (t.typographic_ascender(), t.typographic_descender()))
            .filter(|(a, d)| a > d)
            .unwrap_or((face.ascender(), face.descender()));
        let ascent = f32::from(asc) / (f32::from(asc) - f32::from(desc));
        FaceMeasure { face, upem, ascent }
    }
}

impl Measure for FaceMeasure<'_> {
    fn advance(&self, c: char) -> f32 {
        let gid = self.face.glyph_index(c).unwrap_or(GlyphId(0));
        f32::from(self.face.glyph_hor_advance(gid).unwrap_or(0)) / self.upem
    }

    fn ascent(&self) -> f32 {
        self.ascent
    }
}
