//! Page layout: turns a [`Doc`] into pages of positioned text, rules and shaded boxes.
//!
//! All coordinates here are in PDF points (1/72 in) measured from the page's top-left corner;
//! the writer flips them. Layout depends on the font only through [`Measure`].

use crate::text::{longest_token, width, wrap};
use crate::{Block, Doc};

/// Font metrics needed for layout, in ems.
pub(crate) trait Measure {
    /// Horizontal advance of `c` (of `.notdef` if the font lacks it).
    fn advance(&self, c: char) -> f32;
    /// Share of the em box above the baseline (0.88 for Noto CJK).
    fn ascent(&self) -> f32;
}

/// A4 portrait.
pub(crate) const PAGE_W: f32 = 595.276;
pub(crate) const PAGE_H: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
const LEFT: f32 = 20.0 * MM;
const CONTENT_W: f32 = PAGE_W - 2.0 * LEFT;
const TOP: f32 = 22.0 * MM;
const BOTTOM: f32 = PAGE_H - 25.0 * MM;
const FOOTER_RULE: f32 = PAGE_H - 18.0 * MM;
const FOOTER_BASELINE: f32 = PAGE_H - 13.0 * MM;

const TITLE: f32 = 18.0;
const SUBTITLE: f32 = 11.0;
const HEADING: f32 = 13.0;
/// Body text: 10.5 pt is 五号, the usual size of Chinese official documents.
const BODY: f32 = 10.5;
const BODY_LH: f32 = BODY * 1.7;
const TABLE: f32 = 9.5;
const TABLE_LH: f32 = TABLE * 1.5;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.5;
const FOOTER: f32 = 9.0;
const PARA_GAP: f32 = 6.0;
const MUTED: f32 = 0.35;
const EPS: f32 = 1e-3;

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// One line of text starting at `x` on the baseline `baseline`.
    Text { x: f32, baseline: f32, size: f32, bold: bool, gray: f32, text: String },
    /// A straight rule.
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32, gray: f32 },
    /// A filled rectangle with top-left corner (`x`, `y`).
    Fill { x: f32, y: f32, w: f32, h: f32, gray: f32 },
}

/// One page's content, in drawing order.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    pub items: Vec<Item>,
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy)]
struct Style {
    size: f32,
    bold: bool,
    /// Fill gray level: 0 is black.
    gray: f32,
}

impl Style {
    fn body(gray: f32) -> Style {
        Style { size: BODY, bold: false, gray }
    }
}

/// Lays out the whole document, including the footer of every page.
pub(crate) fn layout(doc: &Doc, m: &dyn Measure) -> Vec<Page> {
    let mut l = Layouter { m, pages: vec![Page::default()], y: TOP };
    l.title(doc);
    for block in &doc.blocks {
        match block {
            Block::Heading(text) => l.heading(text),
            Block::Paragraph(text) => l.paragraph(text),
            Block::KeyValues(pairs) => l.key_values(pairs),
            Block::Table { header, rows } => l.table(header, rows),
        }
    }
    l.footers(doc.footer.as_deref());
    l.pages
}

struct Layouter<'a> {
    m: &'a dyn Measure,
    pages: Vec<Page>,
    /// Top of the free space on the current page.
    y: f32,
}

