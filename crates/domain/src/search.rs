//! Full-text search terms for Chinese and mixed text, without a dictionary: CJK runs become
//! overlapping character bigrams (the CJK analyzer approach of Lucene/Elasticsearch), other runs
//! lowercase words. The terms are stored beside the text in the database, so every server
//! searches the same index and nothing lives on a server's disk.

/// The indexed form of a text: ` term term … ` (space-delimited, with a leading and trailing
/// space so a `LIKE '% term %'` match is exact per term).
pub fn index_terms(text: &str) -> String {
    let mut terms = terms(text);
    terms.sort();
    terms.dedup();
    let mut s = String::from(" ");
    for t in terms {
        s.push_str(&t);
        s.push(' ');
    }
    s
}

/// The terms a query must all match.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms = terms(query);
    terms.dedup();
    terms
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cjk: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush_cjk = |cjk: &mut Vec<char>, out: &mut Vec<String>| {
        match cjk.len() {
            0 => {}
            1 => out.push(cjk[0].to_string()),
            _ => out.extend(cjk.windows(2).map(|w| w.iter().collect::<String>())),
        }
        cjk.clear();
    };
    let flush_word = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() {
            out.push(std::mem::take(word));
        }
    };
    for c in text.chars() {
        if is_cjk(c) {
            flush_word(&mut word, &mut out);
            cjk.push(c);
        } else if c.is_alphanumeric() {
            flush_cjk(&mut cjk, &mut out);
            word.extend(c.to_lowercase());
        } else {
            flush_cjk(&mut cjk, &mut out);
            flush_word(&mut word, &mut out);
        }
    }
    flush_cjk(&mut cjk, &mut out);
    flush_word(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_becomes_bigrams_and_latin_words_stay_whole() {
        assert_eq!(query_terms("台式计算机"), ["台式", "式计", "计算", "算机"]);
        assert_eq!(query_terms("采购 LED显示屏"), ["采购", "led", "显示", "示屏"]);
        assert_eq!(query_terms("车"), ["车"]);
        assert_eq!(query_terms("A02010105，（3台）"), ["a02010105", "3", "台"]);
    }

    #[test]
    fn a_query_matches_its_text_and_not_a_scrambled_one() {
        let idx = index_terms("示范市第一中学多媒体教学设备采购项目");
        let hit = |q: &str| query_terms(q).iter().all(|t| idx.contains(&format!(" {t} ")));
        assert!(hit("教学设备"));
        assert!(hit("多媒体 采购"));
        assert!(!hit("设教学备"), "bigrams keep character order");
        assert!(!hit("医疗设备"));
    }
}
