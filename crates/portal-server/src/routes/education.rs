//! Safety education: topics, articles (with search), quizzes.

use axum::extract::State;
use portal_types::ApiErrorBody;
use portal_types::Problem;
use portal_types::education::{
    Article, ArticleList, ArticleQuery, EducationIndex, MAX_QUERY_CHARS, Provision, Quiz, Topic,
};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{ApiError, ApiResult, Json, Path, Query};
use crate::state::AppState;

/// The topics, with how many articles and quizzes each has; every quiz;
/// the articles reviewed most recently.
#[utoipa::path(
    get,
    path = "/api/education",
    tag = "education",
    responses((status = 200, description = "The education page's contents.", body = EducationIndex))
)]
pub async fn index(State(state): State<AppState>) -> Json<EducationIndex> {
    Json(state.education.get().index())
}

/// The filters of the article list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArticleParams {
    /// Words to find, all of them, in the title, summary or text (Chinese
    /// words of two characters work; separate words with spaces).
    #[param(max_length = 50, pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$")]
    pub q: Option<String>,
    /// Only articles of this topic.
    pub topic: Option<Topic>,
    /// Only articles that explain this provision: a law's short name, a
    /// colon and the article's number, as `安全生产法:28` (empty: any).
    #[param(
        max_length = 45,
        pattern = "^([^:\\s\\u0000-\\u001F\\u007F-\\u009F]{1,40}:[1-9][0-9]{0,3})?$"
    )]
    pub provision: Option<String>,
}

/// Articles matching a search, a topic, or a provision they explain.
#[utoipa::path(
    get,
    path = "/api/education/articles",
    tag = "education",
    params(ArticleParams),
    responses(
        (status = 200, description = "Matching articles: best first for a search, in topic order otherwise.", body = ArticleList),
        (status = 400, description = "A bad parameter.", body = ApiErrorBody),
    )
)]
pub async fn articles(
    State(state): State<AppState>,
    Query(params): Query<ArticleParams>,
) -> ApiResult<Json<ArticleList>> {
    let q = params
        .q
        .map(|q| q.trim().to_owned())
        .filter(|q| !q.is_empty());
    if let Some(q) = &q {
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(ApiError::field(
                "q",
                Problem::TooLong {
                    max: MAX_QUERY_CHARS,
                },
            ));
        }
        if portal_types::text::has_control_characters(q) {
            return Err(ApiError::field("q", Problem::ControlCharacters));
        }
    }
    let provision = match params.provision.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(parse_provision(text)?),
    };
    let query = ArticleQuery {
        q,
        topic: params.topic,
        provision,
    };
    Ok(Json(ArticleList {
        items: state.education.get().articles(&query),
    }))
}

/// Reads `安全生产法:28`.
fn parse_provision(text: &str) -> ApiResult<Provision> {
    let refuse = || ApiError::field("provision", Problem::NotAProvision);
    let (law, article) = text.split_once(':').ok_or_else(refuse)?;
    let law = law.trim();
    if law.is_empty() || law.chars().count() > 40 || portal_types::text::has_control_characters(law)
    {
        return Err(refuse());
    }
    match article.trim().parse::<u32>() {
        Ok(article @ 1..=9999) => Ok(Provision {
            law: law.to_owned(),
            article,
        }),
        _ => Err(refuse()),
    }
}

/// One article: sanitised HTML, table of contents, related articles.
#[utoipa::path(
    get,
    path = "/api/education/articles/{slug}",
    tag = "education",
    params(("slug" = String, Path, description = "The article's identifier.")),
    responses(
        (status = 200, description = "The article.", body = Article),
        (status = 404, description = "No article has this identifier.", body = ApiErrorBody),
    )
)]
pub async fn article(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<Article>> {
    state
        .education
        .get()
        .article(&slug)
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("No article has this identifier.".to_owned()))
}

/// One quiz, with its answers and their explanations.
#[utoipa::path(
    get,
    path = "/api/education/quizzes/{slug}",
    tag = "education",
    params(("slug" = String, Path, description = "The quiz's identifier.")),
    responses(
        (status = 200, description = "The quiz.", body = Quiz),
        (status = 404, description = "No quiz has this identifier.", body = ApiErrorBody),
    )
)]
pub async fn quiz(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<Quiz>> {
    state
        .education
        .get()
        .quiz(&slug)
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("No quiz has this identifier.".to_owned()))
}
