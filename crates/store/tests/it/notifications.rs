//! Notifications on both backends: raising is idempotent per person, kind and record key; the
//! list, the unread count and marking read name the person, so nobody reaches another's; the
//! digest reads what waits for it by each person's delivery.

use serde_json::json;
use standort_store::notifications::{self as n, NewNotificationRow, NotificationFilter};

use super::*;

fn row(user: UserId, key: &str) -> NewNotificationRow {
    NewNotificationRow {
        user_id: user,
        kind: "track_overdue".into(),
        record_key: key.into(),
        link: "/placements/1".into(),
        params: json!({ "track": "visa", "code": "visa_decision", "legal": true }),
        due_on: Some(86_400),
    }
}

both_backends!(
    raising_is_idempotent_and_each_person_sees_their_own,
    |db: Db| async move {
        let o = org(&db, "Klinik").await;
        let a = user(&db, o, "a@x.example", Role::AgencyStaff).await;
        let b = user(&db, o, "b@x.example", Role::AgencyStaff).await;
        let mut c = db.conn().await.unwrap();
        let first = n::raise(&mut c, &row(a, "placement:1:visa:visa_decision:86400"), 10)
            .await
            .unwrap();
        assert!(first.is_some());
        let again = n::raise(&mut c, &row(a, "placement:1:visa:visa_decision:86400"), 20)
            .await
            .unwrap();
        assert_eq!(again, None, "the same occasion again writes nothing");
        n::raise(&mut c, &row(b, "placement:1:visa:visa_decision:86400"), 10)
            .await
            .unwrap()
            .unwrap();
        n::raise(&mut c, &row(a, "placement:1:visa:visa_decision:172800"), 10)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(n::unread_count(&mut c, a).await.unwrap(), 2);
        let id = first.unwrap();
        let page = n::list(
            &mut c,
            a,
            &NotificationFilter::default(),
            PageRequest::new(None, None),
        )
        .await
        .unwrap();
        assert_eq!(page.total, 2);
        assert_eq!(page.items[0].params["code"], "visa_decision");

        // b cannot read or mark a's notification.
        assert!(matches!(
            n::get(&mut c, b, id).await,
            Err(StoreError::NotFound)
        ));
        assert!(!n::mark_read(&mut c, b, id, 30).await.unwrap());
        assert!(n::mark_read(&mut c, a, id, 30).await.unwrap());
        assert_eq!(n::unread_count(&mut c, a).await.unwrap(), 1);
        let unread = NotificationFilter {
            unread_only: true,
            ..Default::default()
        };
        let page = n::list(&mut c, a, &unread, PageRequest::new(None, None))
            .await
            .unwrap();
        assert_eq!(page.total, 1);

        // The digest: b's row waits (default delivery); with "none" chosen it does not.
        let waiting = n::digest_recipients(&mut c, 0, 100).await.unwrap();
        assert_eq!(waiting, vec![a, b]);
        n::set_preference(&mut c, b, "track_overdue", "none")
            .await
            .unwrap();
        assert_eq!(n::digest_recipients(&mut c, 0, 100).await.unwrap(), vec![a]);
        let rows = n::digest_rows(&mut c, a, a).await.unwrap();
        assert_eq!(rows.len(), 1, "a's unread one");
        n::mark_mailed(&mut c, &[rows[0].id], 40).await.unwrap();
        assert!(
            n::digest_recipients(&mut c, 0, 100)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(n::mark_all_read(&mut c, a, 50).await.unwrap(), 1);

        // The clean-up forgets what was read before the cut-off, nothing unread.
        assert_eq!(
            n::delete_read_before(&mut c, 40).await.unwrap(),
            1,
            "read at 30"
        );
        assert_eq!(n::delete_read_before(&mut c, 40).await.unwrap(), 0);
        assert_eq!(n::unread_count(&mut c, b).await.unwrap(), 1);
        assert_eq!(
            n::list(
                &mut c,
                a,
                &NotificationFilter::default(),
                PageRequest::new(None, None)
            )
            .await
            .unwrap()
            .total,
            1,
            "read at 50 is kept"
        );
    }
);
