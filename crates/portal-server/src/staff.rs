//! Staff authentication: Argon2id passwords, session cookies, CSRF tokens,
//! roles, and the command that creates accounts from the command line.
//!
//! A session is a random 256-bit token in an `HttpOnly`, `SameSite=Strict`
//! cookie scoped to `/api/staff` (and `Secure` when the portal is behind
//! TLS); the database keeps only its SHA-256. Each session has its own CSRF
//! token, which every state-changing request must echo in `X-CSRF-Token`.
//! Sessions end after [`IDLE`] without use and after [`ABSOLUTE`] in any case.

use std::io::{BufRead, IsTerminal};
use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use chrono::{DateTime, Duration, Utc};
use portal_store::Store;
use portal_store::staff::{Actor, SessionRecord};
use portal_types::staff::{Account, CSRF_HEADER, Role, Session};
use rand::Rng;
use sha2::{Digest, Sha256};

use crate::error::ApiError;

/// A session ends after this long without a request.
pub const IDLE: Duration = Duration::minutes(30);
/// A session ends this long after sign-in, however busy.
pub const ABSOLUTE: Duration = Duration::hours(12);
/// Failed sign-ins in a row (within [`FAILURE_WINDOW`]) from one client
/// that lock a name for that client.
pub const FAILURES_BEFORE_LOCK: i64 = 5;
/// Failures further apart than this start the count again.
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);
/// How long a locked name waits (from the address that locked it).
pub const LOCK_FOR: Duration = Duration::minutes(15);

/// The client a sign-in failure is counted against: its address, or for
/// IPv6 its /64 network (one subscriber has all of it), as the rate limits
/// count it.
pub fn sign_in_client(address: std::net::IpAddr) -> String {
    crate::limits::key(address).to_string()
}

/// The session cookie's name.
pub const COOKIE: &str = "portal_staff";
/// The only path the cookie is sent to.
const COOKIE_PATH: &str = "/api/staff";

/// Settings of staff sign-in that come from configuration.
#[derive(Debug)]
pub struct StaffSettings {
    /// Mark the cookie `Secure` (the portal is served over HTTPS).
    pub secure_cookie: bool,
    /// Per-client-address limit on sign-in attempts.
    pub sign_ins: crate::limits::HourlyLimit,
}

/// Hashes a password with Argon2id (19 MiB, 2 passes, 1 lane: OWASP's
/// recommendation), on a blocking thread.
pub async fn hash_password(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || {
        let salt = new_salt()?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| anyhow::anyhow!("cannot hash a password: {e}"))
    })
    .await
    .map_err(|e| anyhow::anyhow!("password hashing stopped: {e}"))?
    .map_err(ApiError::Internal)
}

/// 128 random bits of salt.
fn new_salt() -> Result<SaltString, anyhow::Error> {
    let bytes: [u8; 16] = rand::rng().random();
    SaltString::encode_b64(&bytes).map_err(|e| anyhow::anyhow!("cannot make a salt: {e}"))
}

/// Whether `password` matches `hash`, checked on a blocking thread.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
}

/// A hash that no password matches, checked for unknown and disabled
/// accounts so that they take as long to refuse as a wrong password.
pub fn decoy_hash() -> String {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY
        .get_or_init(|| {
            let secret = random_token();
            new_salt()
                .ok()
                .and_then(|salt| {
                    Argon2::default()
                        .hash_password(secret.as_bytes(), &salt)
                        .ok()
                        .map(|hash| hash.to_string())
                })
                .unwrap_or_default()
        })
        .clone()
}

/// 256 random bits, hex.
pub fn random_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored form of a session token.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A one-time password for a new or reset account: 16 letters and digits
/// that cannot be confused (no 0/o, 1/l/i), in groups of four.
pub fn one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let chars: Vec<char> = (0..16)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The `Set-Cookie` value that starts a session.
pub fn session_cookie(token: &str, secure: bool) -> Result<HeaderValue, ApiError> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; Path={COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        ABSOLUTE.num_seconds()
    ))
    .map_err(|e| ApiError::Internal(e.into()))
}

/// The `Set-Cookie` value that ends a session.
pub fn expired_cookie(secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE}=; Path={COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age=0{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("portal_staff=; Max-Age=0"))
}

/// The session token in a request's cookies.
fn cookie_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

/// When a session used now ends.
pub fn session_end(created_at: DateTime<Utc>) -> DateTime<Utc> {
    (Utc::now() + IDLE).min(created_at + ABSOLUTE)
}

/// A signed-in staff member, taken from the request's session cookie. On
/// a state-changing method the request must also carry the session's CSRF
/// token, or it is refused with 403 before anything else is looked at.
#[derive(Clone, Debug)]
pub struct StaffSession {
    /// The account.
    pub account: Account,
    /// The hash of the session token.
    pub token_hash: String,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// When the session ends unless used again.
    pub expires_at: DateTime<Utc>,
    /// The account's password hash (to check it again on password change).
    pub password_hash: String,
}

