//! The keys by which two records of the partner network are taken for the same: an
//! organisation's name without case, diacritics, punctuation and legal form, its web domain,
//! a person's e-mail address and phone number. Equal keys make a candidate pair; the
//! duplicate finder groups records by key (one pass, no comparison of every pair) and the
//! import links a line to the record whose key it shares. No IO.

use crate::fold::{fold_for_search, tokens};

/// Legal forms and their parts as folded tokens, after dots are removed (`e.V.` → `ev`,
/// `K.K.` → `kk`, `Co., Ltd.` → `co`, `ltd`): German, English, Vietnamese (in ASCII after
/// folding: `TNHH`, `CTCP`), Japanese in romaji, and the forms partners abroad write.
const LEGAL_FORMS: &[&str] = &[
    // German
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "kgaa",
    "ohg",
    "gbr",
    "ug",
    "ev",
    "eg",
    "se",
    "haftungsbeschrankt",
    "gemeinnutzige",
    "ggmbh",
    // English and international
    "co",
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "llc",
    "llp",
    "plc",
    "lp",
    "jsc",
    "pjsc",
    "sa",
    "sas",
    "sarl",
    "spa",
    "srl",
    "bv",
    "nv",
    "ab",
    "oy",
    "pty",
    "pte",
    "bhd",
    "sdn",
    "tbk",
    // Vietnamese (Công ty TNHH, Công ty Cổ phần, CTCP)
    "tnhh",
    "ctcp",
    "mtv",
    // Japanese in romaji (Kabushiki Kaisha, K.K., Yūgen Kaisha, Gōdō Kaisha)
    "kk",
    "kabushiki",
    "kaisha",
    "yugen",
    "godo",
];

/// Legal forms of two words, dropped together (each word alone may be part of a name).
const LEGAL_PAIRS: &[(&str, &str)] = &[("cong", "ty"), ("co", "phan"), ("trach", "nhiem")];

/// Legal forms in scripts written without spaces: removed from the folded text wherever they
/// stand (`桜精密株式会社` → `桜精密`).
const LEGAL_UNSPACED: &[&str] = &[
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "股份有限公司",
    "有限公司",
    "(株)",
    "(有)",
];

/// The name of an organisation as it is compared for duplicates: folded (no case, no
/// diacritics, `ß` → `ss`), dots dropped, punctuation as spaces, legal forms removed, words
/// joined by one space. `Müller Logistik GmbH & Co. KG` and `MUELLER`… differ (a transliteration
/// is not a typo), but `Müller Logistik GmbH`, `müller logistik AG` and `Muller-Logistik`
/// share `muller logistik`. A name that is nothing but a legal form keeps its words.
pub fn org_name_key(name: &str) -> String {
    let mut folded = fold_for_search(name);
    for form in LEGAL_UNSPACED {
        if folded.contains(form) {
            folded = folded.replace(form, " ");
        }
    }
    // `e.V.`, `K.K.`, `S.A.`: abbreviations written with dots become one token.
    let folded: String = folded
        .chars()
        .filter(|c| *c != '.' && *c != '\'' && *c != '’')
        .collect();
    let words: Vec<&str> = tokens(&folded).collect();
    let mut kept: Vec<&str> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if i + 1 < words.len() && LEGAL_PAIRS.contains(&(words[i], words[i + 1])) {
            i += 2;
            continue;
        }
        if !LEGAL_FORMS.contains(&words[i]) {
            kept.push(words[i]);
        }
        i += 1;
    }
    if kept.is_empty() {
        return words.join(" ");
    }
    kept.join(" ")
}

/// The web domain of a website (`https://www.Example.de/kontakt` → `example.de`): lower case,
/// without scheme, `www.`, user, port, path, query; `None` for text that holds no domain.
pub fn web_domain(url: &str) -> Option<String> {
    let s = url.trim().to_lowercase();
    let s = s.split_once("://").map_or(s.as_str(), |(_, rest)| rest);
    let host = s.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("");
    let host = host.trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    let ok = host.contains('.')
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    ok.then(|| host.to_owned())
}

/// An e-mail address as compared: trimmed, lower case; `None` for blank or no `@`.
pub fn email_key(email: &str) -> Option<String> {
    let e = email.trim().to_lowercase();
    (e.contains('@') && e.len() > 2).then_some(e)
}

