//! Loading and error states, shown in place of content that is on its way
//! or failed to come.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_i18n;

/// A polite "loading" message, announced to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="loading" role="status" data-testid="loading">
            <span class="loading__spinner" aria-hidden="true"></span>
            {move || i18n.t().loading}
        </p>
    }
}

/// What a failed request says to a person: the network, too many tries
/// (with how long to wait), or the server.
pub fn message_of(error: &ApiError, i18n: crate::i18n::I18n) -> String {
    match error {
        ApiError::Network(_) => i18n.t().error_network.to_owned(),
        ApiError::Server {
            status: 429,
            retry_after,
            ..
        } => (i18n.t().report().status_too_many)(retry_after.unwrap_or(3600)),
        _ => i18n.t().error_server.to_owned(),
    }
}

/// Says what failed, in words a person understands, with a retry button.
#[component]
pub fn ErrorNotice(
    /// What went wrong.
    error: ApiError,
    /// Called when the person asks to try again.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    // A page the server could not fill says so in its status too.
    crate::components::head::respond_with(match error.status() {
        Some(status) if status >= 400 => status,
        _ => 503,
    });
    let message = move || match &error {
        ApiError::Network(_) => i18n.t().error_network,
        ApiError::Server { .. } | ApiError::Decode(_) => i18n.t().error_server,
    };
    view! {
        <div class="error-notice" role="alert" data-testid="error-notice">
            <p>{message}</p>
            // `data-action`: on a page only the server renders, the browser
            // app fetches the page again (see `server_page`).
            <button type="button" class="button button--secondary" data-action="retry"
                on:click=move |_| on_retry.run(())>
                {move || i18n.t().retry}
            </button>
        </div>
    }
}
