//! Economic sectors: NACE Rev. 2 (EU) and its German version WZ 2008 share their codes down to
//! the class (four digits); WZ 2008 adds a fifth digit (subclass). A [`Sector`] is a code checked
//! against the divisions of the classification, with the division's official titles.

use crate::ValidationError;

/// A division of NACE Rev. 2 / WZ 2008: two-digit code, section letter, German title (WZ 2008),
/// English title (NACE Rev. 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Division {
    pub code: &'static str,
    pub section: char,
    pub title_de: &'static str,
    pub title_en: &'static str,
}

/// Every division of NACE Rev. 2 / WZ 2008, in code order.
pub const DIVISIONS: &[Division] = &[
    Division {
        code: "01",
        section: 'A',
        title_de: "Landwirtschaft, Jagd und damit verbundene Tätigkeiten",
        title_en: "Crop and animal production, hunting and related service activities",
    },
    Division {
        code: "02",
        section: 'A',
        title_de: "Forstwirtschaft und Holzeinschlag",
        title_en: "Forestry and logging",
    },
    Division {
        code: "03",
        section: 'A',
        title_de: "Fischerei und Aquakultur",
        title_en: "Fishing and aquaculture",
    },
    Division {
        code: "05",
        section: 'B',
        title_de: "Kohlenbergbau",
        title_en: "Mining of coal and lignite",
    },
    Division {
        code: "06",
        section: 'B',
        title_de: "Gewinnung von Erdöl und Erdgas",
        title_en: "Extraction of crude petroleum and natural gas",
    },
    Division {
        code: "07",
        section: 'B',
        title_de: "Erzbergbau",
        title_en: "Mining of metal ores",
    },
    Division {
        code: "08",
        section: 'B',
        title_de: "Gewinnung von Steinen und Erden, sonstiger Bergbau",
        title_en: "Other mining and quarrying",
    },
    Division {
        code: "09",
        section: 'B',
        title_de: "Erbringung von Dienstleistungen für den Bergbau und für die Gewinnung von Steinen und Erden",
        title_en: "Mining support service activities",
    },
    Division {
        code: "10",
        section: 'C',
        title_de: "Herstellung von Nahrungs- und Futtermitteln",
        title_en: "Manufacture of food products",
    },
    Division {
        code: "11",
        section: 'C',
        title_de: "Getränkeherstellung",
        title_en: "Manufacture of beverages",
    },
    Division {
        code: "12",
        section: 'C',
        title_de: "Tabakverarbeitung",
        title_en: "Manufacture of tobacco products",
    },
    Division {
        code: "13",
        section: 'C',
        title_de: "Herstellung von Textilien",
        title_en: "Manufacture of textiles",
    },
    Division {
        code: "14",
        section: 'C',
        title_de: "Herstellung von Bekleidung",
        title_en: "Manufacture of wearing apparel",
    },
    Division {
        code: "15",
        section: 'C',
        title_de: "Herstellung von Leder, Lederwaren und Schuhen",
        title_en: "Manufacture of leather and related products",
    },
    Division {
        code: "16",
        section: 'C',
        title_de: "Herstellung von Holz-, Flecht-, Korb- und Korkwaren (ohne Möbel)",
        title_en: "Manufacture of wood and of products of wood and cork, except furniture",
    },
    Division {
        code: "17",
        section: 'C',
        title_de: "Herstellung von Papier, Pappe und Waren daraus",
        title_en: "Manufacture of paper and paper products",
    },
    Division {
        code: "18",
        section: 'C',
        title_de: "Herstellung von Druckerzeugnissen; Vervielfältigung von bespielten Ton-, Bild- und Datenträgern",
        title_en: "Printing and reproduction of recorded media",
    },
    Division {
        code: "19",
        section: 'C',
        title_de: "Kokerei und Mineralölverarbeitung",
        title_en: "Manufacture of coke and refined petroleum products",
    },
    Division {
        code: "20",
        section: 'C',
        title_de: "Herstellung von chemischen Erzeugnissen",
        title_en: "Manufacture of chemicals and chemical products",
    },
    Division {
        code: "21",
        section: 'C',
        title_de: "Herstellung von pharmazeutischen Erzeugnissen",
        title_en: "Manufacture of basic pharmaceutical products and pharmaceutical preparations",
    },
    Division {
        code: "22",
        section: 'C',
        title_de: "Herstellung von Gummi- und Kunststoffwaren",
        title_en: "Manufacture of rubber and plastic products",
    },
    Division {
        code: "23",
        section: 'C',
        title_de: "Herstellung von Glas und Glaswaren, Keramik, Verarbeitung von Steinen und Erden",
        title_en: "Manufacture of other non-metallic mineral products",
    },
    Division {
        code: "24",
        section: 'C',
        title_de: "Metallerzeugung und -bearbeitung",
        title_en: "Manufacture of basic metals",
    },
    Division {
        code: "25",
        section: 'C',
        title_de: "Herstellung von Metallerzeugnissen",
        title_en: "Manufacture of fabricated metal products, except machinery and equipment",
    },
    Division {
        code: "26",
        section: 'C',
        title_de: "Herstellung von Datenverarbeitungsgeräten, elektronischen und optischen Erzeugnissen",
        title_en: "Manufacture of computer, electronic and optical products",
    },
    Division {
        code: "27",
        section: 'C',
        title_de: "Herstellung von elektrischen Ausrüstungen",
        title_en: "Manufacture of electrical equipment",
    },
    Division {
        code: "28",
        section: 'C',
        title_de: "Maschinenbau",
        title_en: "Manufacture of machinery and equipment n.e.c.",
    },
    Division {
        code: "29",
        section: 'C',
        title_de: "Herstellung von Kraftwagen und Kraftwagenteilen",
        title_en: "Manufacture of motor vehicles, trailers and semi-trailers",
    },
    Division {
        code: "30",
        section: 'C',
        title_de: "Sonstiger Fahrzeugbau",
        title_en: "Manufacture of other transport equipment",
    },
    Division {
        code: "31",
        section: 'C',
        title_de: "Herstellung von Möbeln",
        title_en: "Manufacture of furniture",
    },
    Division {
        code: "32",
        section: 'C',
        title_de: "Herstellung von sonstigen Waren",
        title_en: "Other manufacturing",
    },
    Division {
        code: "33",
        section: 'C',
        title_de: "Reparatur und Installation von Maschinen und Ausrüstungen",
        title_en: "Repair and installation of machinery and equipment",
    },
    Division {
        code: "35",
        section: 'D',
        title_de: "Energieversorgung",
        title_en: "Electricity, gas, steam and air conditioning supply",
    },
    Division {
        code: "36",
        section: 'E',
        title_de: "Wasserversorgung",
        title_en: "Water collection, treatment and supply",
    },
    Division {
        code: "37",
        section: 'E',
        title_de: "Abwasserentsorgung",
        title_en: "Sewerage",
    },
    Division {
        code: "38",
        section: 'E',
        title_de: "Sammlung, Behandlung und Beseitigung von Abfällen; Rückgewinnung",
        title_en: "Waste collection, treatment and disposal activities; materials recovery",
    },
    Division {
        code: "39",
        section: 'E',
        title_de: "Beseitigung von Umweltverschmutzungen und sonstige Entsorgung",
        title_en: "Remediation activities and other waste management services",
    },
    Division {
        code: "41",
        section: 'F',
        title_de: "Hochbau",
        title_en: "Construction of buildings",
    },
    Division {
        code: "42",
        section: 'F',
        title_de: "Tiefbau",
        title_en: "Civil engineering",
    },
    Division {
        code: "43",
        section: 'F',
        title_de: "Vorbereitende Baustellenarbeiten, Bauinstallation und sonstiges Ausbaugewerbe",
        title_en: "Specialised construction activities",
    },
    Division {
        code: "45",
        section: 'G',
        title_de: "Handel mit Kraftfahrzeugen; Instandhaltung und Reparatur von Kraftfahrzeugen",
        title_en: "Wholesale and retail trade and repair of motor vehicles and motorcycles",
    },
    Division {
        code: "46",
        section: 'G',
        title_de: "Großhandel (ohne Handel mit Kraftfahrzeugen)",
        title_en: "Wholesale trade, except of motor vehicles and motorcycles",
    },
    Division {
        code: "47",
        section: 'G',
        title_de: "Einzelhandel (ohne Handel mit Kraftfahrzeugen)",
        title_en: "Retail trade, except of motor vehicles and motorcycles",
    },
    Division {
        code: "49",
        section: 'H',
        title_de: "Landverkehr und Transport in Rohrfernleitungen",
        title_en: "Land transport and transport via pipelines",
    },
    Division {
        code: "50",
        section: 'H',
        title_de: "Schifffahrt",
        title_en: "Water transport",
    },
    Division {
        code: "51",
        section: 'H',
        title_de: "Luftfahrt",
        title_en: "Air transport",
    },
    Division {
        code: "52",
        section: 'H',
        title_de: "Lagerei sowie Erbringung von sonstigen Dienstleistungen für den Verkehr",
        title_en: "Warehousing and support activities for transportation",
    },
    Division {
        code: "53",
        section: 'H',
        title_de: "Post-, Kurier- und Expressdienste",
        title_en: "Postal and courier activities",
    },
    Division {
        code: "55",
        section: 'I',
        title_de: "Beherbergung",
        title_en: "Accommodation",
    },
    Division {
        code: "56",
        section: 'I',
        title_de: "Gastronomie",
        title_en: "Food and beverage service activities",
    },
    Division {
        code: "58",
        section: 'J',
        title_de: "Verlagswesen",
        title_en: "Publishing activities",
    },
    Division {
        code: "59",
        section: 'J',
        title_de: "Herstellung, Verleih und Vertrieb von Filmen und Fernsehprogrammen; Kinos; Tonstudios und Verlegen von Musik",
        title_en: "Motion picture, video and television programme production, sound recording and music publishing activities",
    },
    Division {
        code: "60",
        section: 'J',
        title_de: "Rundfunkveranstalter",
        title_en: "Programming and broadcasting activities",
    },
    Division {
        code: "61",
        section: 'J',
        title_de: "Telekommunikation",
        title_en: "Telecommunications",
    },
    Division {
        code: "62",
        section: 'J',
        title_de: "Erbringung von Dienstleistungen der Informationstechnologie",
        title_en: "Computer programming, consultancy and related activities",
    },
    Division {
        code: "63",
        section: 'J',
        title_de: "Informationsdienstleistungen",
        title_en: "Information service activities",
    },
    Division {
        code: "64",
        section: 'K',
        title_de: "Erbringung von Finanzdienstleistungen",
        title_en: "Financial service activities, except insurance and pension funding",
    },
    Division {
        code: "65",
        section: 'K',
        title_de: "Versicherungen, Rückversicherungen und Pensionskassen (ohne Sozialversicherung)",
        title_en: "Insurance, reinsurance and pension funding, except compulsory social security",
    },
    Division {
        code: "66",
        section: 'K',
        title_de: "Mit Finanz- und Versicherungsdienstleistungen verbundene Tätigkeiten",
        title_en: "Activities auxiliary to financial services and insurance activities",
    },
    Division {
        code: "68",
        section: 'L',
        title_de: "Grundstücks- und Wohnungswesen",
        title_en: "Real estate activities",
    },
    Division {
        code: "69",
        section: 'M',
        title_de: "Rechts- und Steuerberatung, Wirtschaftsprüfung",
        title_en: "Legal and accounting activities",
    },
    Division {
        code: "70",
        section: 'M',
        title_de: "Verwaltung und Führung von Unternehmen und Betrieben; Unternehmensberatung",
        title_en: "Activities of head offices; management consultancy activities",
    },
    Division {
        code: "71",
        section: 'M',
        title_de: "Architektur- und Ingenieurbüros; technische, physikalische und chemische Untersuchung",
        title_en: "Architectural and engineering activities; technical testing and analysis",
    },
    Division {
        code: "72",
        section: 'M',
        title_de: "Forschung und Entwicklung",
        title_en: "Scientific research and development",
    },
    Division {
        code: "73",
        section: 'M',
        title_de: "Werbung und Marktforschung",
        title_en: "Advertising and market research",
    },
    Division {
        code: "74",
        section: 'M',
        title_de: "Sonstige freiberufliche, wissenschaftliche und technische Tätigkeiten",
        title_en: "Other professional, scientific and technical activities",
    },
    Division {
        code: "75",
        section: 'M',
        title_de: "Veterinärwesen",
        title_en: "Veterinary activities",
    },
    Division {
        code: "77",
        section: 'N',
        title_de: "Vermietung von beweglichen Sachen",
        title_en: "Rental and leasing activities",
    },
    Division {
        code: "78",
        section: 'N',
        title_de: "Vermittlung und Überlassung von Arbeitskräften",
        title_en: "Employment activities",
    },
    Division {
        code: "79",
        section: 'N',
        title_de: "Reisebüros, Reiseveranstalter und Erbringung sonstiger Reservierungsdienstleistungen",
        title_en: "Travel agency, tour operator reservation service and related activities",
    },
    Division {
        code: "80",
        section: 'N',
        title_de: "Wach- und Sicherheitsdienste sowie Detekteien",
        title_en: "Security and investigation activities",
    },
    Division {
        code: "81",
        section: 'N',
        title_de: "Gebäudebetreuung; Garten- und Landschaftsbau",
        title_en: "Services to buildings and landscape activities",
    },
    Division {
        code: "82",
        section: 'N',
        title_de: "Erbringung von wirtschaftlichen Dienstleistungen für Unternehmen und Privatpersonen a. n. g.",
        title_en: "Office administrative, office support and other business support activities",
    },
    Division {
        code: "84",
        section: 'O',
        title_de: "Öffentliche Verwaltung, Verteidigung; Sozialversicherung",
        title_en: "Public administration and defence; compulsory social security",
    },
    Division {
        code: "85",
        section: 'P',
        title_de: "Erziehung und Unterricht",
        title_en: "Education",
    },
    Division {
        code: "86",
        section: 'Q',
        title_de: "Gesundheitswesen",
        title_en: "Human health activities",
    },
    Division {
        code: "87",
        section: 'Q',
        title_de: "Heime (ohne Erholungs- und Ferienheime)",
        title_en: "Residential care activities",
    },
    Division {
        code: "88",
        section: 'Q',
        title_de: "Sozialwesen (ohne Heime)",
        title_en: "Social work activities without accommodation",
    },
    Division {
        code: "90",
        section: 'R',
        title_de: "Kreative, künstlerische und unterhaltende Tätigkeiten",
        title_en: "Creative, arts and entertainment activities",
    },
    Division {
        code: "91",
        section: 'R',
        title_de: "Bibliotheken, Archive, Museen, botanische und zoologische Gärten",
        title_en: "Libraries, archives, museums and other cultural activities",
    },
    Division {
        code: "92",
        section: 'R',
        title_de: "Spiel-, Wett- und Lotteriewesen",
        title_en: "Gambling and betting activities",
    },
    Division {
        code: "93",
        section: 'R',
        title_de: "Erbringung von Dienstleistungen des Sports, der Unterhaltung und der Erholung",
        title_en: "Sports activities and amusement and recreation activities",
    },
    Division {
        code: "94",
        section: 'S',
        title_de: "Interessenvertretungen sowie kirchliche und sonstige religiöse Vereinigungen (ohne Sozialwesen und Sport)",
        title_en: "Activities of membership organisations",
    },
    Division {
        code: "95",
        section: 'S',
        title_de: "Reparatur von Datenverarbeitungsgeräten und Gebrauchsgütern",
        title_en: "Repair of computers and personal and household goods",
    },
    Division {
        code: "96",
        section: 'S',
        title_de: "Erbringung von sonstigen überwiegend persönlichen Dienstleistungen",
        title_en: "Other personal service activities",
    },
    Division {
        code: "97",
        section: 'T',
        title_de: "Private Haushalte mit Hauspersonal",
        title_en: "Activities of households as employers of domestic personnel",
    },
    Division {
        code: "98",
        section: 'T',
        title_de: "Herstellung von Waren und Erbringung von Dienstleistungen durch private Haushalte für den Eigenbedarf ohne ausgeprägten Schwerpunkt",
        title_en: "Undifferentiated goods- and services-producing activities of private households for own use",
    },
    Division {
        code: "99",
        section: 'U',
        title_de: "Exterritoriale Organisationen und Körperschaften",
        title_en: "Activities of extraterritorial organisations and bodies",
    },
];

