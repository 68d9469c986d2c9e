//! Demo records of the showcase, in the one demo world: forty producers of every category
//! spread over the synthetic Landkreis Leipzig of the demography demo (its six towns and their
//! localities), their products with seasons and prices, opening hours, five weekly markets on
//! fixed weekdays and three events in the coming weeks, one producer login with a draft
//! waiting for review, and synthetic municipal boundaries for the map (a grid of rectangles,
//! labelled synthetic — not the real boundaries). Deterministic: the same records every time
//! (the events' dates count from the day the demo is loaded).

use serde_json::json;
use standort_domain::showcase::{Category, Months, QualityLabel, Unit, slugify};
use standort_domain::{Language, NewPassword, OrgKind, Role};
use standort_store::demography::find_region_by_key;
use standort_store::orgs::{self, NewOrganisation};
use standort_store::showcase::{
    self as store, Hours, MarketData, ProducerData, ProductData, Retailer, Texts,
};
use standort_store::users::{self, NewUser};

use crate::{App, AppError, auth};

/// The demo producer's login (its organisation is the first producer below).
pub const PRODUCER_LOGIN: &str = "producer@demo.standort.example";

/// (name, category, region key, street)
const PRODUCERS: &[(&str, Category, &str, &str)] = &[
    (
        "Hofladen Nerchau (Demo)",
        Category::FarmShop,
        "14729160001",
        "Dorfstraße 4",
    ),
    (
        "Bäckerei Mutzschen (Demo)",
        Category::Bakery,
        "14729160002",
        "Markt 7",
    ),
    (
        "Brauhaus Colditz (Demo)",
        Category::Brewery,
        "14729080",
        "Schlossgasse 2",
    ),
    (
        "Ziegenhof Zedtlitz (Demo)",
        Category::CheeseMaker,
        "14729050002",
        "Am Anger 11",
    ),
    (
        "Landfleischerei Grimma (Demo)",
        Category::Butcher,
        "14729160",
        "Lange Straße 21",
    ),
    (
        "Imkerei Höfgen (Demo)",
        Category::Beekeeper,
        "14729160004",
        "Muldenweg 3",
    ),
    (
        "Obstweinkellerei Grimma (Demo)",
        Category::Winery,
        "14729160",
        "Klosterweg 9",
    ),
    (
        "Töpferei Colditz (Demo)",
        Category::Potter,
        "14729080",
        "Töpfergasse 5",
    ),
    (
        "Drechslerei Mutzschen (Demo)",
        Category::Woodworker,
        "14729160002",
        "Schulstraße 12",
    ),
    (
        "Blaudruckerei Grimma (Demo)",
        Category::TextileMaker,
        "14729160",
        "Baderplatz 1",
    ),
    (
        "Obsthof Höfgen (Demo)",
        Category::FarmShop,
        "14729160004",
        "Obstweg 1",
    ),
    (
        "Landbäckerei Eula (Demo)",
        Category::Bakery,
        "14729050001",
        "Hauptstraße 30",
    ),
    (
        "Gosebrauerei Markkleeberg (Demo)",
        Category::Brewery,
        "14729270",
        "Seeufer 8",
    ),
    (
        "Käserei Muldental (Demo)",
        Category::CheeseMaker,
        "14729160",
        "Mühlstraße 6",
    ),
    (
        "Fleischerei Wurzen (Demo)",
        Category::Butcher,
        "14729410",
        "Jacobsplatz 4",
    ),
    (
        "Bienenhof Naunhof (Demo)",
        Category::Beekeeper,
        "14729320",
        "Am Lindenhain 2",
    ),
    (
        "Mosterei Mutzschen (Demo)",
        Category::Winery,
        "14729160002",
        "Kelterweg 5",
    ),
    (
        "Keramikwerkstatt Nerchau (Demo)",
        Category::Potter,
        "14729160001",
        "Hafenstraße 2",
    ),
    (
        "Holzwerkstatt Borna (Demo)",
        Category::Woodworker,
        "14729050",
        "Reichstorstraße 15",
    ),
    (
        "Wollmanufaktur Eula (Demo)",
        Category::TextileMaker,
        "14729050001",
        "Schäfereiweg 4",
    ),
    (
        "Spargelhof Großbardau (Demo)",
        Category::FarmShop,
        "14729160003",
        "Feldweg 10",
    ),
    (
        "Backstube am Markt Wurzen (Demo)",
        Category::Bakery,
        "14729410",
        "Markt 3",
    ),
    (
        "Hausbrauerei Naunhof (Demo)",
        Category::Brewery,
        "14729320",
        "Brauhausgasse 1",
    ),
    (
        "Hofkäserei Naunhof (Demo)",
        Category::CheeseMaker,
        "14729320",
        "Erdmannshainer Weg 7",
    ),
    (
        "Wildhandel Colditzer Forst (Demo)",
        Category::Butcher,
        "14729080",
        "Forstweg 22",
    ),
    (
        "Imkerei am Pleißeufer (Demo)",
        Category::Beekeeper,
        "14729270",
        "Pleißeweg 5",
    ),
    (
        "Holundergarten Wurzen (Demo)",
        Category::Winery,
        "14729410",
        "Gartenstraße 17",
    ),
    (
        "Steinzeug Großbardau (Demo)",
        Category::Potter,
        "14729160003",
        "Lehmgrube 2",
    ),
    (
        "Tischlerei Wurzen (Demo)",
        Category::Woodworker,
        "14729410",
        "Werkstattweg 6",
    ),
    (
        "Filzwerkstatt Markkleeberg (Demo)",
        Category::TextileMaker,
        "14729270",
        "Parkstraße 9",
    ),
    (
        "Gemüsegarten Nguyễn (Demo)",
        Category::FarmShop,
        "14729270",
        "Gartenweg 14",
    ),
    (
        "Bánh mì Borna (Demo)",
        Category::Bakery,
        "14729050",
        "Markt 12",
    ),
    (
        "Klosterbräu Zedtlitz (Demo)",
        Category::Brewery,
        "14729050002",
        "Klosterhof 1",
    ),
    (
        "Schafhof Colditz (Demo)",
        Category::CheeseMaker,
        "14729080",
        "Schäferei 3",
    ),
    (
        "Hofschlachterei Eula (Demo)",
        Category::Butcher,
        "14729050001",
        "Gutshof 2",
    ),
    (
        "Honighaus Borna (Demo)",
        Category::Beekeeper,
        "14729050",
        "Wettinstraße 8",
    ),
    (
        "Likörmanufaktur Colditz (Demo)",
        Category::Winery,
        "14729080",
        "Tiergartenstraße 4",
    ),
    (
        "Töpferhof Naunhof (Demo)",
        Category::Potter,
        "14729320",
        "Töpferweg 1",
    ),
    (
        "Schnitzstube Höfgen (Demo)",
        Category::Woodworker,
        "14729160004",
        "Fährweg 2",
    ),
    (
        "Webstube Zedtlitz (Demo)",
        Category::TextileMaker,
        "14729050002",
        "Webergasse 5",
    ),
];