impl StaffSession {
    /// The actor of audited changes.
    pub fn actor(&self) -> Actor {
        Actor(self.account.username.clone())
    }

    /// The session as the API shows it.
    pub fn view(&self) -> Session {
        Session {
            account: self.account.clone(),
            csrf_token: self.csrf_token.clone(),
            expires_at: self.expires_at,
        }
    }

    /// Refuses with 403 unless the account has `role` and has replaced a
    /// password someone else set.
    pub fn require(&self, role: Role) -> Result<(), ApiError> {
        if self.account.must_change_password {
            return Err(ApiError::Forbidden(
                "Change the password you were given before doing anything else.".to_owned(),
            ));
        }
        if self.account.role != role {
            return Err(ApiError::Forbidden(format!(
                "This needs the {} role; your account is {}.",
                role.name_en().to_lowercase(),
                self.account.role.name_en().to_lowercase()
            )));
        }
        Ok(())
    }
}

impl<S> FromRequestParts<S> for StaffSession
where
    S: Send + Sync,
    Store: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let store = Store::from_ref(state);
        let Some(token) = cookie_token(parts) else {
            return Err(ApiError::Unauthorized("Sign in first.".to_owned()));
        };
        let hash = token_hash(&token);
        let Some(SessionRecord {
            account,
            csrf_token,
            last_seen_at,
            created_at,
            ..
        }) = store.staff_session(&hash).await?
        else {
            return Err(ApiError::Unauthorized(
                "Your session has ended; sign in again.".to_owned(),
            ));
        };
        if !parts.method.is_safe() {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if !constant_time_eq::constant_time_eq(sent.as_bytes(), csrf_token.as_bytes()) {
                return Err(ApiError::Forbidden(
                    "The request lacks this session's CSRF token (X-CSRF-Token).".to_owned(),
                ));
            }
        }
        let expires_at = session_end(created_at);
        // Writing on every request would serialise reads; a minute is enough.
        if Utc::now() - last_seen_at > Duration::minutes(1) {
            store.touch_staff_session(&hash, expires_at).await?;
        }
        Ok(Self {
            account: account.account,
            token_hash: hash,
            csrf_token,
            expires_at,
            password_hash: account.password_hash,
        })
    }
}

/// `portal-server staff add`: creates an account from the command line
/// (the way the first administrator comes to exist). The password is read
/// from the terminal without echo, twice, or as one line from standard
/// input when that is not a terminal.
pub async fn add_from_command_line(
    database_url: &str,
    username: &str,
    display_name: &str,
    role: Role,
) -> anyhow::Result<()> {
    use anyhow::{Context, bail};
    if let Some(problem) = portal_types::staff::username_problem(username) {
        bail!("the user name {problem}");
    }
    let display_name = display_name.trim();
    if display_name.is_empty()
        || display_name.chars().count() > portal_types::staff::MAX_DISPLAY_NAME_CHARS
    {
        bail!("the name must have 1 to 40 characters");
    }
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("Password for {username}: "))?;
        let again = rpassword::prompt_password("The same password again: ")?;
        if first != again {
            bail!("the two passwords differ");
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if let Some(problem) = portal_types::staff::password_problem(&password, username) {
        bail!("the password {problem}");
    }
    let store = Store::open(database_url)
        .await
        .with_context(|| format!("cannot open the database at {database_url}"))?;
    let hash = hash_password(password)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let created = store
        .create_staff(
            username,
            display_name,
            role,
            &hash,
            false,
            &Actor("command line".to_owned()),
        )
        .await?;
    match created {
        Some(account) => {
            println!(
                "Created {} ({}) as {}.",
                account.username,
                account.display_name,
                role.name_en().to_lowercase()
            );
            Ok(())
        }
        None => bail!("the user name {username} is taken"),
    }
}

macro_rules! role_extractor {
    ($(#[$meta:meta])* $name:ident, $role:expr) => {
        $(#[$meta])*
        #[derive(Clone, Debug)]
        pub struct $name(pub StaffSession);

        impl<S> FromRequestParts<S> for $name
        where
            S: Send + Sync,
            Store: FromRef<S>,
        {
            type Rejection = ApiError;

            async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
                let session = StaffSession::from_request_parts(parts, state).await?;
                session.require($role)?;
                Ok(Self(session))
            }
        }
    };
}

role_extractor!(
    /// A signed-in administrator: anyone else is refused (403) before the
    /// body is read.
    AsAdministrator,
    Role::Administrator
);
role_extractor!(
    /// A signed-in editor: anyone else is refused (403) before the body is
    /// read.
    AsEditor,
    Role::Editor
);
role_extractor!(
    /// A signed-in case handler: anyone else is refused (403) before the
    /// body is read.
    AsCaseHandler,
    Role::CaseHandler
);
