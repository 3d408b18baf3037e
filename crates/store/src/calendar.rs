//! The working-day calendar's years, kept in the database so administrators can load a newly
//! published year without a release. The years shipped with Caigou are loaded at migration.

use caigou_domain::calendar::{CalendarError, WorkingCalendar, YearArrangement};

use crate::audit::{self, Actor, Change};
use crate::{Result, Store, StoreError, files};

/// Years shipped in the binary (holiday-cn, MIT; see data/holidays-cn/SOURCE.md).
pub const BUILTIN_YEARS: &[(i16, &str)] = &[
    (2020, include_str!("../seed/holidays-cn/2020.json")),
    (2021, include_str!("../seed/holidays-cn/2021.json")),
    (2022, include_str!("../seed/holidays-cn/2022.json")),
    (2023, include_str!("../seed/holidays-cn/2023.json")),
    (2024, include_str!("../seed/holidays-cn/2024.json")),
    (2025, include_str!("../seed/holidays-cn/2025.json")),
    (2026, include_str!("../seed/holidays-cn/2026.json")),
    (2027, include_str!("../seed/holidays-cn/2027.json")),
];

/// Loads the built-in years that have data and are not in the database yet.
pub async fn seed_builtin_years(store: &Store) -> Result<()> {
    for (year, json) in BUILTIN_YEARS {
        let present: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM calendar_years WHERE year = $1")
            .bind(i64::from(*year))
            .fetch_one(store.pool())
            .await?;
        // A shipped year that is not published yet is skipped; any other problem is a bug in
        // the shipped data and stops the start-up.
        if present == 0 && !matches!(YearArrangement::parse_holiday_cn(json), Err(CalendarError::NoData(_))) {
            load_year(store, &Actor::system("builtin-calendar"), json).await?;
        }
    }
    Ok(())
}

/// Loads (or replaces) one year from a holiday-cn JSON file. Audited.
pub async fn load_year(store: &Store, actor: &Actor, json: &str) -> Result<i16> {
    let year = YearArrangement::parse_holiday_cn(json).map_err(|e| StoreError::rejected(&e))?;
    // The file as loaded is kept, so anyone can check what the calendar was built from.
    let file = files::put(
        store,
        &format!("holiday-cn-{}.json", year.year),
        "application/json",
        bytes::Bytes::from(json.to_string()),
        crate::stored_opt("user id", actor.user.as_deref())?,
    )
    .await?;
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    sqlx::query("DELETE FROM calendar_years WHERE year = $1").bind(i64::from(year.year)).execute(&mut *tx).await?;
    sqlx::query("INSERT INTO calendar_years (year, source, file_id, loaded_at, loaded_by) VALUES ($1, $2, $3, $4, $5)")
        .bind(i64::from(year.year))
        .bind(json)
        .bind(file.id.to_string())
        .bind(now)
        .bind(actor.user.clone())
        .execute(&mut *tx)
        .await?;
    let detail = serde_json::json!({"year": year.year, "exceptions": year.exceptions.len(), "file": file.id, "source_sha256": file.sha256});
    audit::append(
        &mut tx,
        now,
        actor,
        Change {
            action: "calendar.year_loaded",
            object_type: "calendar_year",
            object_id: &year.year.to_string(),
            region_path: "",
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(year.year)
}

/// The file a year was loaded from (metadata and bytes, checked against its SHA-256).
pub async fn source_file(store: &Store, year: i16) -> Result<(files::StoredFile, bytes::Bytes)> {
    let id: String = sqlx::query_scalar("SELECT file_id FROM calendar_years WHERE year = $1")
        .bind(i64::from(year))
        .fetch_optional(store.pool())
        .await?
        .ok_or(StoreError::NotFound("calendar year"))?;
    files::get(store, crate::stored("file id", &id)?).await
}

/// The calendar over every year in the database.
pub async fn load(store: &Store) -> Result<WorkingCalendar> {
    let sources: Vec<String> = sqlx::query_scalar("SELECT source FROM calendar_years ORDER BY year").fetch_all(store.pool()).await?;
    let years = sources
        .iter()
        .map(|s| YearArrangement::parse_holiday_cn(s))
        .collect::<Result<Vec<_>, CalendarError>>()
        .map_err(|e| StoreError::rejected(&e))?;
    Ok(WorkingCalendar::new(years))
}
