//! Staff accounts, sessions, sign-in failures and the append-only audit log.
//!
//! Every write a staff member makes is stored with its audit entry in the
//! same transaction: either both are kept or neither.

use chrono::{DateTime, SecondsFormat, Utc};
use portal_types::staff::{Account, AuditEntry, Role};

use super::Store;
use super::StoreError;
use crate::Dialect;

/// An instant in a staff table. SQLite keeps it as fixed-width text in UTC
/// (`2026-12-07T07:30:00.000000Z`), so that text order is time order;
/// PostgreSQL as `timestamptz`. Both read back as `DateTime<Utc>`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Stamp(pub DateTime<Utc>);

impl Stamp {
    /// The fixed-width text SQLite keeps.
    fn text(self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::Micros, true)
    }
}

impl sqlx::Type<sqlx::Sqlite> for Stamp {
    fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
        <String as sqlx::Type<sqlx::Sqlite>>::type_info()
    }
}

impl sqlx::Encode<'_, sqlx::Sqlite> for Stamp {
    fn encode_by_ref(
        &self,
        buf: &mut sqlx::sqlite::SqliteArgumentsBuffer,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        sqlx::Encode::<sqlx::Sqlite>::encode(self.text(), buf)
    }
}

impl sqlx::Type<sqlx::Postgres> for Stamp {
    fn type_info() -> sqlx::postgres::PgTypeInfo {
        <DateTime<Utc> as sqlx::Type<sqlx::Postgres>>::type_info()
    }
}

impl sqlx::Encode<'_, sqlx::Postgres> for Stamp {
    fn encode_by_ref(
        &self,
        buf: &mut sqlx::postgres::PgArgumentBuffer,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        sqlx::Encode::<sqlx::Postgres>::encode_by_ref(&self.0, buf)
    }
}

/// Who an audited change is made by.
#[derive(Clone, Debug)]
pub struct Actor(pub String);

/// An audit entry to write beside a change.
#[derive(Clone, Debug)]
pub struct Audit<'a> {
    /// Who.
    pub actor: &'a Actor,
    /// What, as `account.create`.
    pub action: &'a str,
    /// To what, as `account:3`.
    pub target: String,
    /// The record before, as JSON.
    pub before: Option<String>,
    /// The record after, as JSON.
    pub after: Option<String>,
}

/// Writing an audit entry in the caller's transaction.
pub(crate) trait WriteAudit {
    async fn write_audit(&mut self, audit: &Audit<'_>) -> Result<(), StoreError>;
}

impl_for_transactions!(WriteAudit {
    async fn write_audit(&mut self, audit: &Audit<'_>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO audit_log (at, actor, action, target, before, after) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(Stamp(Utc::now()))
        .bind(&audit.actor.0)
        .bind(audit.action)
        .bind(&audit.target)
        .bind(&audit.before)
        .bind(&audit.after)
        .execute(&mut **self)
        .await?;
        Ok(())
    }
});

/// Writes `audit` in the transaction `tx`, beside the change it records.
pub(crate) async fn write_audit<T: WriteAudit>(
    tx: &mut T,
    audit: &Audit<'_>,
) -> Result<(), StoreError> {
    tx.write_audit(audit).await
}

/// An account with what only the server sees.
#[derive(Clone, Debug)]
pub struct AccountRecord {
    /// What staff see.
    pub account: Account,
    /// The Argon2id PHC string.
    pub password_hash: String,
}

/// Every column of an account, as stored.
#[derive(sqlx::FromRow)]
struct AccountRow {
    #[sqlx(flatten)]
    account: AccountColumns,
    password_hash: String,
}

/// The columns of an account that staff see.
#[derive(sqlx::FromRow)]
struct AccountColumns {
    id: i64,
    username: String,
    display_name: String,
    role: Role,
    must_change_password: bool,
    created_at: DateTime<Utc>,
    last_sign_in_at: Option<DateTime<Utc>>,
    disabled_at: Option<DateTime<Utc>>,
}

/// `SELECT` of every account column, followed by the rest of the query.
macro_rules! select_accounts {
    ($rest:literal) => {
        concat!(
            "SELECT id, username, display_name, role, password_hash, must_change_password, created_at, last_sign_in_at, disabled_at FROM staff_accounts ",
            $rest
        )
    };
}

fn account(row: AccountRow) -> Result<AccountRecord, StoreError> {
    let a = row.account;
    Ok(AccountRecord {
        account: Account {
            id: a.id,
            username: a.username,
            display_name: a.display_name,
            role: a.role,
            created_at: a.created_at,
            last_sign_in_at: a.last_sign_in_at,
            disabled: a.disabled_at.is_some(),
            must_change_password: a.must_change_password,
        },
        password_hash: row.password_hash,
    })
}

/// A live session and its account.
#[derive(Clone, Debug)]
pub struct SessionRecord {
    /// The account signed in.
    pub account: AccountRecord,
    /// The CSRF token of the session.
    pub csrf_token: String,
    /// When the session was last used.
    pub last_seen_at: DateTime<Utc>,
    /// When it ends unless used.
    pub expires_at: DateTime<Utc>,
    /// When it began.
    pub created_at: DateTime<Utc>,
}

/// A session as stored.
#[derive(sqlx::FromRow)]
struct SessionRow {
    csrf_token: String,
    created_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    account_id: i64,
}

/// How a sign-in attempt stands against the lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lock {
    /// The name may try.
    Open,
    /// The name is locked until then.
    Until(DateTime<Utc>),
}