impl Layouter<'_> {
    fn push(&mut self, item: Item) {
        self.pages.last_mut().expect("there is always a page").items.push(item);
    }

    fn at_top(&self) -> bool {
        self.y <= TOP + EPS
    }

    fn fits(&self, h: f32) -> bool {
        self.y + h <= BOTTOM + EPS
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// Starts a new page unless `h` fits below `y` or the page is still empty.
    fn ensure(&mut self, h: f32) {
        if !self.fits(h) && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space, dropped at the top of a page.
    fn gap(&mut self, h: f32) {
        if !self.at_top() {
            self.y += h;
        }
    }

    fn width(&self, s: &str, size: f32) -> f32 {
        width(s, self.m) * size
    }

    fn wrap(&self, s: &str, size: f32, max: f32) -> Vec<String> {
        wrap(s, max / size, self.m)
    }

    /// Text vertically centred (by its em box) in a line box of height `lh` whose top is `top`.
    fn text(&mut self, x: f32, top: f32, lh: f32, style: Style, text: &str) {
        let Style { size, bold, gray } = style;
        if text.trim().is_empty() {
            return;
        }
        let baseline = top + (lh - size) / 2.0 + self.m.ascent() * size;
        self.push(Item::Text { x, baseline, size, bold, gray, text: text.to_owned() });
    }

    fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, gray: f32) {
        self.push(Item::Line { x1, y1, x2, y2, width, gray });
    }

    fn centered(&mut self, text: &str, lh: f32, style: Style) {
        let size = style.size;
        for line in self.wrap(text, size, CONTENT_W) {
            self.ensure(lh);
            let x = LEFT + (CONTENT_W - self.width(&line, size)).max(0.0) / 2.0;
            self.text(x, self.y, lh, style, &line);
            self.y += lh;
        }
    }

    fn title(&mut self, doc: &Doc) {
        if doc.title.trim().is_empty() && doc.subtitle.is_none() {
            return;
        }
        self.centered(&doc.title, TITLE * 1.5, Style { size: TITLE, bold: true, gray: 0.0 });
        if let Some(sub) = &doc.subtitle {
            self.y += 2.0;
            self.centered(sub, SUBTITLE * 1.6, Style { size: SUBTITLE, bold: false, gray: MUTED });
        }
        self.y += 6.0;
        self.rule(LEFT, self.y, LEFT + CONTENT_W, self.y, 0.8, 0.0);
        self.y += 14.0;
    }

    fn heading(&mut self, text: &str) {
        let lh = HEADING * 1.6;
        self.gap(8.0);
        let lines = self.wrap(text, HEADING, CONTENT_W);
        // Keep the heading with at least two lines of what follows.
        self.ensure(lines.len() as f32 * lh + 4.0 + 2.0 * BODY_LH);
        for line in lines {
            self.ensure(lh);
            self.text(LEFT, self.y, lh, Style { size: HEADING, bold: true, gray: 0.0 }, &line);
            self.y += lh;
        }
        self.y += 4.0;
    }

    fn paragraph(&mut self, text: &str) {
        for line in self.wrap(text, BODY, CONTENT_W) {
            self.ensure(BODY_LH);
            self.text(LEFT, self.y, BODY_LH, Style::body(0.0), &line);
            self.y += BODY_LH;
        }
        self.y += PARA_GAP;
    }

    fn key_values(&mut self, pairs: &[(String, String)]) {
        const GAP: f32 = 12.0;
        let key_w = pairs.iter().map(|(k, _)| self.width(k, BODY)).fold(0.0, f32::max).clamp(BODY, CONTENT_W * 0.35);
        let (vx, vw) = (LEFT + key_w + GAP, CONTENT_W - key_w - GAP);
        for (k, v) in pairs {
            let (kl, vl) = (self.wrap(k, BODY, key_w), self.wrap(v, BODY, vw));
            let n = kl.len().max(vl.len());
            // Move the pair whole to the next page if it fits on one.
            if n as f32 * BODY_LH <= BOTTOM - TOP {
                self.ensure(n as f32 * BODY_LH);
            }
            for i in 0..n {
                self.ensure(BODY_LH);
                if let Some(line) = kl.get(i) {
                    self.text(LEFT, self.y, BODY_LH, Style::body(MUTED), line);
                }
                if let Some(line) = vl.get(i) {
                    self.text(vx, self.y, BODY_LH, Style::body(0.0), line);
                }
                self.y += BODY_LH;
            }
            self.y += 2.0;
        }
        self.y += PARA_GAP;
    }

    fn table(&mut self, header: &[String], rows: &[Vec<String>]) {
        let ncols = rows.iter().map(Vec::len).chain([header.len()]).max().unwrap_or(0);
        if ncols == 0 {
            return;
        }
        let all_rows = || std::iter::once(header).filter(|h| !h.is_empty()).chain(rows.iter().map(Vec::as_slice));
        let widths: Vec<f32> = {
            let natural: Vec<f32> = (0..ncols)
                .map(|i| {
                    all_rows().flat_map(|r| cell(r, i).split('\n').map(|l| self.width(l, TABLE)).collect::<Vec<_>>()).fold(0.0, f32::max)
                })
                .collect();
            let min: Vec<f32> = (0..ncols)
                .map(|i| all_rows().map(|r| longest_token(cell(r, i), self.m) * TABLE).fold(2.0 * TABLE, f32::max).min(natural[i]))
                .collect();
            let pad = |w: &Vec<f32>| w.iter().map(|w| w + 2.0 * CELL_PAD_X).collect::<Vec<_>>();
            column_widths(&pad(&natural), &pad(&min), CONTENT_W)
        };
        let xs: Vec<f32> = widths.iter().scan(LEFT, |x, w| Some(std::mem::replace(x, *x + w))).collect();
        let wrap_row = |row: &[String]| -> Vec<Vec<String>> {
            (0..ncols).map(|i| self.wrap(cell(row, i), TABLE, widths[i] - 2.0 * CELL_PAD_X)).collect()
        };
        let head = (!header.is_empty()).then(|| wrap_row(header));
        let body: Vec<_> = rows.iter().map(|r| wrap_row(r)).collect();
        let height = |cells: &[Vec<String>]| lines_in(cells) as f32 * TABLE_LH + 2.0 * CELL_PAD_Y;
        let head_h = head.as_deref().map_or(0.0, height);

        let t = Table { xs: &xs, widths: &widths };
        self.gap(4.0);
        // Keep the header with the first row (or, if that row must be split anyway, its first line).
        let first = body.first().map_or(0.0, |r| height(r));
        self.ensure(head_h + if first <= BOTTOM - TOP - head_h { first } else { TABLE_LH + 2.0 * CELL_PAD_Y });
        if let Some(h) = &head {
            self.row_segment(&t, h, 0, lines_in(h), true);
        }
        for cells in &body {
            let (n, h) = (lines_in(cells), height(cells));
            if !self.fits(h) && h <= BOTTOM - TOP - head_h {
                self.table_page_break(&t, head.as_deref());
            }
            let (mut start, mut fresh) = (0, false);
            while start < n {
                let room = ((BOTTOM - self.y - 2.0 * CELL_PAD_Y + EPS) / TABLE_LH).floor().max(0.0) as usize;
                if room == 0 && !fresh {
                    self.table_page_break(&t, head.as_deref());
                    fresh = true;
                    continue;
                }
                let k = room.clamp(1, n - start);
                self.row_segment(&t, cells, start, k, false);
                start += k;
                fresh = false;
            }
        }
        self.y += PARA_GAP + 4.0;
    }

    fn table_page_break(&mut self, t: &Table<'_>, head: Option<&[Vec<String>]>) {
        self.new_page();
        if let Some(h) = head {
            self.row_segment(t, h, 0, lines_in(h), true);
        }
    }

    /// Draws lines `start..start + k` of every cell of a row as one ruled row.
    fn row_segment(&mut self, t: &Table<'_>, cells: &[Vec<String>], start: usize, k: usize, header: bool) {
        let h = k as f32 * TABLE_LH + 2.0 * CELL_PAD_Y;
        let (top, right) = (self.y, LEFT + CONTENT_W);
        if header {
            self.push(Item::Fill { x: LEFT, y: top, w: CONTENT_W, h, gray: 0.9 });
        }
        for (i, lines) in cells.iter().enumerate() {
            for (j, line) in lines.iter().skip(start).take(k).enumerate() {
                let top = top + CELL_PAD_Y + j as f32 * TABLE_LH;
                self.text(t.xs[i] + CELL_PAD_X, top, TABLE_LH, Style { size: TABLE, bold: header, gray: 0.0 }, line);
            }
        }
        let (w, g) = (0.5, 0.2);
        self.rule(LEFT, top, right, top, w, g);
        self.rule(LEFT, top + h, right, top + h, w, g);
        for x in t.xs.iter().copied().chain([LEFT + t.widths.iter().sum::<f32>()]) {
            self.rule(x, top, x, top + h, w, g);
        }
        self.y += h;
    }

    /// A rule and "第 i 页 共 n 页" (right; centred without footer text) on every page, with the
    /// footer text on the left, shortened with "…" if it would collide with the page number.
    fn footers(&mut self, footer: Option<&str>) {
        let total = self.pages.len();
        let footer = footer.map(|f| f.replace('\n', " ")).filter(|f| !f.trim().is_empty());
        for i in 0..total {
            let num = format!("第 {} 页 共 {} 页", i + 1, total);
            let num_w = self.width(&num, FOOTER);
            let mut items = vec![Item::Line { x1: LEFT, y1: FOOTER_RULE, x2: LEFT + CONTENT_W, y2: FOOTER_RULE, width: 0.4, gray: 0.6 }];
            let text = |x: f32, text: String| Item::Text { x, baseline: FOOTER_BASELINE, size: FOOTER, bold: false, gray: MUTED, text };
            match &footer {
                Some(f) => {
                    let f = self.truncate(f, FOOTER, CONTENT_W - num_w - 18.0);
                    items.push(text(LEFT, f));
                    items.push(text(LEFT + CONTENT_W - num_w, num));
                }
                None => items.push(text(LEFT + (CONTENT_W - num_w) / 2.0, num)),
            }
            self.pages[i].items.extend(items);
        }
    }

    fn truncate(&self, s: &str, size: f32, max: f32) -> String {
        if self.width(s, size) <= max {
            return s.to_owned();
        }
        let mut out = String::new();
        let mut w = self.width("…", size);
        for c in s.chars() {
            w += self.m.advance(c) * size;
            if w > max {
                break;
            }
            out.push(c);
        }
        out + "…"
    }
}

