//! Case- and diacritic-insensitive folding for search, and the one-typo tolerance built on it:
//! shared by the ESCO label index and the organisation registry's search keys.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for search: lower case, compatibility decomposition (NFKD) with combining marks
/// removed, and the letters NFKD leaves alone spelled out in ASCII (`ß` → `ss`, `đ` → `d`,
/// `ø` → `o`, `ł` → `l`, `æ` → `ae`, `œ` → `oe`, `þ` → `th`, `ı` → `i`).
///
/// So `Krankenpflegerin`, `KRANKENPFLEGERIN` and `krankenpflegerin` fold alike, `Bäcker` →
/// `backer`, `Straße` → `strasse`, and Vietnamese `Nguyễn Văn Đức` → `nguyen van duc`.
/// Everything else (spaces, punctuation, digits, other scripts without marks) is kept, so
/// ASCII lower-case text is returned unchanged. Idempotent: folding a folded string changes
/// nothing.
pub fn fold_for_search(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = fold_once(s);
    // Lower-casing can yield decomposable letters and decomposing can yield upper case
    // (compatibility forms like `ℌ` → `H`); repeat until stable, which takes one or two rounds.
    for _ in 0..4 {
        let next = fold_once(&out);
        if next == out {
            break;
        }
        out = next;
    }
    out
}

fn fold_once(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase).nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'þ' | 'Þ' => out.push_str("th"),
            'ı' => out.push('i'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Splits folded text into search tokens: maximal runs of alphanumeric characters.
pub fn tokens(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
}

/// Calls `f` with the string and each of its one-character deletions.
pub fn with_deletions(s: &str, mut f: impl FnMut(&str)) {
    f(s);
    let mut buf = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        buf.clear();
        buf.push_str(&s[..i]);
        buf.push_str(&s[i + c.len_utf8()..]);
        f(&buf);
    }
}

/// Damerau–Levenshtein (optimal string alignment) distance ≤ 1.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if la == lb {
        // one substitution, or one transposition of neighbours
        a[p + 1..] == b[p + 1..]
            || (p + 1 < la && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..])
    } else if la > lb {
        a[p + 1..] == b[p..]
    } else {
        a[p..] == b[p + 1..]
    }
}

/// The search keys of a text: every folded token and each of its one-character deletions
/// (symmetric deletion). Two tokens within one edit (substitution, insertion, deletion,
/// transposition of neighbours) share a key, so a typo-tolerant lookup is an exact lookup of
/// the query's keys (a pair two edits apart may share one too: the tolerance is "about one
/// typo"). Tokens shorter than `min_typo_len` characters get only themselves as key. Tokens in
/// a script written without spaces (Chinese, Japanese kanji and kana, Korean) get their
/// overlapping character pairs instead, so any two characters of a name find it.
pub fn search_keys(text: &str, min_typo_len: usize) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for_each_key_group(text, min_typo_len, |group, _| keys.extend(group));
    keys.sort();
    keys.dedup();
    keys
}

/// The keys of a query, one group per token: a name matches when it holds a key of every group.
pub fn query_key_groups(text: &str, min_typo_len: usize) -> Vec<Vec<String>> {
    let mut groups = Vec::new();
    for_each_key_group(text, min_typo_len, |group, each_required| {
        if each_required {
            // The character pairs of a CJK token must all occur.
            groups.extend(group.into_iter().map(|k| vec![k]));
        } else {
            groups.push(group);
        }
    });
    groups
}

fn for_each_key_group(text: &str, min_typo_len: usize, mut f: impl FnMut(Vec<String>, bool)) {
    let folded = fold_for_search(text);
    for t in tokens(&folded) {
        let chars: Vec<char> = t.chars().collect();
        if chars.iter().any(|&c| is_unspaced_script(c)) {
            if chars.len() == 1 {
                f(vec![t.to_owned()], true);
            } else {
                f(chars.windows(2).map(|w| w.iter().collect()).collect(), true);
            }
        } else if chars.len() < min_typo_len {
            f(vec![t.to_owned()], false);
        } else {
            let mut group = Vec::with_capacity(chars.len() + 1);
            with_deletions(t, |d| group.push(d.to_owned()));
            f(group, false);
        }
    }
}