impl Store {
    /// How many accounts exist.
    pub async fn staff_count(&self) -> Result<i64, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_scalar("SELECT count(*) FROM staff_accounts")
                .fetch_one(pool)
                .await
                .map_err(StoreError::from)
        })
    }

    /// The account with this user name.
    pub async fn staff_by_username(
        &self,
        username: &str,
    ) -> Result<Option<AccountRecord>, StoreError> {
        on_db!(self, |pool| {
            let row: Option<AccountRow> = sqlx::query_as(select_accounts!("WHERE username = $1"))
                .bind(username)
                .fetch_optional(pool)
                .await?;
            row.map(account).transpose()
        })
    }

    /// The account with this number.
    pub async fn staff_by_id(&self, id: i64) -> Result<Option<AccountRecord>, StoreError> {
        on_db!(self, |pool| {
            let row: Option<AccountRow> = sqlx::query_as(select_accounts!("WHERE id = $1"))
                .bind(id)
                .fetch_optional(pool)
                .await?;
            row.map(account).transpose()
        })
    }

    /// Every account, oldest first.
    pub async fn staff_accounts(&self) -> Result<Vec<Account>, StoreError> {
        on_db!(self, |pool| {
            let rows: Vec<AccountRow> = sqlx::query_as(select_accounts!("ORDER BY id"))
                .fetch_all(pool)
                .await?;
            rows.into_iter()
                .map(|row| account(row).map(|r| r.account))
                .collect()
        })
    }

    /// Creates an account; `None` when the user name is taken.
    pub async fn create_staff(
        &self,
        username: &str,
        display_name: &str,
        role: Role,
        password_hash: &str,
        must_change_password: bool,
        actor: &Actor,
    ) -> Result<Option<Account>, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO staff_accounts (username, display_name, role, password_hash, must_change_password, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING RETURNING id",
        )
        .bind(username)
        .bind(display_name)
        .bind(role)
        .bind(password_hash)
        .bind(must_change_password)
        .bind(Stamp(Utc::now()))
        .fetch_optional(&mut *tx)
        .await?;
            let Some(id) = inserted else {
                return Ok(None);
            };
            let row: AccountRow = sqlx::query_as(select_accounts!("WHERE id = $1"))
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            let created = account(row)?.account;
            write_audit(
                &mut tx,
                &Audit {
                    actor,
                    action: "account.create",
                    target: format!("account:{id}"),
                    before: None,
                    after: Some(account_json(&created)),
                },
            )
            .await?;
            tx.commit().await?;
            Ok(Some(created))
        })
    }

    /// Sets a new password hash (ending every other session of the
    /// account), with its audit entry. `keep_session` is the hash of the
    /// session that asked, which stays signed in.
    pub async fn set_staff_password(
        &self,
        id: i64,
        password_hash: &str,
        must_change_password: bool,
        keep_session: Option<&str>,
        audit: Audit<'_>,
    ) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
            "UPDATE staff_accounts SET password_hash = $1, must_change_password = $2 WHERE id = $3",
        )
        .bind(password_hash)
        .bind(must_change_password)
        .bind(id)
        .execute(&mut *tx)
        .await?;
            sqlx::query("DELETE FROM staff_sessions WHERE account_id = $1 AND token_hash IS DISTINCT FROM $2")
            .bind(id)
            .bind(keep_session)
            .execute(&mut *tx)
            .await?;
            write_audit(&mut tx, &audit).await?;
            tx.commit().await.map_err(StoreError::from)
        })
    }

    /// Disables or enables an account; disabling ends its sessions. `None`
    /// when there is no such account.
    pub async fn set_staff_disabled(
        &self,
        id: i64,
        disabled: bool,
        actor: &Actor,
    ) -> Result<Option<Account>, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let before: Option<AccountRow> = sqlx::query_as(select_accounts!("WHERE id = $1"))
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(before) = before else {
                return Ok(None);
            };
            let before = account(before)?.account;
            sqlx::query("UPDATE staff_accounts SET disabled_at = $1 WHERE id = $2")
                .bind(disabled.then(|| Stamp(Utc::now())))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if disabled {
                sqlx::query("DELETE FROM staff_sessions WHERE account_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            let after = Account {
                disabled,
                ..before.clone()
            };
            write_audit(
                &mut tx,
                &Audit {
                    actor,
                    action: if disabled {
                        "account.disable"
                    } else {
                        "account.enable"
                    },
                    target: format!("account:{id}"),
                    before: Some(account_json(&before)),
                    after: Some(account_json(&after)),
                },
            )
            .await?;
            tx.commit().await?;
            Ok(Some(after))
        })
    }

    /// Starts a session: stores the hash of its token, clears the name's
    /// failures from `client` (those from other addresses stay: they are
    /// someone else's), notes the sign-in and audits it.
    pub async fn start_staff_session(
        &self,
        account: &Account,
        client: &str,
        token_hash: &str,
        csrf_token: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            let now = Stamp(Utc::now());
            let mut tx = pool.begin_write().await?;
            sqlx::query(
            "INSERT INTO staff_sessions (token_hash, account_id, csrf_token, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash)
        .bind(account.id)
        .bind(csrf_token)
        .bind(now)
        .bind(now)
        .bind(Stamp(expires_at))
        .execute(&mut *tx)
        .await?;
            sqlx::query("UPDATE staff_accounts SET last_sign_in_at = $1 WHERE id = $2")
                .bind(now)
                .bind(account.id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM staff_sign_in_failures WHERE username = $1 AND client = $2")
                .bind(&account.username)
                .bind(client)
                .execute(&mut *tx)
                .await?;
            write_audit(
                &mut tx,
                &Audit {
                    actor: &Actor(account.username.clone()),
                    action: "session.sign-in",
                    target: format!("account:{}", account.id),
                    before: None,
                    after: None,
                },
            )
            .await?;
            tx.commit().await.map_err(StoreError::from)
        })
    }

    /// The live session with this token hash, or `None` (unknown, expired,
    /// or its account disabled).
    pub async fn staff_session(
        &self,
        token_hash: &str,
    ) -> Result<Option<SessionRecord>, StoreError> {
        on_db!(self, |pool| {
            let row: Option<SessionRow> = sqlx::query_as(
                "SELECT csrf_token, created_at, last_seen_at, expires_at, account_id
             FROM staff_sessions WHERE token_hash = $1",
            )
            .bind(token_hash)
            .fetch_optional(pool)
            .await?;
            let Some(session) = row else {
                return Ok(None);
            };
            if session.expires_at <= Utc::now() {
                sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(pool)
                    .await?;
                return Ok(None);
            }
            let Some(account) = self.staff_by_id(session.account_id).await? else {
                return Ok(None);
            };
            if account.account.disabled {
                return Ok(None);
            }
            Ok(Some(SessionRecord {
                account,
                csrf_token: session.csrf_token,
                last_seen_at: session.last_seen_at,
                expires_at: session.expires_at,
                created_at: session.created_at,
            }))
        })
    }

    /// Notes that a session was used and moves its end.
    pub async fn touch_staff_session(
        &self,
        token_hash: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            sqlx::query(
            "UPDATE staff_sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3",
        )
        .bind(Stamp(Utc::now()))
        .bind(Stamp(expires_at))
        .bind(token_hash)
        .execute(pool)
        .await?;
            Ok(())
        })
    }

    /// Ends a session (signing out), audited.
    pub async fn end_staff_session(
        &self,
        token_hash: &str,
        account: &Account,
    ) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(&mut *tx)
                .await?;
            write_audit(
                &mut tx,
                &Audit {
                    actor: &Actor(account.username.clone()),
                    action: "session.sign-out",
                    target: format!("account:{}", account.id),
                    before: None,
                    after: None,
                },
            )
            .await?;
            tx.commit().await.map_err(StoreError::from)
        })
    }

    /// Whether a user name may try to sign in now.
    pub async fn sign_in_lock(&self, username: &str, client: &str) -> Result<Lock, StoreError> {
        on_db!(self, |pool| {
            let locked: Option<Option<DateTime<Utc>>> = sqlx::query_scalar(
            "SELECT locked_until FROM staff_sign_in_failures WHERE username = $1 AND client = $2",
        )
        .bind(username)
        .bind(client)
        .fetch_optional(pool)
        .await?;
            match locked.flatten() {
                Some(until) => Ok(if until > Utc::now() {
                    Lock::Until(until)
                } else {
                    Lock::Open
                }),
                None => Ok(Lock::Open),
            }
        })
    }

    /// Counts a failed sign-in for a user name (known or not) from
    /// `client`. Failures older than `window` start the count again; the
    /// `limit`th failure in a row locks the name for `lock_for` from that
    /// client only, and the lock is audited.
    pub async fn record_sign_in_failure(
        &self,
        username: &str,
        client: &str,
        limit: i64,
        window: chrono::Duration,
        lock_for: chrono::Duration,
    ) -> Result<Lock, StoreError> {
        on_db!(self, |pool| {
            let now = Utc::now();
            let mut tx = pool.begin_write().await?;
            let row: Option<(i64, DateTime<Utc>, Option<DateTime<Utc>>)> = sqlx::query_as(
            "SELECT failures, last_failure_at, locked_until FROM staff_sign_in_failures WHERE username = $1 AND client = $2",
        )
        .bind(username)
        .bind(client)
        .fetch_optional(&mut *tx)
        .await?;
            let failures = match &row {
                Some((failures, last, locked)) => {
                    let lock_over = locked.is_some_and(|until| until <= now);
                    if lock_over || *last + window < now {
                        1
                    } else {
                        failures + 1
                    }
                }
                None => 1,
            };
            let locked_until = (failures >= limit).then(|| now + lock_for);
            sqlx::query(
            "INSERT INTO staff_sign_in_failures (username, client, failures, last_failure_at, locked_until)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (username, client) DO UPDATE SET failures = excluded.failures,
                 last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until",
        )
        .bind(username)
        .bind(client)
        .bind(failures)
        .bind(Stamp(now))
        .bind(locked_until.map(Stamp))
        .execute(&mut *tx)
        .await?;
            if let Some(until) = locked_until {
                write_audit(
                    &mut tx,
                    &Audit {
                        actor: &Actor("sign-in".to_owned()),
                        action: "session.lock",
                        target: format!("username:{username}"),
                        before: None,
                        after: Some(
                            serde_json::json!({
                                "failures": failures,
                                "locked_until": Stamp(until).text(),
                                "client": client,
                            })
                            .to_string(),
                        ),
                    },
                )
                .await?;
            }
            tx.commit().await?;
            Ok(locked_until.map_or(Lock::Open, Lock::Until))
        })
    }

    /// A page of the audit log, newest first, filtered by actor and by
    /// action (an exact action or a prefix ending in `.`).
    pub async fn audit_page(
        &self,
        actor: Option<&str>,
        action: Option<&str>,
        page: u32,
        per_page: u32,
    ) -> Result<(Vec<AuditEntry>, u64), StoreError> {
        on_db!(self, |pool| {
            let action_pattern = action.map(|a| {
                if a.ends_with('.') {
                    format!("{}%", a.replace(['%', '_'], ""))
                } else {
                    a.replace(['%', '_'], "")
                }
            });
            let total: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM audit_log
             WHERE ($1 IS NULL OR actor = $1) AND ($2 IS NULL OR action LIKE $2)",
            )
            .bind(actor)
            .bind(&action_pattern)
            .fetch_one(pool)
            .await?;
            let items: Vec<AuditEntry> = sqlx::query_as(
                "SELECT id, at, actor, action, target, before, after FROM audit_log
                 WHERE ($1 IS NULL OR actor = $1) AND ($2 IS NULL OR action LIKE $2)
                 ORDER BY id DESC LIMIT $3 OFFSET $4",
            )
            .bind(actor)
            .bind(&action_pattern)
            .bind(i64::from(per_page))
            .bind(i64::from(page.saturating_sub(1)) * i64::from(per_page))
            .fetch_all(pool)
            .await?;
            Ok((items, u64::try_from(total).unwrap_or_default()))
        })
    }
}

/// An account as the audit log records it.
pub fn account_json(account: &Account) -> String {
    serde_json::to_string(account).unwrap_or_default()
}