/// (name de, name en, unit, season months, price range in cents)
type DemoProduct = (
    &'static str,
    &'static str,
    Unit,
    &'static [u8],
    Option<(i64, i64)>,
);

const ALL_YEAR: &[u8] = &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

fn products_of(c: Category) -> &'static [DemoProduct] {
    match c {
        Category::FarmShop => &[
            (
                "Kartoffeln",
                "Potatoes",
                Unit::Kilogram,
                &[7, 8, 9, 10, 11, 12, 1, 2, 3],
                Some((180, 260)),
            ),
            (
                "Spargel",
                "Asparagus",
                Unit::Kilogram,
                &[4, 5, 6],
                Some((900, 1500)),
            ),
            (
                "Äpfel",
                "Apples",
                Unit::Kilogram,
                &[8, 9, 10, 11, 12, 1, 2, 3],
                Some((250, 350)),
            ),
            (
                "Eier aus Freilandhaltung",
                "Free-range eggs",
                Unit::Set,
                ALL_YEAR,
                Some((380, 420)),
            ),
        ],
        Category::Bakery => &[
            (
                "Sauerteigbrot",
                "Sourdough bread",
                Unit::Loaf,
                ALL_YEAR,
                Some((450, 650)),
            ),
            (
                "Leipziger Lerche",
                "Leipzig lark pastry",
                Unit::Piece,
                ALL_YEAR,
                Some((290, 290)),
            ),
            (
                "Stollen",
                "Christmas stollen",
                Unit::Piece,
                &[11, 12],
                Some((1400, 2600)),
            ),
            (
                "Pflaumenkuchen",
                "Plum cake",
                Unit::Piece,
                &[8, 9, 10],
                Some((250, 250)),
            ),
        ],
        Category::Brewery => &[
            (
                "Leipziger Gose",
                "Leipzig Gose",
                Unit::Bottle,
                ALL_YEAR,
                Some((290, 350)),
            ),
            (
                "Maibock",
                "May bock",
                Unit::Bottle,
                &[4, 5],
                Some((320, 320)),
            ),
            (
                "Winterbock",
                "Winter bock",
                Unit::Bottle,
                &[11, 12, 1, 2],
                Some((340, 340)),
            ),
        ],
        Category::CheeseMaker => &[
            (
                "Ziegenfrischkäse",
                "Fresh goat's cheese",
                Unit::Grams100,
                &[3, 4, 5, 6, 7, 8, 9, 10],
                Some((290, 340)),
            ),
            (
                "Muldentaler Bergkäse",
                "Mulde valley mountain cheese",
                Unit::Grams100,
                ALL_YEAR,
                Some((320, 380)),
            ),
            ("Quark", "Quark", Unit::Jar, ALL_YEAR, Some((220, 220))),
        ],
        Category::Butcher => &[
            (
                "Leberwurst im Glas",
                "Liver sausage in a jar",
                Unit::Jar,
                ALL_YEAR,
                Some((450, 520)),
            ),
            (
                "Thüringer Rostbratwurst",
                "Grilling sausage",
                Unit::Piece,
                &[4, 5, 6, 7, 8, 9],
                Some((150, 190)),
            ),
            (
                "Wildschweinsalami",
                "Wild boar salami",
                Unit::Grams100,
                &[10, 11, 12, 1, 2],
                Some((390, 450)),
            ),
        ],
        Category::Beekeeper => &[
            (
                "Rapshonig",
                "Rapeseed honey",
                Unit::Jar,
                ALL_YEAR,
                Some((550, 650)),
            ),
            (
                "Lindenblütenhonig",
                "Lime blossom honey",
                Unit::Jar,
                &[7, 8, 9, 10, 11, 12],
                Some((650, 750)),
            ),
            (
                "Bienenwachskerzen",
                "Beeswax candles",
                Unit::Piece,
                &[10, 11, 12],
                Some((400, 1200)),
            ),
        ],
        Category::Winery => &[
            (
                "Apfelwein",
                "Cider",
                Unit::Bottle,
                ALL_YEAR,
                Some((590, 790)),
            ),
            (
                "Holunderblütensirup",
                "Elderflower syrup",
                Unit::Bottle,
                &[5, 6, 7, 8, 9],
                Some((490, 490)),
            ),
            (
                "Quittenlikör",
                "Quince liqueur",
                Unit::Bottle,
                &[10, 11, 12],
                Some((1490, 1890)),
            ),
        ],
        Category::Potter => &[
            (
                "Salzglasierter Krug",
                "Salt-glazed jug",
                Unit::Piece,
                ALL_YEAR,
                Some((3500, 6500)),
            ),
            (
                "Frühstücksteller",
                "Breakfast plate",
                Unit::Piece,
                ALL_YEAR,
                Some((1800, 2400)),
            ),
            ("Kaffeebecher", "Coffee mug", Unit::Piece, ALL_YEAR, None),
        ],
        Category::Woodworker => &[
            (
                "Schneidebrett aus Eiche",
                "Oak chopping board",
                Unit::Piece,
                ALL_YEAR,
                Some((2900, 5900)),
            ),
            (
                "Kochlöffel-Set",
                "Wooden spoon set",
                Unit::Set,
                ALL_YEAR,
                Some((1900, 1900)),
            ),
            (
                "Räuchermann",
                "Incense smoker figure",
                Unit::Piece,
                &[10, 11, 12],
                Some((4500, 8900)),
            ),
        ],
        Category::TextileMaker => &[
            (
                "Wollschal",
                "Wool scarf",
                Unit::Piece,
                &[9, 10, 11, 12, 1, 2, 3],
                Some((4900, 7900)),
            ),
            (
                "Blaudruck-Tischdecke",
                "Blueprint tablecloth",
                Unit::Piece,
                ALL_YEAR,
                Some((6900, 12900)),
            ),
            (
                "Filzpantoffeln",
                "Felt slippers",
                Unit::Piece,
                &[10, 11, 12, 1, 2],
                Some((3900, 4900)),
            ),
        ],
    }
}

