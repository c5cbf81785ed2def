//! Safety education: topics, articles (with search), quizzes.

use axum::extract::State;
use portal_types::ApiErrorBody;
use portal_types::education::{
    Article, ArticleList, ArticleQuery, EducationIndex, MAX_QUERY_CHARS, Quiz, Topic,
};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::AppState;
use crate::error::{ApiError, ApiResult, Json, Path, Query};

/// The topics, with how many articles and quizzes each has; every quiz;
/// the articles reviewed most recently.
#[utoipa::path(
    get,
    path = "/api/education",
    tag = "education",
    responses((status = 200, description = "The education page's contents.", body = EducationIndex))
)]
pub async fn index(State(state): State<AppState>) -> Json<EducationIndex> {
    Json(state.education.index())
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
    /// Only articles that explain this law's `article`: the law's short
    /// name, as `安全生产法` (give `article` too).
    #[param(max_length = 40, pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$")]
    pub law: Option<String>,
    /// The article number that goes with `law`.
    #[param(minimum = 1, maximum = 9999)]
    pub article: Option<u32>,
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
                format!("must be at most {MAX_QUERY_CHARS} characters"),
            ));
        }
        if portal_types::text::has_control_characters(q) {
            return Err(ApiError::field("q", "must not contain control characters"));
        }
    }
    let law = params
        .law
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty());
    if let Some(law) = &law
        && (law.chars().count() > 40 || portal_types::text::has_control_characters(law))
    {
        return Err(ApiError::field(
            "law",
            "must be a law's short name of at most 40 characters",
        ));
    }
    if let Some(article) = params.article
        && !(1..=9999).contains(&article)
    {
        return Err(ApiError::field("article", "must be from 1 to 9999"));
    }
    if law.is_some() != params.article.is_some() {
        return Err(ApiError::field(
            if law.is_some() { "article" } else { "law" },
            "law and article go together: give both or neither",
        ));
    }
    let query = ArticleQuery {
        q,
        topic: params.topic,
        law,
        article: params.article,
    };
    Ok(Json(ArticleList {
        items: state.education.articles(&query),
    }))
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
        .quiz(&slug)
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("No quiz has this identifier.".to_owned()))
}
