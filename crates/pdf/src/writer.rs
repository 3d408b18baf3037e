//! PDF serialisation: pages, the subsetted font as a CID-keyed Type0 font (Identity-H, `/W`
//! widths, `/ToUnicode`), and the document information dictionary.
//!
//! Glyphs are addressed by their id in the subset (subsetter makes CID = new glyph id for both
//! CFF and TrueType). Characters missing from the font are drawn as CID 0 (`.notdef`) inside a
//! `/Span` marked-content sequence whose `/ActualText` carries the original characters, so text
//! extraction still returns them. Everything is ordered deterministically (sorted sets, no
//! hash-map iteration) and compressed with a fixed deflate level.

use std::collections::{BTreeMap, BTreeSet};

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Date, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId, Tag};

use crate::font::Outlines;
use crate::layout::{Item, PAGE_H, PAGE_W, Page};
use crate::{Font, Meta, PdfError};

const FONT_NAME: Name<'static> = Name(b"F1");
const DEFLATE_LEVEL: u8 = 6;

/// Character → CID in the subset; `None` for characters the font lacks.
type CharMap = BTreeMap<char, Option<u16>>;

pub(crate) fn write(pages: &[Page], font: &Font, face: &Face<'_>, title: &str, meta: &Meta) -> Result<Vec<u8>, PdfError> {
    // Which glyphs are used, and their ids in the subset (assigned in ascending original order).
    let chars: BTreeSet<char> = pages.iter().flat_map(|p| &p.items).flat_map(|i| text_of(i).chars()).collect();
    let found: BTreeMap<char, u16> = chars.iter().filter_map(|&c| face.glyph_index(c).map(|g| (c, g.0))).collect();
    let mut remapper = GlyphRemapper::new();
    for gid in found.values().copied().collect::<BTreeSet<_>>() {
        remapper.remap(gid);
    }
    let cids: CharMap = chars.iter().map(|c| (*c, found.get(c).and_then(|g| remapper.get(*g)))).collect();

    let subset = subsetter::subset(font.data(), font.index(), &remapper).map_err(|e| PdfError::Subset(e.to_string()))?;
    let font_program = match font.outlines() {
        // CIDFontType0C wants the bare CFF table, not the OpenType wrapper.
        Outlines::Cff => ttf_parser::RawFace::parse(&subset, 0)
            .ok()
            .and_then(|f| f.table(Tag::from_bytes(b"CFF ")))
            .ok_or_else(|| PdfError::Subset("subset has no CFF table".into()))?
            .to_vec(),
        Outlines::TrueType => subset.clone(),
    };

    let contents: Vec<Vec<u8>> = pages.iter().map(|p| page_content(p, &cids)).collect();

    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut alloc = || {
        next += 1;
        Ref::new(next - 1)
    };
    let (catalog_id, tree_id, info_id) = (alloc(), alloc(), alloc());
    let (type0_id, cid_id, descriptor_id, file_id, cmap_id) = (alloc(), alloc(), alloc(), alloc(), alloc());
    let page_ids: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();

    pdf.catalog(catalog_id).pages(tree_id).lang(TextStr("zh-CN")).viewer_preferences().display_doc_title(true);
    pdf.pages(tree_id).kids(page_ids.iter().map(|(p, _)| *p)).count(pages.len() as i32);
    for ((page_id, content_id), content) in page_ids.iter().zip(&contents) {
        let mut page = pdf.page(*page_id);
        page.parent(tree_id).media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H)).contents(*content_id);
        page.resources().fonts().pair(FONT_NAME, type0_id);
        page.finish();
        pdf.stream(*content_id, &deflate(content)).filter(Filter::FlateDecode);
    }

    // The font: Type0 → CIDFont → descriptor → font program, plus the ToUnicode CMap.
    let base_name = format!("{}+{}", subset_tag(&remapper), sanitize_ps_name(font.postscript_name()));
    let base_font = Name(base_name.as_bytes());
    let system_info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
    // For CFF-based CID fonts the Type0 font's name conventionally carries the CMap name.
    let type0_name = match font.outlines() {
        Outlines::Cff => format!("{base_name}-Identity-H"),
        Outlines::TrueType => base_name.clone(),
    };
    pdf.type0_font(type0_id)
        .base_font(Name(type0_name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_id)
        .to_unicode(cmap_id);

    let upem = f32::from(face.units_per_em().max(1));
    let to_pdf = |v: f32| (v * 1000.0 / upem).round();
    let advance = |gid: u16| to_pdf(f32::from(face.glyph_hor_advance(GlyphId(gid)).unwrap_or(0)));
    let mut cid_font = pdf.cid_font(cid_id);
    cid_font.subtype(if font.outlines() == Outlines::Cff { CidFontType::Type0 } else { CidFontType::Type2 });
    cid_font.base_font(base_font).system_info(system_info).font_descriptor(descriptor_id).default_width(advance(0));
    cid_font.widths().consecutive(0, remapper.remapped_gids().map(advance));
    if font.outlines() == Outlines::TrueType {
        cid_font.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    cid_font.finish();

    let bbox = face.global_bounding_box();
    let (ascent, descent) = (to_pdf(f32::from(face.ascender())), to_pdf(f32::from(face.descender())));
    let mut descriptor = pdf.font_descriptor(descriptor_id);
    descriptor
        .name(base_font)
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            to_pdf(f32::from(bbox.x_min)),
            to_pdf(f32::from(bbox.y_min)),
            to_pdf(f32::from(bbox.x_max)),
            to_pdf(f32::from(bbox.y_max)),
        ))
        .italic_angle(0.0)
        .ascent(ascent)
        .descent(descent)
        .cap_height(face.capital_height().map_or(ascent, |h| to_pdf(f32::from(h))))
        .stem_v(80.0);
    match font.outlines() {
        Outlines::Cff => descriptor.font_file3(file_id),
        Outlines::TrueType => descriptor.font_file2(file_id),
    };
    descriptor.finish();

    let compressed_font = deflate(&font_program);
    let mut stream = pdf.stream(file_id, &compressed_font);
    stream.filter(Filter::FlateDecode);
    match font.outlines() {
        Outlines::Cff => stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C")),
        Outlines::TrueType => stream.pair(Name(b"Length1"), font_program.len() as i32),
    };
    stream.finish();

    let mut cmap = UnicodeCmap::new(Name(b"Custom"), system_info);
    let mut mapped = BTreeSet::new();
    for (c, cid) in &cids {
        // Several characters may share a glyph; the first (lowest code point) wins.
        if let Some(cid) = cid.filter(|cid| *cid != 0 && mapped.insert(*cid)) {
            cmap.pair(cid, *c);
        }
    }
    let cmap = deflate(&cmap.finish());
    pdf.cmap(cmap_id, &cmap).name(Name(b"Custom")).system_info(system_info).filter(Filter::FlateDecode);

    let date = pdf_date(meta);
    let mut info = pdf.document_info(info_id);
    info.title(TextStr(title)).producer(TextStr(&meta.producer)).creation_date(date).modified_date(date);
    info.finish();

    // A deterministic file identifier derived from everything that makes up the document.
    let mut h = Fnv::default();
    h.write(title.as_bytes());
    contents.iter().for_each(|c| h.write(c));
    h.write(&font_program);
    let id = h.digest128();
    pdf.set_file_id((id.clone(), id));
    Ok(pdf.finish())
}

