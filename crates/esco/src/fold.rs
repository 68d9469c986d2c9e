//! Case- and diacritic-insensitive folding for search.

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
pub(crate) fn tokens(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
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
}
