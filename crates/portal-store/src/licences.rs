//! Administrative licences (行政许可): the public search with its facets,
//! one licence with its history, an enterprise's licences, and the
//! editors' audited writes (an import, all or nothing; a change of status).
//! A licence's history only grows.

use chrono::{DateTime, NaiveDate, Utc};
use portal_types::District;
use portal_types::decisions::FacetCount;
use portal_types::licences::{
    Licence, LicenceEvent, LicenceFacets, LicenceKind, LicencePage, LicenceQuery, LicenceStatus,
    LicenceStatusChange, LicenceSummary, PAGE_SIZE,
};

use crate::enforcement::Write;
use crate::staff::{Audit, write_audit};
use crate::{Dialect, Store, StoreError};

/// A licence read from a row of an import, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewLicence {
    pub licence_no: String,
    pub kind: LicenceKind,
    pub holder_name: String,
    /// Normalised.
    pub credit_code: String,
    pub scope: String,
    pub issued_on: NaiveDate,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub authority: String,
    pub district: District,
}

const COLUMNS: &str = "l.id, l.licence_no, l.kind, l.holder_name, l.credit_code, l.valid_from,
     l.valid_until, l.authority, l.district, l.status";

/// The status on the day bound as `$1` (see `LicenceStatus::on`).
const STATUS_ON: &str = "CASE WHEN l.status IN ('valid', 'suspended') AND l.valid_until < $1
     THEN 'expired' ELSE l.status END";

/// A licence's summary, as stored.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    licence_no: String,
    kind: LicenceKind,
    holder_name: String,
    credit_code: String,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
    authority: String,
    district: District,
    status: LicenceStatus,
}

impl Row {
    fn summary(self, today: NaiveDate) -> LicenceSummary {
        LicenceSummary {
            status: self.status.on(self.valid_until, today),
            id: self.id,
            licence_no: self.licence_no,
            kind: self.kind,
            holder_name: self.holder_name,
            credit_code: self.credit_code,
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            authority: self.authority,
            district: self.district,
        }
    }
}

#[derive(sqlx::FromRow)]
struct FullRow {
    #[sqlx(flatten)]
    row: Row,
    scope: String,
    issued_on: NaiveDate,
    updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    on_date: NaiveDate,
    status: LicenceStatus,
    note: String,
    decision_id: Option<i64>,
    decision_no: Option<String>,
}

/// The filters of a search, as the JSON arrays its SQL reads (`None`: no
/// filter). `$1` is the day; `$2` the words, `$3` the kinds, `$4` the
/// statuses, `$5` the districts.
struct Filter {
    words: Option<String>,
    kinds: Option<String>,
    statuses: Option<String>,
    districts: Option<String>,
}

fn json_list<T>(values: &[T], slug: impl Fn(&T) -> &str) -> Option<String> {
    (!values.is_empty())
        .then(|| serde_json::to_string(&values.iter().map(slug).collect::<Vec<_>>()).ok())
        .flatten()
}

impl Filter {
    fn of(query: &LicenceQuery) -> Self {
        let words: Vec<String> = query
            .q
            .as_deref()
            .map(|q| {
                portal_types::text::fold(q)
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Filter {
            words: json_list(&words, String::as_str),
            kinds: json_list(&query.kind, |k| k.slug()),
            statuses: json_list(&query.status, |s| s.slug()),
            districts: json_list(&query.district, |d| d.slug()),
        }
    }

    /// The WHERE clause, in the dialect of `postgres` or SQLite.
    fn clause(postgres: bool) -> String {
        let each = |n: u8| {
            if postgres {
                format!("(SELECT value FROM json_array_elements_text(${n}::json) AS v(value))")
            } else {
                format!("(SELECT value FROM json_each(${n}))")
            }
        };
        let missing = if postgres {
            "strpos(l.search_text, w.value) = 0"
        } else {
            "instr(l.search_text, w.value) = 0"
        };
        let words = if postgres {
            "json_array_elements_text($2::json) AS w(value)"
        } else {
            "json_each($2) AS w"
        };
        format!(
            "($2 IS NULL OR NOT EXISTS (SELECT 1 FROM {words} WHERE {missing}))
             AND ($3 IS NULL OR l.kind IN {kinds})
             AND ($4 IS NULL OR {STATUS_ON} IN {statuses})
             AND ($5 IS NULL OR l.district IN {districts})",
            kinds = each(3),
            statuses = each(4),
            districts = each(5),
        )
    }
}

/// Binds a [`Filter`] after the day, to a query of [`Filter::clause`].
macro_rules! bind_filter {
    ($query:expr, $today:expr, $filter:expr) => {
        $query
            .bind($today)
            .bind($filter.words.clone())
            .bind($filter.kinds.clone())
            .bind($filter.statuses.clone())
            .bind($filter.districts.clone())
    };
}

/// Counts by one facet's value, the facet's own filter left out.
macro_rules! facet_counts {
    ($pool:expr, $postgres:expr, $today:expr, $filter:expr, $value:expr) => {{
        let rows: Vec<(String, i64)> = bind_filter!(
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {value} AS value, count(*) FROM licences l WHERE {clause}
                 GROUP BY 1 ORDER BY 2 DESC, 1",
                value = $value,
                clause = Filter::clause($postgres),
            ))),
            $today,
            $filter
        )
        .fetch_all($pool)
        .await?;
        rows
    }};
}