/// Scripts written without spaces between words: CJK ideographs, kana, hangul.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        assert_eq!(fold_for_search("Krankenpfleger"), "krankenpfleger");
        assert_eq!(fold_for_search("Bäcker/Bäckerin"), "backer/backerin");
        assert_eq!(fold_for_search("Straße"), "strasse");
        assert_eq!(fold_for_search("STRASSE"), "strasse");
        assert_eq!(fold_for_search("Nguyễn Văn Đức"), "nguyen van duc");
        assert_eq!(fold_for_search("Trần Thị Ngọc Ánh"), "tran thi ngoc anh");
        assert_eq!(fold_for_search("Phạm Đình Phùng"), "pham dinh phung");
        assert_eq!(fold_for_search("Hồ Chí Minh"), "ho chi minh");
        assert_eq!(fold_for_search("Ưu Ơn"), "uu on");
        assert_eq!(fold_for_search("Élève Garçon"), "eleve garcon");
        assert_eq!(
            fold_for_search("Søren Łódź Æsir Œuvre"),
            "soren lodz aesir oeuvre"
        );
        assert_eq!(fold_for_search("ﬁle\u{a0}²"), "file 2");
        assert_eq!(fold_for_search("İstanbul"), "istanbul");
        assert_eq!(fold_for_search("Σοφία"), "σοφια");
    }

    #[test]
    fn tokenizing() {
        let f = fold_for_search("Gesundheits- und Krankenpfleger/in (m/w/d), children's nurse");
        let t: Vec<&str> = tokens(&f).collect();
        assert_eq!(
            t,
            [
                "gesundheits",
                "und",
                "krankenpfleger",
                "in",
                "m",
                "w",
                "d",
                "children",
                "s",
                "nurse"
            ]
        );
    }

    proptest! {
        #[test]
        fn idempotent(s in "\\PC{0,40}") {
            let once = fold_for_search(&s);
            prop_assert_eq!(fold_for_search(&once), once);
        }

        #[test]
        fn idempotent_on_latin_and_vietnamese(
            s in "[a-zA-ZäöüÄÖÜßẞđĐăâêôơưĂÂÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ÆæØøŁłŒœ-]{0,40}"
        ) {
            let once = fold_for_search(&s);
            prop_assert!(once.is_ascii(), "{once}");
            prop_assert_eq!(fold_for_search(&once), once);
        }

        #[test]
        fn ascii_lowercase_is_unchanged(s in "[ -@\\[-~]{0,40}") {
            prop_assert_eq!(fold_for_search(&s), s);
        }

        #[test]
        fn case_insensitive(s in "[a-zA-ZäöüÄÖÜßđĐăâêôơưĂÂÊÔƠƯàáạằắậèéệìíòóọờớùúụừứỳýÆæØøŁłŒœçÇñÑ ]{0,30}") {
            prop_assert_eq!(
                fold_for_search(&s.to_uppercase()),
                fold_for_search(&s.to_lowercase())
            );
        }
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("nurse", "nurse"));
        assert!(within_one_edit("nurse", "nurze"));
        assert!(within_one_edit("nurse", "nusre"));
        assert!(within_one_edit("nurse", "nurses"));
        assert!(within_one_edit("nurse", "nure"));
        assert!(within_one_edit("nurse", "anurse"));
        assert!(!within_one_edit("nurse", "nrsu"));
        assert!(!within_one_edit("nurse", "nruze"));
        assert!(!within_one_edit("nurse", "nursery"));
    }

    #[test]
    fn keys_of_a_typo_meet() {
        let a = search_keys("Mekong Medical", 4);
        let b = search_keys("mekomg", 4);
        assert!(b.iter().any(|k| a.contains(k)));
        assert!(search_keys("Công ty", 4).contains(&"cong".to_owned()));
        assert_eq!(search_keys("ty", 4), ["ty"]);
        // Kanji: character pairs, so a part of the name finds it.
        assert!(search_keys("メコン医療機器", 4).contains(&"医療".to_owned()));
        assert_eq!(query_key_groups("医療", 4), [vec!["医療".to_owned()]]);
        assert_eq!(query_key_groups("Mekong", 4)[0].len(), 7);
    }
}
