//! Line breaking: text is cut into unbreakable tokens (a CJK character, a Latin word, a run of
//! spaces), punctuation is glued to its neighbour so that closing marks never start a line and
//! opening marks never end one, and lines are filled greedily by glyph advance widths.

use crate::layout::Measure;

/// Slack for floating-point comparisons of widths, in ems.
const EPS: f32 = 1e-4;

/// Tabs become spaces; carriage returns and other control characters except `'\n'` are dropped.
pub(crate) fn normalize(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            if c == '\t' {
                Some(' ')
            } else if c.is_control() && c != '\n' {
                None
            } else {
                Some(c)
            }
        })
        .collect()
}

/// Characters that may be broken before and after (ideographs, kana, hangul, full-width forms
/// and the general punctuation used in Chinese text).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2014 | 0x2018..=0x201F | 0x2026 | 0x2E80..=0x2FFF | 0x3000..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Closing punctuation: must not start a line, so it sticks to what precedes it.
fn no_start(c: char) -> bool {
    "、。，．：；？！）〕］｝〉》」』】〗〙〛’”…—～％‰·,.;:?!)]}%".contains(c)
}

/// Opening punctuation: must not end a line, so it sticks to what follows it.
fn no_end(c: char) -> bool {
    "（〔［｛〈《「『【〖〘〚‘“([{".contains(c)
}

struct Token {
    text: String,
    /// Width in ems.
    width: f32,
    space: bool,
}

/// Splits one line (no `'\n'`) into tokens.
fn tokenize(line: &str, m: &dyn Measure) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    for c in line.chars() {
        let w = m.advance(c);
        let space = c == ' ';
        let glue = match tokens.last() {
            Some(t) if !t.space && !space => {
                let prev = t.text.chars().next_back().unwrap_or(' ');
                no_end(prev) || no_start(c) || (!is_cjk(c) && !is_cjk(prev))
            }
            _ => false,
        };
        match tokens.last_mut() {
            Some(t) if glue => {
                t.text.push(c);
                t.width += w;
            }
            _ => tokens.push(Token { text: c.to_string(), width: w, space }),
        }
    }
    tokens
}

/// Width of `s` in ems (no wrapping; `'\n'` counts as nothing).
pub(crate) fn width(s: &str, m: &dyn Measure) -> f32 {
    s.chars().filter(|&c| c != '\n').map(|c| m.advance(c)).sum()
}

/// Width in ems of the widest unbreakable token of `s`.
pub(crate) fn longest_token(s: &str, m: &dyn Measure) -> f32 {
    normalize(s).split('\n').flat_map(|l| tokenize(l, m)).filter(|t| !t.space).map(|t| t.width).fold(0.0, f32::max)
}

/// Wraps `text` into lines no wider than `max` ems (except a single character wider than
/// `max`). Every `'\n'` starts a new line; an empty input line gives an empty output line, so
/// the result is never empty. Spaces at a break are dropped; leading spaces are kept.
pub(crate) fn wrap(text: &str, max: f32, m: &dyn Measure) -> Vec<String> {
    let mut lines = Vec::new();
    for hard in normalize(text).split('\n') {
        let mut line = String::new();
        let (mut w, mut has_content, mut first) = (0.0, false, true);
        let (mut pending, mut pending_w) = (String::new(), 0.0);
        for t in tokenize(hard, m) {
            if t.space {
                if first && !has_content {
                    line.push_str(&t.text);
                    w += t.width;
                } else if has_content {
                    pending.push_str(&t.text);
                    pending_w += t.width;
                }
                continue;
            }
            if w + pending_w + t.width <= max + EPS {
                line.push_str(&pending);
                line.push_str(&t.text);
                w += pending_w + t.width;
                has_content = true;
            } else {
                if has_content {
                    lines.push(std::mem::take(&mut line));
                    (w, has_content, first) = (0.0, false, false);
                }
                if w + t.width <= max + EPS {
                    line.push_str(&t.text);
                    w += t.width;
                } else {
                    // Wider than a line: break it between characters.
                    for c in t.text.chars() {
                        let cw = m.advance(c);
                        if has_content && w + cw > max + EPS {
                            lines.push(std::mem::take(&mut line));
                            w = 0.0;
                        }
                        line.push(c);
                        w += cw;
                        has_content = true;
                    }
                }
                has_content = true;
            }
            pending.clear();
            pending_w = 0.0;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// CJK characters are 1 em, everything else half an em.
    pub(crate) struct Mono;
    impl Measure for Mono {
        fn advance(&self, c: char) -> f32 {
            if is_cjk(c) { 1.0 } else { 0.5 }
        }
        fn ascent(&self) -> f32 {
            0.88
        }
    }

    fn w(text: &str, max: f32) -> Vec<String> {
        wrap(text, max, &Mono)
    }

    #[test]
    fn cjk_breaks_anywhere_and_fills_lines() {
        assert_eq!(w("一二三四五六七", 3.0), ["一二三", "四五六", "七"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line_and_opening_never_ends_one() {
        assert_eq!(w("一二，三四", 2.0), ["一", "二，", "三四"]);
        assert_eq!(w("一二（三）", 3.0), ["一二", "（三）"]);
    }

    #[test]
    fn latin_words_stay_together_and_spaces_at_breaks_vanish() {
        assert_eq!(w("hello world foo", 5.0), ["hello", "world foo"]);
        assert_eq!(w("采购ABC123项目", 3.0), ["采购", "ABC123", "项目"]);
    }

    #[test]
    fn overlong_words_break_by_character() {
        assert_eq!(w("abcdefgh", 2.0), ["abcd", "efgh"]);
    }

    #[test]
    fn newlines_are_honoured_and_leading_spaces_kept() {
        assert_eq!(w("一\n\n  二", 10.0), ["一", "", "  二"]);
        assert_eq!(w("", 10.0), [""]);
        assert_eq!(w("\t一\r", 10.0), [" 一"]);
    }

    #[test]
    fn longest_token_measures_words() {
        assert_eq!(longest_token("ab 中 abcdef", &Mono), 3.0);
    }
}
