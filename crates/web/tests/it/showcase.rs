//! The regional showcase against the real app with the demo catalogue: public pages without
//! login (no cookie, cache headers, 304, languages, hreflang, JSON-LD that parses, sitemap),
//! no personal data of the producers' people, the forgiving search and filters with the map,
//! the public API and open data, and a producer's change reviewed and published.

use serde_json::Value;

use crate::helpers::{EMPLOYER, STAFF, TestApp, client, csrf_of};
use crate::on_both;

const PRODUCER: &str = "producer@demo.standort.example";

/// Every JSON-LD block of a page, parsed.
fn json_ld(html: &str) -> Vec<Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| {
            let text = rest.split("</script>").next().unwrap();
            serde_json::from_str(text).unwrap_or_else(|e| panic!("JSON-LD {e}: {text}"))
        })
        .collect()
}

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    client().get(app.url(path)).send().await.unwrap()
}

async fn html(app: &TestApp, path: &str) -> String {
    let r = get(app, path).await;
    assert_eq!(r.status(), 200, "GET {path}");
    r.text().await.unwrap()
}

on_both!(
    public_pages_answer_without_login_and_can_be_cached,
    |app: TestApp| async move {
        for path in [
            "/regional",
            "/regional/suche",
            "/regional/maerkte",
            "/regional/offene-daten",
            "/regional/erzeuger/hofladen-nerchau",
            "/regional/erzeuger/hofladen-nerchau/spargel",
            "/regional/maerkte/wochenmarkt-grimma",
            "/regional/maerkte/topfermarkt-colditz",
            "/regional/sitemap.xml",
            "/regional/katalog.json",
            "/regional/katalog.csv",
        ] {
            let r = get(&app, path).await;
            assert_eq!(r.status(), 200, "{path}");
            let h = r.headers();
            assert!(h.get("set-cookie").is_none(), "{path} sets no cookie");
            assert_eq!(h["cache-control"], "public, max-age=300", "{path}");
            assert!(h.contains_key("last-modified"), "{path}");
            let etag = h["etag"].to_str().unwrap().to_owned();
            // The same page again with its ETag: 304 without a body.
            let again = client()
                .get(app.url(path))
                .header("if-none-match", &etag)
                .send()
                .await
                .unwrap();
            assert_eq!(again.status(), 304, "{path}");
            assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
            assert!(again.text().await.unwrap().is_empty());
        }
        // Languages: German by default, English and Vietnamese by the URL, hreflang for all.
        let de = html(&app, "/regional").await;
        assert!(de.contains("<html lang=\"de\">"));
        assert!(de.contains("hreflang=\"en\""));
        assert!(de.contains("hreflang=\"vi\""));
        assert!(de.contains("hreflang=\"x-default\""));
        let en = html(&app, "/regional?lang=en").await;
        assert!(en.contains("<html lang=\"en\">"));
        assert!(en.contains("Regional food and craft"));
        let vi = html(&app, "/regional/erzeuger/gemusegarten-nguyen?lang=vi").await;
        assert!(vi.contains("<html lang=\"vi\">"));
        assert!(vi.contains("Gia đình chúng tôi"), "the Vietnamese story");
        // A text without a translation falls back to German, marked as German.
        let en_goats = html(&app, "/regional/erzeuger/ziegenhof-zedtlitz?lang=en").await;
        assert!(en_goats.contains("lang=\"de\">Unsere Ziegen"));
        // JSON-LD of each kind, Open Graph.
        let farm = html(&app, "/regional/erzeuger/hofladen-nerchau").await;
        let ld = json_ld(&farm);
        assert_eq!(ld[0]["@type"], "GroceryStore");
        assert_eq!(ld[0]["name"], "Hofladen Nerchau (Demo)");
        assert_eq!(ld[0]["address"]["addressCountry"], "DE");
        assert!(
            !ld[0]["openingHoursSpecification"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert!(farm.contains("property=\"og:title\" content=\"Hofladen Nerchau (Demo)\""));
        assert!(farm.contains("Wochenmarkt Grimma") || farm.contains("Wochenmarkt"));
        let product = json_ld(&html(&app, "/regional/erzeuger/hofladen-nerchau/spargel").await);
        assert_eq!(product[0]["@type"], "Product");
        assert_eq!(product[0]["offers"]["priceCurrency"], "EUR");
        let markets = json_ld(&html(&app, "/regional/maerkte").await);
        let events = markets[0].as_array().unwrap();
        assert!(events.iter().all(|e| e["@type"] == "Event"));
        assert!(
            events
                .iter()
                .any(|e| e["eventSchedule"]["repeatFrequency"] == "P1W")
        );
        assert!(events.iter().any(|e| e["endDate"].is_string()));
        // No personal data of the producers' people: the producer's account is not shown.
        assert!(!farm.contains("Uwe Lehmann"));
        assert!(!farm.contains(PRODUCER));
        // Unknown, malformed and unpublished entries are not found.
        for path in [
            "/regional/erzeuger/gibt-es-nicht",
            "/regional/erzeuger/Hofladen",
            "/regional/erzeuger/webstube-zedtlitz",
            "/regional/erzeuger/hofladen-nerchau/gibt-es-nicht",
            "/regional/maerkte/nirgends",
        ] {
            assert_eq!(get(&app, path).await.status(), 404, "{path}");
        }
        // The sitemap lists every published producer in every language, with alternates.
        let sitemap = html(&app, "/sitemap.xml").await;
        assert!(sitemap.contains("/regional/erzeuger/hofladen-nerchau</loc>"));
        assert!(sitemap.contains("/regional/erzeuger/hofladen-nerchau?lang=vi</loc>"));
        assert!(sitemap.contains("hreflang=\"en\""));
        assert!(!sitemap.contains("webstube-zedtlitz"));
    }
);

fn result_count(html: &str) -> i64 {
    let marker = "<h2 id=\"results\" role=\"status\">";
    let start = html.find(marker).unwrap() + marker.len();
    html[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

on_both!(
    visitors_find_producers_forgivingly_with_filters_and_a_map,
    |app: TestApp| async move {
        // Without diacritics, with a typo, by a product.
        let page = html(&app, "/regional/suche?q=backerei+mutzschen").await;
        assert_eq!(result_count(&page), 1);
        assert!(page.contains("Bäckerei Mutzschen (Demo)"));
        let page = html(&app, "/regional/suche?q=T%C3%B6pferi").await;
        assert!(
            page.contains("Töpferei Colditz (Demo)"),
            "a typo is forgiven"
        );
        let page = html(&app, "/regional/suche?q=gose").await;
        assert!(page.contains("Gosebrauerei Markkleeberg (Demo)"));
        assert!(
            page.contains("Brauhaus Colditz (Demo)"),
            "found by its product"
        );
        // Filters: category, municipality (with its localities), label, season.
        let potters = html(&app, "/regional/suche?category=potter").await;
        assert_eq!(result_count(&potters), 4);
        let breweries = html(&app, "/regional/suche?category=brewery&label=slow_food").await;
        assert!(result_count(&breweries) < 4);
        let page = html(&app, "/regional/suche?category=farm_shop&month=5").await;
        assert!(page.contains("Spargelhof Großbardau (Demo)"));
        // The map: an SVG with a dot per result, linking to the producer.
        assert!(potters.contains("<svg class=\"map\""));
        assert_eq!(potters.matches("<circle").count(), 4);
        assert!(potters.contains("href=\"/regional/erzeuger/topferei-colditz\""));
        // Nothing: a message, no error.
        let none = html(&app, "/regional/suche?q=xylophon").await;
        assert_eq!(result_count(&none), 0);
        // Nonsense in the filters is ignored, not an error page.
        let page = html(
            &app,
            "/regional/suche?category=spaceship&month=13&municipality=x",
        )
        .await;
        assert_eq!(result_count(&page), 39);
        // Paging keeps the filter.
        let all = html(&app, "/regional/suche?month=6").await;
        assert!(all.contains("offset=20"));
        assert!(all.contains("?month=6&#38;offset=20") || all.contains("?month=6&amp;offset=20"));
    }
);

on_both!(
    the_public_api_and_open_data_need_no_login,
    |app: TestApp| async move {
        let r = get(&app, "/api/v1/showcase/producers?category=brewery").await;
        assert_eq!(r.status(), 200);
        let page: Value = r.json().await.unwrap();
        assert_eq!(page["total"], 4);
        assert_eq!(page["items"][0]["category"], "brewery");
        let r = get(&app, "/api/v1/showcase/producers?q=kaserei+muldental").await;
        let page: Value = r.json().await.unwrap();
        assert_eq!(page["items"][0]["name"], "Käserei Muldental (Demo)");
        let r = get(&app, "/api/v1/showcase/producers?category=spaceship").await;
        assert_eq!(r.status(), 400);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        assert_eq!(
            get(&app, "/api/v1/showcase/producers?month=13")
                .await
                .status(),
            400
        );
        assert_eq!(
            get(&app, "/api/v1/showcase/producers/webstube-zedtlitz")
                .await
                .status(),
            404
        );
        let one: Value = get(&app, "/api/v1/showcase/producers/hofladen-nerchau")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(one["producer"]["slug"], "hofladen-nerchau");
        assert!(!one["products"].as_array().unwrap().is_empty());
        assert!(!one["hours"].as_array().unwrap().is_empty());
        let markets: Value = get(&app, "/api/v1/showcase/markets")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(markets["items"].as_array().unwrap().len(), 8);
        let cat: Value = get(&app, "/api/v1/showcase/catalogue")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(cat["licence"], "dl-de/by-2-0");
        assert_eq!(cat["producers"].as_array().unwrap().len(), 39);
        let file: Value = get(&app, "/regional/katalog.json")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(file, cat);
        let csv = html(&app, "/regional/katalog.csv").await;
        let mut lines = csv.lines();
        assert!(lines.next().unwrap().ends_with(",licence"));
        let rows: Vec<&str> = lines.collect();
        let products: usize = cat["producers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["products"].as_array().unwrap().len().max(1))
            .sum();
        assert_eq!(rows.len(), products);
        assert!(rows.iter().all(|r| r.ends_with(",dl-de/by-2-0")));
    }
);

/// Posts the form of an entry page with these fields (the CSRF token from the page).
async fn post_form(
    app: &TestApp,
    c: &reqwest::Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    app.submit(c, page, action, fields).await
}

on_both!(
    a_producers_change_is_reviewed_and_published_with_its_history,
    |app: TestApp| async move {
        let producer = app.login(PRODUCER).await;
        let r = producer
            .get(app.url("/showcase/entry"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let entry = r.headers()["location"].to_str().unwrap().to_owned();
        let form = app.page(&producer, &entry).await;
        assert!(form.contains("Zur Freigabe einreichen"));
        let fields = [
            ("tagline_de", "Frisch vom Feld"),
            ("story_de", "Seit 1990 bauen wir Gemüse an der Mulde an."),
            (
                "story_en",
                "We have grown vegetables by the Mulde since 1990.",
            ),
            ("phone", "+49 3437 1000"),
            ("languages", "de, en"),
            ("own_shop", "1"),
            ("hours_1", "09:00-18:00"),
            ("hours_5", "08:00-12:00"),
            ("p0_name_de", "Kürbisse"),
            ("p0_name_en", "Pumpkins"),
            ("p0_unit", "piece"),
            ("p0_months", "9-11"),
            ("p0_min", "2,50"),
            ("p0_max", "4,50"),
        ];
        let r = post_form(&app, &producer, &entry, &entry, &fields).await;
        assert_eq!(r.status(), 303);
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .ends_with("done=showcase-saved-draft-ok")
        );
        // Not public before the review.
        let public = html(&app, "/regional/erzeuger/hofladen-nerchau").await;
        assert!(!public.contains("Seit 1990"));
        // Bad input writes nothing and says what is wrong.
        let bad = post_form(
            &app,
            &producer,
            &entry,
            &entry,
            &[("story_de", "x"), ("hours_1", "18:00-09:00")],
        )
        .await;
        assert_eq!(bad.status(), 422);
        // Another producer's entry, the review and the staff pages are not the producer's.
        let id: i64 = entry.rsplit('/').next().unwrap().parse().unwrap();
        assert_eq!(
            producer
                .get(app.url(&format!("/showcase/entries/{}", id + 1)))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        assert_eq!(
            producer
                .get(app.url("/showcase"))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        let employer = app.login(EMPLOYER).await;
        assert_eq!(
            employer.get(app.url(&entry)).send().await.unwrap().status(),
            404
        );
        // Staff see the draft waiting and publish it.
        let staff = app.login(STAFF).await;
        let overview = app.page(&staff, "/showcase").await;
        assert!(overview.contains("Hofladen Nerchau (Demo)"));
        let page = app.page(&staff, &entry).await;
        let marker = "action=\"/showcase/versions/";
        let start = page.find(marker).expect("a draft to decide") + marker.len();
        let version: i64 = page[start..].split('/').next().unwrap().parse().unwrap();
        let token = csrf_of(&page);
        let r = staff
            .post(app.url(&format!("/showcase/versions/{version}/decide")))
            .form(&[
                ("csrf", token.as_str()),
                ("decision", "publish"),
                ("note", "Danke"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let public = html(&app, "/regional/erzeuger/hofladen-nerchau").await;
        assert!(public.contains("Seit 1990"));
        assert!(public.contains("Kürbisse"));
        assert!(
            !public.contains("Spargel"),
            "the products are the version's"
        );
        assert_eq!(
            get(&app, "/regional/erzeuger/hofladen-nerchau/kurbisse")
                .await
                .status(),
            200
        );
        // The history: who proposed, who decided.
        let page = app.page(&producer, &entry).await;
        assert!(page.contains("vorgeschlagen von Uwe Lehmann"));
        assert!(page.contains("entschieden von Jens Hartmann"));
        assert!(
            page.contains("Ersetzt"),
            "the demo's earlier draft was superseded"
        );
        // A trusted producer publishes directly.
        let token = csrf_of(&app.page(&staff, &entry).await);
        let r = staff
            .post(app.url(&format!("/showcase/entries/{id}/state")))
            .form(&[
                ("csrf", token.as_str()),
                ("published", "1"),
                ("trusted", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let mut direct = fields.to_vec();
        direct[1] = ("story_de", "Direkt veröffentlicht.");
        let r = post_form(&app, &producer, &entry, &entry, &direct).await;
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .ends_with("done=showcase-published-ok")
        );
        assert!(
            html(&app, "/regional/erzeuger/hofladen-nerchau")
                .await
                .contains("Direkt veröffentlicht.")
        );
    }
);

on_both!(
    public_answers_are_kept_until_the_catalogue_changes,
    |app: TestApp| async move {
        const PAGE: &str = "/regional/erzeuger/hofladen-nerchau";
        let first = get(&app, PAGE).await;
        let etag = first.headers()["etag"].to_str().unwrap().to_owned();
        let body = first.text().await.unwrap();
        // Answered again (from the cache): the same body, the same ETag, 304 when asked so.
        let again = get(&app, PAGE).await;
        assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
        assert_eq!(again.text().await.unwrap(), body);
        let conditional = client()
            .get(app.url(PAGE))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(conditional.status(), 304);
        assert_eq!(conditional.headers()["etag"].to_str().unwrap(), etag);
        assert_eq!(
            conditional.headers()["cache-control"],
            "public, max-age=300"
        );
        // Two changes within the same second, by a writer that is not the app (as another
        // instance would write): each shows at once, on this instance and on a second one.
        let other = crate::helpers::second_instance(&app.url).await;
        for tagline in ["Erste Fassung", "Zweite Fassung"] {
            sqlx::query("UPDATE showcase_producers SET tagline = $1 WHERE slug = $2")
                .bind(format!("{{\"de\": \"{tagline}\"}}"))
                .bind("hofladen-nerchau")
                .execute(app.db.pool())
                .await
                .unwrap();
            let page = html(&app, PAGE).await;
            assert!(page.contains(tagline), "{tagline} at once");
            let other_page = client()
                .get(format!("{other}{PAGE}"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(
                other_page.contains(tagline),
                "{tagline} on the other instance"
            );
        }
        // A forged Host header gets its own answer and does not reach anyone else's.
        let forged = client()
            .get(app.url(PAGE))
            .header("host", "evil.example")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(forged.contains("http://evil.example/regional/erzeuger/hofladen-nerchau"));
        let page = html(&app, PAGE).await;
        assert!(
            !page.contains("evil.example"),
            "the cache keeps answers per address"
        );
        // An unknown page is not kept as a success.
        assert_eq!(
            get(&app, "/regional/erzeuger/gibt-es-nicht").await.status(),
            404
        );
        assert_eq!(
            get(&app, "/regional/erzeuger/gibt-es-nicht").await.status(),
            404
        );
    }
);
