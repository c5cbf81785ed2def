//! Editors change education articles: read the source, preview the
//! sanitised rendering, save (a new text the public page shows at once).

use axum::extract::State;
use portal_store::education::ArticleEdit;
use portal_store::staff::Audit;
use portal_types::ApiErrorBody;
use portal_types::Problem;
use portal_types::education::{Article, ArticleList, ArticleQuery};
use portal_types::staff::articles::{ArticleSource, MAX_MARKDOWN_CHARS, Preview, PreviewRequest};

use crate::error::{ApiError, ApiResult, Json, Path};
use crate::staff::AsEditor;
use crate::state::AppState;

fn check(field: &'static str, value: &str, max: usize) -> ApiResult<()> {
    let value = value.trim();
    if value.is_empty()
        || value.chars().count() > max
        || value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(ApiError::field(field, Problem::Length { min: 1, max }));
    }
    Ok(())
}

/// Every article, in topic order (editors only).
#[utoipa::path(
    get,
    path = "/api/staff/articles",
    tag = "staff",
    responses(
        (status = 200, description = "The articles.", body = ArticleList),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor.", body = ApiErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    AsEditor(_): AsEditor,
) -> ApiResult<Json<ArticleList>> {
    Ok(Json(ArticleList {
        items: state.education.get().articles(&ArticleQuery::default()),
    }))
}

/// An article's source: title, summary and Markdown (editors only).
#[utoipa::path(
    get,
    path = "/api/staff/articles/{slug}",
    tag = "staff",
    params(("slug" = String, Path, description = "The article's identifier.")),
    responses(
        (status = 200, description = "The source.", body = ArticleSource),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor.", body = ApiErrorBody),
        (status = 404, description = "No such article.", body = ApiErrorBody),
    )
)]
pub async fn source(
    State(state): State<AppState>,
    AsEditor(_): AsEditor,
    Path(slug): Path<String>,
) -> ApiResult<Json<ArticleSource>> {
    state
        .education
        .get()
        .source(&slug)
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("There is no article with this identifier.".to_owned()))
}

/// Renders Markdown exactly as the public page would: sanitised, with its
/// contents and reading time (editors only).
#[utoipa::path(
    post,
    path = "/api/staff/articles/preview",
    tag = "staff",
    request_body = PreviewRequest,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 200, description = "The rendering.", body = Preview),
        (status = 400, description = "Too long.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
    )
)]
pub async fn preview(
    AsEditor(_): AsEditor,
    Json(body): Json<PreviewRequest>,
) -> ApiResult<Json<Preview>> {
    if body.markdown.chars().count() > MAX_MARKDOWN_CHARS {
        return Err(ApiError::field(
            "markdown",
            Problem::TooLong {
                max: MAX_MARKDOWN_CHARS,
            },
        ));
    }
    let rendered = crate::education::render::render(&body.markdown);
    Ok(Json(Preview {
        html: rendered.html,
        toc: rendered.toc,
        reading_minutes: rendered.reading_minutes,
    }))
}

/// Saves a new title, summary and text of an article; the public page shows
/// it at once, sanitised. It stays over the shipped file until a file
/// reviewed later replaces it (editors only).
#[utoipa::path(
    put,
    path = "/api/staff/articles/{slug}",
    tag = "staff",
    request_body = ArticleSource,
    params(
        ("slug" = String, Path, description = "The article's identifier."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "The article as the public now sees it.", body = Article),
        (status = 400, description = "A bad field.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such article.", body = ApiErrorBody),
    )
)]
pub async fn save(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(slug): Path<String>,
    Json(body): Json<ArticleSource>,
) -> ApiResult<Json<Article>> {
    check("title", &body.title, 200)?;
    check("title_en", &body.title_en, 200)?;
    check("summary", &body.summary, 500)?;
    check("summary_en", &body.summary_en, 1_000)?;
    check("markdown", &body.markdown, MAX_MARKDOWN_CHARS)?;
    let Some(before) = state.education.get().source(&slug) else {
        return Err(ApiError::NotFound(
            "There is no article with this identifier.".to_owned(),
        ));
    };
    if body.reviewed_on < before.reviewed_on {
        return Err(ApiError::field("reviewed_on", Problem::BeforeLastReview));
    }
    let actor = session.actor();
    state
        .store
        .save_article_edit(
            &ArticleEdit {
                slug: slug.clone(),
                source: body,
            },
            Some(serde_json::to_string(&before).unwrap_or_default()),
            Audit {
                actor: &actor,
                action: "article.edit",
                target: format!("article:{slug}"),
                before: None,
                after: None,
            },
        )
        .await?;
    state
        .education
        .reload(&state.store)
        .await
        .map_err(ApiError::Internal)?;
    state
        .education
        .get()
        .article(&slug)
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("There is no article with this identifier.".to_owned()))
}