/// (tagline de, tagline en, tagline vi, story de, story en)
fn texts_of(
    c: Category,
) -> (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
) {
    match c {
        Category::FarmShop => (
            "Frisch vom Feld in den Korb",
            "Fresh from the field to your basket",
            "Tươi từ cánh đồng",
            "Wir bauen Gemüse und Obst auf unseren Feldern an der Mulde an und verkaufen es im eigenen Hofladen. Was gerade wächst, liegt im Regal.",
            "We grow vegetables and fruit on our fields by the Mulde and sell them in our own farm shop. What grows now is on the shelf.",
        ),
        Category::Bakery => (
            "Brot mit Zeit gebacken",
            "Bread baked with time",
            "Bánh mì nướng thủ công",
            "Unser Sauerteig reift über Nacht, das Mehl kommt aus der Mühle im Nachbarort. Gebacken wird jeden Morgen ab drei Uhr.",
            "Our sourdough ripens overnight; the flour comes from the mill in the next village. We bake every morning from three o'clock.",
        ),
        Category::Brewery => (
            "Gebraut nach alter Leipziger Art",
            "Brewed the old Leipzig way",
            "Bia nấu theo kiểu Leipzig",
            "Die Gose mit Koriander und Salz gehört zu Leipzig wie das Völkerschlachtdenkmal. Wir brauen sie und saisonale Böcke in kleinen Suden.",
            "Gose with coriander and salt belongs to Leipzig. We brew it and seasonal bocks in small batches.",
        ),
        Category::CheeseMaker => (
            "Käse von eigenen Tieren",
            "Cheese from our own animals",
            "Phô mai từ trang trại",
            "Unsere Ziegen und Kühe stehen von April bis Oktober auf der Weide. Die Milch verarbeiten wir am selben Tag zu Käse und Quark.",
            "Our goats and cows graze from April to October. We turn the milk into cheese and quark on the same day.",
        ),
        Category::Butcher => (
            "Wurst wie früher",
            "Sausage the way it used to be",
            "Xúc xích truyền thống",
            "Wir schlachten selbst, Tiere aus der Region, kurze Wege. Die Leberwurst kocht nach dem Rezept des Großvaters.",
            "We slaughter ourselves, animals from the region, short journeys. The liver sausage follows grandfather's recipe.",
        ),
        Category::Beekeeper => (
            "Honig aus dem Muldental",
            "Honey from the Mulde valley",
            "Mật ong vùng Mulde",
            "Unsere Völker stehen an Rapsfeldern, Linden und Obstwiesen. Der Honig wird kalt geschleudert und nicht erhitzt.",
            "Our colonies stand by rapeseed fields, lime trees and orchards. The honey is cold-extracted and never heated.",
        ),
        Category::Winery => (
            "Aus Streuobst gekeltert",
            "Pressed from meadow orchards",
            "Rượu trái cây địa phương",
            "Wir keltern Äpfel, Birnen und Quitten alter Sorten von Streuobstwiesen der Umgebung.",
            "We press apples, pears and quinces of old varieties from the meadow orchards around.",
        ),
        Category::Potter => (
            "Gedreht, glasiert, gebrannt",
            "Thrown, glazed, fired",
            "Gốm thủ công",
            "In unserer Werkstatt entsteht Gebrauchskeramik aus Ton der Region, salzglasiert im Holzbrandofen.",
            "Our workshop makes everyday pottery from regional clay, salt-glazed in a wood-fired kiln.",
        ),
        Category::Woodworker => (
            "Holz aus dem Colditzer Forst",
            "Wood from the Colditz forest",
            "Đồ gỗ thủ công",
            "Wir verarbeiten Eiche, Buche und Kirsche aus den Wäldern der Umgebung zu Dingen für Küche und Tisch.",
            "We make things for kitchen and table from oak, beech and cherry of the nearby woods.",
        ),
        Category::TextileMaker => (
            "Wolle, Filz und Blaudruck",
            "Wool, felt and blueprint",
            "Dệt may thủ công",
            "Wir färben, drucken und filzen von Hand: Blaudruck nach sächsischer Tradition und Wolle von Schafen aus dem Landkreis.",
            "We dye, print and felt by hand: blueprint in the Saxon tradition and wool from sheep of the district.",
        ),
    }
}