fn text_of(item: &Item) -> &str {
    match item {
        Item::Text { text, .. } => text,
        _ => "",
    }
}

/// The content stream of one page (uncompressed).
fn page_content(page: &Page, cids: &CharMap) -> Vec<u8> {
    let mut c = Content::new();
    let flip = |y: f32| PAGE_H - y;
    for item in &page.items {
        match item {
            Item::Fill { x, y, w, h, gray } => {
                c.save_state().set_fill_gray(*gray).rect(*x, flip(y + h), *w, *h).fill_nonzero().restore_state();
            }
            Item::Line { x1, y1, x2, y2, width, gray } => {
                c.save_state().set_line_width(*width).set_stroke_gray(*gray);
                c.move_to(*x1, flip(*y1)).line_to(*x2, flip(*y2)).stroke().restore_state();
            }
            Item::Text { x, baseline, size, bold, gray, text } => {
                c.save_state().set_fill_gray(*gray);
                if *bold {
                    // Faux bold: fill and stroke the outlines with a thin line.
                    c.set_stroke_gray(*gray)
                        .set_line_width(size * 0.03)
                        .set_text_rendering_mode(pdf_writer::types::TextRenderingMode::FillStroke);
                }
                c.begin_text().set_font(FONT_NAME, *size).next_line(*x, flip(*baseline));
                show_text(&mut c, text, cids);
                c.end_text().restore_state();
            }
        }
    }
    c.finish().to_vec()
}

/// Shows `text` as runs of two-byte CIDs; runs of missing characters become `.notdef` glyphs
/// wrapped in an `/ActualText` span.
fn show_text(c: &mut Content, text: &str, cids: &CharMap) {
    let mut chars = text.chars().peekable();
    while let Some(&first) = chars.peek() {
        let missing = cids.get(&first).copied().flatten().is_none();
        let mut codes = Vec::new();
        let mut actual = String::new();
        while let Some(&ch) = chars.peek() {
            let cid = cids.get(&ch).copied().flatten();
            if cid.is_none() != missing {
                break;
            }
            codes.extend(cid.unwrap_or(0).to_be_bytes());
            actual.push(ch);
            chars.next();
        }
        if missing {
            c.begin_marked_content_with_properties(Name(b"Span")).properties().actual_text(TextStr(&actual));
            c.show(Str(&codes)).end_marked_content();
        } else {
            c.show(Str(&codes));
        }
    }
}

fn pdf_date(meta: &Meta) -> Date {
    let d = meta.creation_date;
    let offset = d.utc_offset_minutes.clamp(-23 * 60 - 59, 23 * 60 + 59);
    Date::new(d.year)
        .month(d.month)
        .day(d.day)
        .hour(d.hour)
        .minute(d.minute)
        .second(d.second)
        .utc_offset_hour((offset / 60) as i8)
        .utc_offset_minute((offset % 60).unsigned_abs() as u8)
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, DEFLATE_LEVEL)
}

/// Six capital letters derived from the glyph set, as PDF requires for subset font names.
fn subset_tag(remapper: &GlyphRemapper) -> String {
    let mut h = Fnv::default();
    remapper.remapped_gids().for_each(|g| h.write(&g.to_be_bytes()));
    let mut v = h.0;
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (v % 26) as u8);
            v /= 26;
            c
        })
        .collect()
}

fn sanitize_ps_name(name: &str) -> String {
    let clean: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').take(56).collect();
    if clean.is_empty() { "Font".to_owned() } else { clean }
}

/// 64-bit FNV-1a: a small, stable hash for ids (not for security).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// Sixteen bytes: the hash, then the hash of the hash.
    fn digest128(&self) -> Vec<u8> {
        let mut second = Fnv(self.0);
        second.write(&self.0.to_le_bytes());
        [self.0.to_be_bytes(), second.0.to_be_bytes()].concat()
    }
}