struct Table<'a> {
    xs: &'a [f32],
    widths: &'a [f32],
}

fn cell(row: &[String], i: usize) -> &str {
    row.get(i).map_or("", String::as_str)
}

fn lines_in(cells: &[Vec<String>]) -> usize {
    cells.iter().map(Vec::len).max().unwrap_or(1).max(1)
}

/// Column widths that fill `avail`. If the natural (unwrapped) widths fit, they grow in
/// proportion. Otherwise columns are "water-filled": each gets `clamp(level, min, natural)` for
/// the common level at which they add up to `avail`, so narrow columns keep their natural width
/// and only wide ones wrap (never below their longest word). If even the minimums (longest
/// words) do not fit, they are scaled down.
fn column_widths(natural: &[f32], min: &[f32], avail: f32) -> Vec<f32> {
    let (sum_nat, sum_min): (f32, f32) = (natural.iter().sum(), min.iter().sum());
    if sum_nat <= avail {
        return natural.iter().map(|n| n + (avail - sum_nat) * n / sum_nat).collect();
    }
    if sum_min >= avail {
        return min.iter().map(|m| avail * m / sum_min).collect();
    }
    let at = |level: f32| natural.iter().zip(min).map(move |(n, m)| level.clamp(*m, n.max(*m)));
    let (mut lo, mut hi) = (0.0_f32, natural.iter().copied().fold(0.0, f32::max));
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        if at(mid).sum::<f32>() > avail { hi = mid } else { lo = mid }
    }
    let widths: Vec<f32> = at(lo).collect();
    // Hand the rounding remainder to the widest column.
    let rest = avail - widths.iter().sum::<f32>();
    let widest = (0..widths.len()).max_by(|a, b| widths[*a].total_cmp(&widths[*b])).unwrap_or(0);
    widths.iter().enumerate().map(|(i, w)| if i == widest { w + rest } else { *w }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tests::Mono;

    fn texts(page: &Page) -> Vec<&str> {
        page.items.iter().filter_map(|i| if let Item::Text { text, .. } = i { Some(text.as_str()) } else { None }).collect()
    }

    fn doc(blocks: Vec<Block>) -> Doc {
        Doc { title: "标题".into(), subtitle: None, blocks, footer: Some("页脚".into()) }
    }

    #[test]
    fn column_widths_fill_the_space() {
        let w = column_widths(&[10.0, 30.0], &[5.0, 5.0], 80.0);
        assert_eq!(w, [20.0, 60.0]);
        // Narrow columns keep their natural width; the wide one takes the rest and wraps.
        let w = column_widths(&[200.0, 20.0, 30.0], &[10.0, 10.0, 10.0], 120.0);
        assert!((w[0] - 70.0).abs() < 1e-3 && (w[1] - 20.0).abs() < 1e-3 && (w[2] - 30.0).abs() < 1e-3, "{w:?}");
        let w = column_widths(&[100.0, 100.0], &[10.0, 30.0], 80.0);
        assert!((w[0] - 40.0).abs() < 1e-3 && (w[1] - 40.0).abs() < 1e-3, "{w:?}");
        let w = column_widths(&[100.0, 100.0], &[60.0, 40.0], 50.0);
        assert_eq!(w, [30.0, 20.0]);
    }

    #[test]
    fn pages_break_and_every_page_has_a_numbered_footer() {
        let blocks = (0..120).map(|i| Block::Paragraph(format!("第{i}段"))).collect();
        let pages = layout(&doc(blocks), &Mono);
        assert!(pages.len() > 1);
        for (i, p) in pages.iter().enumerate() {
            assert!(texts(p).contains(&format!("第 {} 页 共 {} 页", i + 1, pages.len()).as_str()));
            assert!(texts(p).contains(&"页脚"));
            for item in &p.items {
                if let Item::Text { baseline, size, .. } = item {
                    assert!(*baseline - size <= BOTTOM || *baseline == FOOTER_BASELINE, "text below the bottom margin");
                }
            }
        }
        // Nothing lost, order kept.
        let all: Vec<&str> = pages.iter().flat_map(texts).filter(|t| t.starts_with("第") && t.ends_with("段")).collect();
        assert_eq!(all.len(), 120);
        assert_eq!(all[119], "第119段");
    }

    #[test]
    fn table_rows_move_whole_and_the_header_repeats() {
        let mut blocks: Vec<Block> = (0..38).map(|_| Block::Paragraph("填充".into())).collect();
        let rows = (0..40).map(|i| vec![format!("行{i}"), "甲\n乙\n丙".into()]).collect();
        blocks.push(Block::Table { header: vec!["序号".into(), "内容".into()], rows });
        let pages = layout(&doc(blocks), &Mono);
        assert!(pages.len() >= 2);
        for p in &pages[1..] {
            let t = texts(p);
            assert_eq!(t.iter().filter(|s| **s == "序号").count(), 1, "header repeated once per page");
        }
        // Every row's three lines are on the page holding the row label.
        for p in &pages {
            let t = texts(p);
            let rows = t.iter().filter(|s| s.starts_with("行")).count();
            assert_eq!(t.iter().filter(|s| **s == "丙").count(), rows);
            assert_eq!(t.iter().filter(|s| **s == "甲").count(), rows);
        }
    }

    #[test]
    fn rows_taller_than_a_page_are_split() {
        let tall = vec![(0..200).map(|i| format!("{i}")).collect::<Vec<_>>().join("\n")];
        let pages = layout(&doc(vec![Block::Table { header: vec![], rows: vec![tall] }]), &Mono);
        assert!(pages.len() >= 3);
        let all: Vec<&str> = pages.iter().flat_map(texts).filter(|t| t.parse::<u32>().is_ok()).collect();
        assert_eq!(all.len(), 200);
    }
}