/// Opening hours of the own shop by category: (weekdays, opens, closes) ranges.
fn hours_of(c: Category, i: usize) -> Vec<Hours> {
    let ranges: &[(&[u8], u16, u16)] = match c {
        Category::FarmShop => &[(&[1, 2, 3, 4], 9 * 60, 18 * 60), (&[5], 8 * 60, 12 * 60)],
        Category::Bakery => &[
            (&[0, 1, 2, 3, 4], 6 * 60, 18 * 60),
            (&[5], 6 * 60, 11 * 60),
            (&[6], 7 * 60, 10 * 60),
        ],
        Category::Brewery => &[(&[3, 4, 5], 16 * 60, 22 * 60), (&[6], 11 * 60, 18 * 60)],
        Category::Butcher => &[(&[0, 1, 2, 3, 4], 7 * 60, 18 * 60), (&[5], 7 * 60, 12 * 60)],
        Category::CheeseMaker | Category::Beekeeper | Category::Winery => {
            &[(&[2, 4], 14 * 60, 18 * 60), (&[5], 9 * 60, 13 * 60)]
        }
        _ => &[(&[1, 2, 3, 4], 10 * 60, 17 * 60), (&[5], 10 * 60, 14 * 60)],
    };
    // Every seventh producer also opens on Sunday afternoons (a café, a workshop).
    let mut out: Vec<Hours> = ranges
        .iter()
        .flat_map(|(days, o, c)| {
            days.iter().map(move |d| Hours {
                weekday: *d,
                opens: *o,
                closes: *c,
            })
        })
        .collect();
    if i % 7 == 3 && !out.iter().any(|h| h.weekday == 6) {
        out.push(Hours {
            weekday: 6,
            opens: 13 * 60,
            closes: 17 * 60,
        });
    }
    out
}