/// A sector code of NACE Rev. 2 / WZ 2008: a division (`21`), group (`21.1`), class (`21.10`) or
/// WZ subclass (`21.10.0`), optionally preceded by its section letter (`C21.10`, kept without).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Sector(String);

impl Sector {
    pub fn parse(raw: &str) -> Result<Sector, ValidationError> {
        let bad = || ValidationError::new("sector", "invalid-sector");
        let s = raw.trim();
        let (letter, code) = match s.chars().next() {
            Some(c) if c.is_ascii_alphabetic() => {
                (Some(c.to_ascii_uppercase()), s[1..].trim_start())
            }
            _ => (None, s),
        };
        let b = code.as_bytes();
        let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
        let shape_ok = match b.len() {
            2 => digit(0) && digit(1),
            4 => digit(0) && digit(1) && b[2] == b'.' && digit(3),
            5 => digit(0) && digit(1) && b[2] == b'.' && digit(3) && digit(4),
            7 => {
                digit(0)
                    && digit(1)
                    && b[2] == b'.'
                    && digit(3)
                    && digit(4)
                    && b[5] == b'.'
                    && digit(6)
            }
            _ => false,
        };
        if !shape_ok {
            return Err(bad());
        }
        let division = division(&code[..2]).ok_or_else(bad)?;
        if letter.is_some_and(|l| l != division.section) {
            return Err(bad());
        }
        Ok(Sector(code.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The division the code belongs to (always known: checked by `parse`).
    pub fn division(&self) -> &'static Division {
        division(&self.0[..2]).expect("checked by parse")
    }
}

/// The division with this two-digit code.
pub fn division(code: &str) -> Option<&'static Division> {
    DIVISIONS.iter().find(|d| d.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_checked_against_the_divisions() {
        assert_eq!(Sector::parse("21.10").unwrap().as_str(), "21.10");
        assert_eq!(Sector::parse("C 21.10").unwrap().as_str(), "21.10");
        assert_eq!(
            Sector::parse("62.01.0").unwrap().division().title_de,
            "Erbringung von Dienstleistungen der Informationstechnologie"
        );
        assert_eq!(Sector::parse("86").unwrap().division().section, 'Q');
        for bad in [
            "", "4", "04", "21.", "21.1x", "X21", "A21.10", "21-10", "100",
        ] {
            assert!(Sector::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(DIVISIONS.len(), 88);
        assert!(DIVISIONS.windows(2).all(|w| w[0].code < w[1].code));
    }
}