/// A phone number as compared: `+` and the digits of the international number. `00` starts an
/// international number, a single leading `0` a German one (`0341 123-45` → `+4934112345`:
/// the agency's numbers are German unless written otherwise); a German trunk `(0)` after the
/// country code is dropped (`+49 (0)341 …`). `None` for fewer than six digits.
pub fn phone_key(phone: &str) -> Option<String> {
    let t = phone.trim();
    let t = t.replace("(0)", "");
    let international = t.starts_with('+');
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let number = if international {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("49{rest}")
    } else {
        digits
    };
    (number.len() >= 6).then(|| format!("+{number}"))
}

/// A person's name as compared (family and given names folded, in either order): used with
/// an organisation, never alone (two people may share a name).
pub fn person_name_key(family: &str, given: &str) -> String {
    let mut words: Vec<String> = tokens(&fold_for_search(&format!("{family} {given}")))
        .map(str::to_owned)
        .collect();
    words.sort();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_case_and_diacritics_do_not_matter() {
        let same = [
            "Müller Logistik GmbH",
            "MÜLLER LOGISTIK AG",
            "Müller-Logistik GmbH & Co. KG",
            "Muller Logistik e.V.",
            "müller logistik SE",
            "Müller Logistik Ltd.",
            "Müller Logistik Co., Ltd",
            "Müller Logistik Inc.",
            "Müller Logistik JSC",
            "Müller Logistik UG (haftungsbeschränkt)",
        ];
        for n in same {
            assert_eq!(org_name_key(n), "muller logistik", "{n}");
        }
        assert_eq!(
            org_name_key("Công ty TNHH Thiết bị Y tế Mekong"),
            "thiet bi y te mekong"
        );
        assert_eq!(
            org_name_key("Công ty Cổ phần Dược Sài Gòn"),
            org_name_key("Duoc Sai Gon JSC")
        );
        assert_eq!(org_name_key("桜精密株式会社"), "桜精密");
        assert_eq!(org_name_key("Sakura Seimitsu K.K."), "sakura seimitsu");
        assert_eq!(
            org_name_key("Sakura Seimitsu Kabushiki Kaisha"),
            "sakura seimitsu"
        );
        assert_eq!(org_name_key("Straße & Söhne"), "strasse sohne");
    }

    #[test]
    fn different_names_stay_different() {
        assert_ne!(
            org_name_key("Müller Logistik"),
            org_name_key("Müller Logik")
        );
        assert_ne!(
            org_name_key("Mekong Medical Supplies (Demo)"),
            org_name_key("Mekong Medical Supplies")
        );
        // A name that is only a legal form is not emptied (it would match every other).
        assert_eq!(org_name_key("AG"), "ag");
        assert_eq!(org_name_key("  "), "");
    }

    #[test]
    fn web_domains() {
        assert_eq!(
            web_domain("https://www.Example.de/kontakt?x=1").as_deref(),
            Some("example.de")
        );
        assert_eq!(web_domain("example.de").as_deref(), Some("example.de"));
        assert_eq!(
            web_domain("http://user@shop.example.com:8080/").as_deref(),
            Some("shop.example.com")
        );
        assert_eq!(
            web_domain("https://mekong.com.vn").as_deref(),
            Some("mekong.com.vn")
        );
        assert_eq!(web_domain("keine"), None);
        assert_eq!(web_domain(""), None);
    }

    #[test]
    fn phones_and_emails() {
        let same = [
            "+49 341 123-45 67",
            "0049 341 1234567",
            "0341 / 123 45 67",
            "+49 (0)341 1234567",
            "(0341) 1234567",
        ];
        for p in same {
            assert_eq!(phone_key(p).as_deref(), Some("+493411234567"), "{p}");
        }
        assert_eq!(
            phone_key("+84 28 3822 1234").as_deref(),
            Some("+842838221234")
        );
        assert_ne!(phone_key("+84 28 3822 1234"), phone_key("+49 28 3822 1234"));
        assert_eq!(phone_key("112"), None);
        assert_eq!(
            email_key(" Anh@Mekong.Example.VN ").as_deref(),
            Some("anh@mekong.example.vn")
        );
        assert_eq!(email_key("  "), None);
        assert_eq!(
            person_name_key("Nguyễn", "Thị Ánh"),
            person_name_key("thi anh", "NGUYEN")
        );
    }
}