fn labels_of(c: Category, i: usize) -> Vec<QualityLabel> {
    let mut l = Vec::new();
    if i.is_multiple_of(3)
        && !matches!(
            c,
            Category::Potter | Category::Woodworker | Category::TextileMaker
        )
    {
        l.push(if i.is_multiple_of(9) {
            QualityLabel::Demeter
        } else {
            QualityLabel::Organic
        });
    }
    if i.is_multiple_of(2) {
        l.push(QualityLabel::RegionalBrand);
    }
    if matches!(
        c,
        Category::Bakery | Category::Potter | Category::Woodworker | Category::TextileMaker
    ) {
        l.push(QualityLabel::Handmade);
    }
    if matches!(c, Category::Butcher | Category::CheeseMaker) && i % 4 != 1 {
        l.push(QualityLabel::AnimalWelfare);
    }
    if i.is_multiple_of(7) {
        l.push(QualityLabel::SlowFood);
    }
    l
}

/// The synthetic map: each of the six towns a rectangle of a 3 × 2 grid over the district's
/// rough extent (longitude 12.30–12.90, latitude 51.10–51.40), placed like the real towns
/// (Markkleeberg north-west, Colditz south-east). (region key, column, row)
const GRID: &[(&str, usize, usize)] = &[
    ("14729270", 0, 0),
    ("14729320", 1, 0),
    ("14729410", 2, 0),
    ("14729050", 0, 1),
    ("14729160", 1, 1),
    ("14729080", 2, 1),
];
const LON0: f64 = 12.30;
const LAT0: f64 = 51.40;
const CELL_LON: f64 = 0.2;
const CELL_LAT: f64 = 0.15;