fn counts<T>(rows: Vec<(String, i64)>, parse: impl Fn(&str) -> Option<T>) -> Vec<FacetCount<T>> {
    rows.into_iter()
        .filter_map(|(value, count)| {
            Some(FacetCount {
                value: parse(&value)?,
                count: u64::try_from(count).unwrap_or_default(),
            })
        })
        .collect()
}

impl Store {
    /// A page of the licences that match `query`, with the facets' counts,
    /// statuses as on `today`.
    pub async fn licence_page(
        &self,
        query: &LicenceQuery,
        today: NaiveDate,
    ) -> Result<LicencePage, StoreError> {
        let filter = Filter::of(query);
        on_db!(self, |pool| {
            let postgres = pool.pick("sqlite", "postgres") == "postgres";
            let clause = Filter::clause(postgres);
            let (total,): (i64,) = bind_filter!(
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT count(*) FROM licences l WHERE {clause}"
                ))),
                today,
                filter
            )
            .fetch_one(pool)
            .await?;
            let offset = i64::from(query.page.saturating_sub(1)) * i64::from(PAGE_SIZE);
            let rows: Vec<Row> = bind_filter!(
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM licences l WHERE {clause}
                     ORDER BY l.issued_on DESC, l.id DESC LIMIT $6 OFFSET $7"
                ))),
                today,
                filter
            )
            .bind(i64::from(PAGE_SIZE))
            .bind(offset)
            .fetch_all(pool)
            .await?;
            let kind = facet_counts!(
                pool,
                postgres,
                today,
                Filter {
                    kinds: None,
                    ..Filter::of(query)
                },
                "l.kind"
            );
            let status = facet_counts!(
                pool,
                postgres,
                today,
                Filter {
                    statuses: None,
                    ..Filter::of(query)
                },
                STATUS_ON
            );
            let district = facet_counts!(
                pool,
                postgres,
                today,
                Filter {
                    districts: None,
                    ..Filter::of(query)
                },
                "l.district"
            );
            Ok(LicencePage {
                total: u64::try_from(total).unwrap_or_default(),
                page: query.page,
                page_size: PAGE_SIZE,
                items: rows.into_iter().map(|r| r.summary(today)).collect(),
                facets: LicenceFacets {
                    kind: counts(kind, LicenceKind::from_slug),
                    status: counts(status, LicenceStatus::from_slug),
                    district: counts(district, District::from_slug),
                },
                as_of: today,
            })
        })
    }

    /// A licence with its history, statuses as on `today`.
    pub async fn licence(&self, id: i64, today: NaiveDate) -> Result<Option<Licence>, StoreError> {
        on_db!(self, |pool| {
            let Some(full) = sqlx::query_as::<_, FullRow>(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS}, l.scope, l.issued_on, l.updated_at FROM licences l WHERE l.id = $1"
            )))
            .bind(id)
            .fetch_optional(pool)
            .await?
            else {
                return Ok(None);
            };
            let events: Vec<EventRow> = sqlx::query_as(
                "SELECT e.on_date, e.status, e.note, e.decision_id, d.decision_no
                 FROM licence_events e LEFT JOIN penalty_decisions d ON d.id = e.decision_id
                 WHERE e.licence_id = $1 ORDER BY e.seq",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            Ok(Some(Licence {
                summary: full.row.summary(today),
                scope: full.scope,
                issued_on: full.issued_on,
                history: events
                    .into_iter()
                    .map(|e| LicenceEvent {
                        on: e.on_date,
                        status: e.status,
                        note: e.note,
                        decision_id: e.decision_id,
                        decision_no: e.decision_no,
                    })
                    .collect(),
                updated_at: full.updated_at,
            }))
        })
    }

    /// The licences of one holder (by normalised credit code), newest first.
    pub async fn licences_of(
        &self,
        code: &str,
        today: NaiveDate,
    ) -> Result<Vec<LicenceSummary>, StoreError> {
        on_db!(self, |pool| {
            let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM licences l WHERE l.credit_code = $1
                 ORDER BY l.issued_on DESC, l.id DESC"
            )))
            .bind(code)
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(|r| r.summary(today)).collect())
        })
    }

    /// Which of these licence numbers are already published.
    pub async fn licence_numbers_taken(&self, numbers: &[&str]) -> Result<Vec<String>, StoreError> {
        on_db!(self, |pool| {
            let mut taken = Vec::new();
            for chunk in numbers.chunks(500) {
                let json = serde_json::to_string(chunk).map_err(StoreError::encode)?;
                let found: Vec<String> = sqlx::query_scalar(pool.pick(
                    "SELECT licence_no FROM licences WHERE licence_no IN (SELECT value FROM json_each($1))",
                    "SELECT licence_no FROM licences
                     WHERE licence_no IN (SELECT value FROM json_array_elements_text($1::json))",
                ))
                .bind(json)
                .fetch_all(pool)
                .await?;
                taken.extend(found);
            }
            Ok(taken)
        })
    }

    /// Stores every licence, or none: one transaction, each with its first
    /// history step (issued) and an audit entry. Returns their ids.
    pub async fn import_licences(
        &self,
        licences: &[NewLicence],
        audit: Audit<'_>,
    ) -> Result<Vec<i64>, StoreError> {
        on_db!(self, |pool| {
            let now = Utc::now();
            let mut tx = pool.begin_write().await?;
            let mut ids = Vec::with_capacity(licences.len());
            for l in licences {
                let search_text = portal_types::text::fold(&format!(
                    "{} {} {}",
                    l.holder_name, l.credit_code, l.licence_no
                ));
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO licences (licence_no, kind, holder_name, credit_code, scope,
                         issued_on, valid_from, valid_until, authority, district, status,
                         search_text, published_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'valid', $11, $12, $13)
                     RETURNING id",
                )
                .bind(&l.licence_no)
                .bind(l.kind)
                .bind(&l.holder_name)
                .bind(&l.credit_code)
                .bind(&l.scope)
                .bind(l.issued_on)
                .bind(l.valid_from)
                .bind(l.valid_until)
                .bind(&l.authority)
                .bind(l.district)
                .bind(search_text)
                .bind(now)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO licence_events (licence_id, seq, status, on_date, note)
                     VALUES ($1, 1, 'valid', $2, $3)",
                )
                .bind(id)
                .bind(l.issued_on)
                .bind(format!("{}核发", l.authority))
                .execute(&mut *tx)
                .await?;
                ids.push(id);
                write_audit(
                    &mut tx,
                    &Audit {
                        target: format!("licence:{id}"),
                        before: None,
                        after: Some(
                            serde_json::json!({
                                "licence_no": l.licence_no,
                                "kind": l.kind.slug(),
                                "holder_name": l.holder_name,
                                "valid_until": l.valid_until.to_string(),
                            })
                            .to_string(),
                        ),
                        ..audit.clone()
                    },
                )
                .await?;
            }
            tx.commit().await?;
            Ok(ids)
        })
    }

    /// Records a change of a licence's status (suspended, revoked,
    /// cancelled, or valid again), audited. A change naming a penalty
    /// decision links the two.
    pub async fn change_licence_status(
        &self,
        id: i64,
        change: &LicenceStatusChange,
        today: NaiveDate,
        audit: Audit<'_>,
    ) -> Result<Write<LicenceStatus>, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let current: Option<(LicenceStatus, NaiveDate)> =
                sqlx::query_as("SELECT status, valid_until FROM licences WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((recorded, valid_until)) = current else {
                return Ok(Write::NotFound);
            };
            let (seq, last_on): (i64, NaiveDate) = sqlx::query_as(
                "SELECT seq, on_date FROM licence_events WHERE licence_id = $1
                 ORDER BY seq DESC LIMIT 1",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            if let Err(errors) = change.validate(recorded.on(valid_until, today), last_on, today) {
                return Ok(Write::Refused(errors));
            }
            if let Some(decision) = change.decision_id {
                let known: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM penalty_decisions WHERE id = $1")
                        .bind(decision)
                        .fetch_optional(&mut *tx)
                        .await?;
                if known.is_none() {
                    let mut errors = portal_types::FieldErrors::new();
                    portal_types::field_error::add(
                        &mut errors,
                        "decision_id",
                        portal_types::Problem::UnknownDecisions {
                            numbers: decision.to_string(),
                        },
                    );
                    return Ok(Write::Refused(errors));
                }
            }
            sqlx::query(
                "INSERT INTO licence_events (licence_id, seq, status, on_date, note, decision_id)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(seq + 1)
            .bind(change.status)
            .bind(change.on)
            .bind(change.note.trim())
            .bind(change.decision_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE licences SET status = $1, updated_at = $2 WHERE id = $3")
                .bind(change.status)
                .bind(Utc::now())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            write_audit(
                &mut tx,
                &Audit {
                    target: format!("licence:{id}"),
                    before: Some(serde_json::json!({ "status": recorded.slug() }).to_string()),
                    after: serde_json::to_string(change).ok(),
                    ..audit
                },
            )
            .await?;
            tx.commit().await?;
            Ok(Write::Done(change.status))
        })
    }
}
