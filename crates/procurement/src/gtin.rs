//! GTIN (GS1 Global Trade Item Number): check digit and normalisation to 14 digits.

/// A GTIN-8, -12, -13 or -14 with a valid check digit, as 14 digits (left-padded with zeros);
/// `None` for anything else.
pub fn normalise(s: &str) -> Option<String> {
    let s = s.trim();
    if !matches!(s.len(), 8 | 12 | 13 | 14) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let padded = format!("{s:0>14}");
    let digits: Vec<u32> = padded.bytes().map(|b| u32::from(b - b'0')).collect();
    // Weights 3, 1, 3, … from the right, the check digit excluded.
    let sum: u32 = digits[..13]
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d })
        .sum();
    ((10 - sum % 10) % 10 == digits[13]).then_some(padded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        assert_eq!(
            normalise("4006381333931").as_deref(),
            Some("04006381333931")
        );
        assert_eq!(normalise("96385074").as_deref(), Some("00000096385074"));
        assert_eq!(normalise("036000291452").as_deref(), Some("00036000291452"));
        assert!(normalise("4006381333932").is_none());
        assert!(normalise("40063813339").is_none());
        assert!(normalise("40063813339x1").is_none());
    }
}