fn cell_of(key: &str) -> (usize, usize) {
    let town = &key[..key.len().min(8)];
    GRID.iter()
        .find(|(k, _, _)| *k == town)
        .map(|(_, c, r)| (*c, *r))
        .unwrap_or((1, 1))
}

fn texts(pairs: &[(&str, &str)]) -> Texts {
    pairs
        .iter()
        .filter(|(_, t)| !t.is_empty())
        .map(|(l, t)| ((*l).to_owned(), (*t).to_owned()))
        .collect()
}

/// A demo market: German and English name, the region's key, the place, its weekday (none for
/// a dated event), opening and closing minute, and an event's first and last day in days from
/// today.
type DemoMarket = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<u8>,
    u16,
    u16,
    Option<(i64, i64)>,
);

/// Loads the showcase demo (called from `App::load_demo` after the demography demo, whose
/// regions it places the producers in).
pub async fn load_showcase_demo(app: &App) -> Result<(), AppError> {
    let now = app.now();
    let today = crate::network::day_start(now);
    let hash = auth::hash_password(&NewPassword::parse(crate::demo::DEMO_PASSWORD)?).await?;
    let mut tx = app.db.begin_write().await?;
    // Synthetic boundaries of the six towns.
    for (key, col, row) in GRID {
        let Some(region) = find_region_by_key(&mut tx, key).await? else {
            continue;
        };
        let (w, n) = (LON0 + *col as f64 * CELL_LON, LAT0 - *row as f64 * CELL_LAT);
        let (e, s) = (w + CELL_LON, n - CELL_LAT);
        // A notch on one side, so the shapes are not mistaken for real boundaries' squares.
        let notch = (w + CELL_LON * 0.5, n - CELL_LAT * 0.15);
        let geometry = json!({
            "type": "Polygon",
            "coordinates": [[[w, n], [notch.0 - 0.03, n], notch_pt(notch), [notch.0 + 0.03, n],
                [e, n], [e, s], [w, s], [w, n]]]
        });
        store::set_boundary(
            &mut tx,
            region.id,
            &geometry.to_string(),
            "synthetic (demo)",
        )
        .await?;
    }
    let mut ids = Vec::new();
    for (i, (name, category, key, street)) in PRODUCERS.iter().enumerate() {
        let org = orgs::insert(
            &mut tx,
            &NewOrganisation {
                name,
                kind: OrgKind::Producer,
                country: "DE",
            },
            now,
        )
        .await?;
        let region = find_region_by_key(&mut tx, key).await?;
        let (col, row) = cell_of(key);
        // A deterministic spot inside the town's rectangle.
        let fx = 0.15 + 0.7 * (((i * 37) % 100) as f64 / 100.0);
        let fy = 0.3 + 0.6 * (((i * 61) % 100) as f64 / 100.0);
        let lon = LON0 + (col as f64 + fx) * CELL_LON;
        let lat = LAT0 - (row as f64 + fy) * CELL_LAT;
        let (tag_de, tag_en, tag_vi, story_de, story_en) = texts_of(*category);
        let vietnamese = name.contains("Nguyễn") || name.contains("Bánh mì");
        let story_vi = if vietnamese {
            "Gia đình chúng tôi đến Leipzig từ Hà Nội. Chúng tôi kết hợp công thức Việt Nam với nguyên liệu địa phương."
        } else {
            ""
        };
        let plain = name.trim_end_matches(" (Demo)");
        let slug = slugify(plain);
        let town = region
            .as_ref()
            .map(|r| r.name.trim_end_matches(" (synthetisch)").to_owned())
            .unwrap_or_default();
        let mut languages = vec!["de".to_owned()];
        if i % 2 == 0 {
            languages.push("en".into());
        }
        if vietnamese {
            languages.push("vi".into());
        }
        if i % 5 == 4 {
            languages.push("pl".into());
        }
        let data = ProducerData {
            category: *category,
            region_id: region.as_ref().map(|r| r.id),
            tagline: texts(&[("de", tag_de), ("en", tag_en), ("vi", tag_vi)]),
            story: texts(&[
                ("de", story_de),
                ("en", if i % 4 == 3 { "" } else { story_en }),
                ("vi", story_vi),
            ]),
            street: (*street).to_owned(),
            postcode: format!("04{:03}", 600 + (i * 7) % 100),
            town,
            lat: Some((lat * 1e5).round() / 1e5),
            lon: Some((lon * 1e5).round() / 1e5),
            phone: format!("+49 3437 {:04}", 1000 + i * 17),
            email: format!("info@{slug}.example"),
            website: if i % 3 == 1 {
                String::new()
            } else {
                format!("https://{slug}.example")
            },
            labels: labels_of(*category, i),
            languages,
            retailers: if i % 3 == 0 {
                vec![Retailer {
                    name: "Regionalladen Muldental (Demo)".into(),
                    town: "Grimma".into(),
                }]
            } else if i % 3 == 2 {
                vec![Retailer {
                    name: "Markthalle Leipzig (Demo)".into(),
                    town: "Leipzig".into(),
                }]
            } else {
                Vec::new()
            },
            own_shop: true,
        };
        let id = store::insert_producer(&mut tx, org.id, &slug, &data, now).await?;
        store::set_hours(&mut tx, id, &hours_of(*category, i)).await?;
        let products: Vec<ProductData> = products_of(*category)
            .iter()
            .map(|(de, en, unit, months, price)| ProductData {
                slug: slugify(de),
                name: texts(&[("de", de), ("en", en)]),
                description: texts(&[("de", &format!("{de} von {plain}, aus der Region."))]),
                unit: *unit,
                season: Months::of(months),
                price_min_cents: price.map(|p| p.0),
                price_max_cents: price.map(|p| p.1),
                labels: if i % 3 == 0 && !matches!(unit, Unit::Piece) {
                    vec![QualityLabel::Organic]
                } else {
                    Vec::new()
                },
            })
            .collect();
        store::set_products(&mut tx, id, &products).await?;
        // All but the last are public; the last waits for the agency's first check.
        store::set_state(&mut tx, id, i + 1 < PRODUCERS.len(), i % 5 == 2, now).await?;
        ids.push((id, *category, *key));
    }
    // Weekly markets on fixed weekdays and three events in the coming weeks.
    let markets: &[DemoMarket] = &[
        (
            "Wochenmarkt Grimma",
            "Grimma weekly market",
            "14729160",
            "Markt",
            Some(1),
            8 * 60,
            13 * 60,
            None,
        ),
        (
            "Wochenmarkt Wurzen",
            "Wurzen weekly market",
            "14729410",
            "Marktplatz",
            Some(2),
            8 * 60,
            13 * 60,
            None,
        ),
        (
            "Wochenmarkt Borna",
            "Borna weekly market",
            "14729050",
            "Markt",
            Some(3),
            8 * 60,
            14 * 60,
            None,
        ),
        (
            "Feierabendmarkt Naunhof",
            "Naunhof after-work market",
            "14729320",
            "Markt",
            Some(4),
            15 * 60,
            19 * 60,
            None,
        ),
        (
            "Bauernmarkt Markkleeberg",
            "Markkleeberg farmers' market",
            "14729270",
            "Rathausplatz",
            Some(5),
            8 * 60,
            12 * 60,
            None,
        ),
        (
            "Töpfermarkt Colditz",
            "Colditz pottery market",
            "14729080",
            "Schlosshof",
            None,
            10 * 60,
            18 * 60,
            Some((9, 10)),
        ),
        (
            "Adventsmarkt der Handwerker Grimma",
            "Grimma craftspeople's Advent market",
            "14729160",
            "Klosterkirche",
            None,
            11 * 60,
            19 * 60,
            Some((16, 18)),
        ),
        (
            "Hoffest Obsthof Höfgen",
            "Höfgen orchard farm festival",
            "14729160004",
            "Obsthof",
            None,
            10 * 60,
            17 * 60,
            Some((30, 30)),
        ),
    ];
    for (m, (de, en, key, place, weekday, opens, closes, days)) in markets.iter().enumerate() {
        let region = find_region_by_key(&mut tx, key).await?;
        let id = store::insert_market(
            &mut tx,
            &MarketData {
                slug: slugify(de),
                name: texts(&[("de", de), ("en", en)]),
                description: texts(&[
                    (
                        "de",
                        if weekday.is_some() {
                            "Erzeuger aus der Region verkaufen frisch vom Stand."
                        } else {
                            "Ein Fest der Erzeuger und Handwerker aus dem Landkreis."
                        },
                    ),
                    (
                        "en",
                        if weekday.is_some() {
                            "Producers of the region sell fresh from their stalls."
                        } else {
                            "A festival of the district's producers and craftspeople."
                        },
                    ),
                ]),
                region_id: region.as_ref().map(|r| r.id),
                place: (*place).to_owned(),
                weekday: *weekday,
                opens_min: Some(*opens),
                closes_min: Some(*closes),
                first_day: days.map(|d| today + d.0 * 86_400),
                last_day: days.map(|d| today + d.1 * 86_400),
            },
            now,
        )
        .await?;
        // Food producers of the town and its localities at its weekly market; craftspeople at
        // the events; every fourth producer also at the next town's market.
        for (i, (pid, category, pkey)) in ids.iter().enumerate() {
            let craft = matches!(
                category,
                Category::Potter | Category::Woodworker | Category::TextileMaker
            );
            let here = pkey.starts_with(&key[..key.len().min(8)]);
            let sells = if weekday.is_some() {
                !craft && (here || i % 4 == m % 4)
            } else {
                craft || (here && i % 2 == 0)
            };
            if sells {
                store::add_market_producer(&mut tx, id, *pid).await?;
            }
        }
    }
    // The producer login, at the first producer.
    let (first_id, _, _) = ids[0];
    let first = store::get_producer(&mut tx, first_id).await?;
    users::insert(
        &mut tx,
        &NewUser {
            org_id: first.org_id,
            email: PRODUCER_LOGIN,
            display_name: "Uwe Lehmann",
            role: Role::Producer,
            password_hash: &hash,
            language: Language::De,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    // A draft of the demo producer waiting for review: a new product for the season.
    let producer = {
        let mut conn = app.db.conn().await?;
        let (user, _) = users::find_for_login(&mut conn, PRODUCER_LOGIN)
            .await?
            .ok_or_else(|| AppError::Internal("demo producer missing".into()))?;
        crate::Actor {
            user,
            client_ip: None,
        }
    };
    let mut view = app.showcase_entry(&producer, first_id).await?;
    view.content.products.push(ProductData {
        slug: "kurbisse".into(),
        name: texts(&[("de", "Kürbisse"), ("en", "Pumpkins")]),
        description: texts(&[("de", "Hokkaido und Butternut vom eigenen Feld.")]),
        unit: Unit::Piece,
        season: Months::of(&[9, 10, 11]),
        price_min_cents: Some(250),
        price_max_cents: Some(450),
        labels: Vec::new(),
    });
    app.propose_showcase_version(&producer, first_id, view.content)
        .await?;
    Ok(())
}

fn notch_pt(p: (f64, f64)) -> [f64; 2] {
    [p.0, p.1]
}
