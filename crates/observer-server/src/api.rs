//! The JSON endpoints under `/api`: events (with their evidence), the map and timeline
//! aggregates, articles with full-text search, one event's explanation, and ingest.
//!
//! Lists are paged with an opaque cursor: a response's `next_cursor`, passed back as `cursor`,
//! continues after its last item; it is absent on the last page. Filters combine with AND.

use axum::Json;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;
use observer_extract::explain::Explanation;
use observer_model::{Article, Event, EventType, PlacePrecision};
use observer_store::{ArticleCursor, ArticleFilter, BoundingBox, EventCursor, EventFilter};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// Items per page when the request names no `limit`, and the most it may name.
const DEFAULT_LIMIT: usize = 100;
const MAX_LIMIT: usize = 1000;

/// Query parameters, with a JSON error naming the bad parameter when they do not parse.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(value)| ApiQuery(value))
            .map_err(|rejection| ApiError::bad_request(rejection.body_text()))
    }
}

/// The event filters, shared by the event list, the map, the timeline and the article list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// Events whose dates end on or after this day (YYYY-MM-DD).
    pub since: Option<NaiveDate>,
    /// Events whose dates start on or before this day (YYYY-MM-DD).
    pub until: Option<NaiveDate>,
    /// Case-insensitive part of the name, words or CAMEO code of the source, target or claimant.
    pub actor: Option<String>,
    /// ISO 3166 alpha-3 code of the source, target or place country.
    pub country: Option<String>,
    /// PLOVER event type (ASSAULT, PROTEST, ...), any case.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub event_type: Option<String>,
    /// Case-insensitive part of the place name or its first-level region.
    pub place: Option<String>,
    /// Case-insensitive part of the outlet's name.
    pub outlet: Option<String>,
    /// Only events placed inside `west,south,east,north` (degrees; west > east crosses the
    /// antimeridian).
    pub bbox: Option<String>,
    /// Only the events of this article.
    pub article: Option<String>,
}

impl EventParams {
    pub(crate) fn filter(&self) -> Result<EventFilter, ApiError> {
        let event_type = match &self.event_type {
            Some(name) => Some(EventType::parse(name).ok_or_else(|| {
                let known: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
                ApiError::bad_request(format!(
                    "unknown event type {name:?}: use one of {}",
                    known.join(", ")
                ))
            })?),
            None => None,
        };
        Ok(EventFilter {
            since: self.since,
            until: self.until,
            actor: non_blank(&self.actor),
            country: non_blank(&self.country),
            event_type,
            place: non_blank(&self.place),
            source: non_blank(&self.outlet),
            article_id: non_blank(&self.article),
            bbox: self.bbox.as_deref().map(parse_bbox).transpose()?,
            after: None,
            limit: None,
        })
    }
}

/// Whether `filter` narrows events by more than their outlet (which articles have too).
fn narrows_events(filter: &EventFilter) -> bool {
    filter.since.is_some()
        || filter.until.is_some()
        || filter.actor.is_some()
        || filter.country.is_some()
        || filter.event_type.is_some()
        || filter.place.is_some()
        || filter.article_id.is_some()
        || filter.bbox.is_some()
}

fn non_blank(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(String::from)
}

/// Parses `west,south,east,north` in degrees.
fn parse_bbox(text: &str) -> Result<BoundingBox, ApiError> {
    let bad = |problem: &str| {
        ApiError::bad_request(format!(
            "bbox {text:?} {problem}: give west,south,east,north in degrees, e.g. 44,38,48,41"
        ))
    };
    let numbers: Vec<f64> = text
        .split(',')
        .map(|part| part.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad("is not four numbers"))?;
    let [west, south, east, north] = numbers[..] else {
        return Err(bad("is not four numbers"));
    };
    let longitude = |v: f64| (-180.0..=180.0).contains(&v);
    let latitude = |v: f64| (-90.0..=90.0).contains(&v);
    if !(longitude(west) && longitude(east) && latitude(south) && latitude(north)) {
        return Err(bad("lies outside the globe"));
    }
    if south > north {
        return Err(bad("has its south edge north of its north edge"));
    }
    Ok(BoundingBox {
        west,
        south,
        east,
        north,
    })
}

/// Paging parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Items per page, 1 to 1000 (default 100).
    pub limit: Option<usize>,
}

impl PageParams {
    pub(crate) fn limit(&self) -> Result<usize, ApiError> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(limit) if (1..=MAX_LIMIT).contains(&limit) => Ok(limit),
            Some(limit) => Err(ApiError::bad_request(format!(
                "limit {limit} is out of range: use 1 to {MAX_LIMIT}"
            ))),
        }
    }

    /// The decoded cursor: the JSON of `T`, base64url-encoded.
    pub(crate) fn cursor<T: DeserializeOwned>(&self) -> Result<Option<T>, ApiError> {
        let Some(cursor) = &self.cursor else {
            return Ok(None);
        };
        URL_SAFE_NO_PAD
            .decode(cursor)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .map(Some)
            .ok_or_else(|| {
                ApiError::bad_request(
                    "cursor is not one this server gave: pass the next_cursor of the previous \
                     page unchanged",
                )
            })
    }
}

fn encode_cursor(value: &impl Serialize) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).unwrap_or_default())
}

/// Cuts `items`, fetched one more than `limit` to know whether another page follows, to one
/// page; the cursor of the next page is `key` of the last item sent, none on the last page.
pub(crate) fn next_page<T, K: Serialize>(
    items: &mut Vec<T>,
    limit: usize,
    key: impl FnOnce(&T) -> K,
) -> Option<String> {
    if items.len() <= limit {
        return None;
    }
    items.truncate(limit);
    items.last().map(|last| encode_cursor(&key(last)))
}

/// One page of events.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EventPage {
    pub events: Vec<Event>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// The cursor of the event list: (first day, article id, event id) of the last event sent.
type EventKey = (Option<NaiveDate>, String, String);

/// Events matching the filters, ordered by date (undated last), article and id, each with its
/// evidence span and per-field provenance.
#[utoipa::path(get, path = "/api/events", tag = "events",
    params(EventParams, PageParams),
    responses(
        (status = 200, description = "A page of events", body = EventPage),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
    ))]
pub async fn list_events(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<EventParams>,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<EventPage>, ApiError> {
    let limit = page.limit()?;
    let mut filter = params.filter()?;
    filter.after = page
        .cursor::<EventKey>()?
        .map(|(date_start, article_id, id)| EventCursor {
            date_start,
            article_id,
            id,
        });
    // One more than asked, to know whether another page follows.
    filter.limit = Some(limit + 1);
    let mut events = state
        .with_store(move |store| Ok(store.events(&filter)?))
        .await?;
    let next_cursor = next_page(&mut events, limit, |last| {
        let cursor = EventCursor::after(last);
        (cursor.date_start, cursor.article_id, cursor.id)
    });
    Ok(Json(EventPage {
        events,
        next_cursor,
    }))
}

/// One event.
#[utoipa::path(get, path = "/api/events/{id}", tag = "events",
    params(("id" = String, Path, description = "Event id")),
    responses(
        (status = 200, description = "The event", body = Event),
        (status = 404, description = "No such event", body = ErrorBody),
    ))]
pub async fn get_event(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Event>, ApiError> {
    state
        .with_store(move |store| {
            store
                .event(&id)?
                .ok_or_else(|| ApiError::not_found(format!("no event with id {id:?}")))
        })
        .await
        .map(Json)
}

/// How an event was coded: its article, the sentences with each field's evidence span, and the
/// rule behind every field (what `observer explain --format json` prints).
#[utoipa::path(get, path = "/api/events/{id}/explain", tag = "events",
    params(("id" = String, Path, description = "Event id")),
    responses(
        (status = 200, description = "The explanation", body = Explanation),
        (status = 404, description = "No such event", body = ErrorBody),
    ))]
pub async fn explain_event(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Explanation>, ApiError> {
    state
        .with_store(move |store| {
            let event = store
                .event(&id)?
                .ok_or_else(|| ApiError::not_found(format!("no event with id {id:?}")))?;
            let article = store.article(&event.article_id)?;
            Ok(Explanation::new(&event, article.as_ref()))
        })
        .await
        .map(Json)
}

/// The located events of one type at one place.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MapPoint {
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub place: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// How exactly the place is known: `city` is a point, the others a region.
    pub precision: Option<PlacePrecision>,
    /// How many events (mentions in articles) share this type and place.
    pub events: u64,
    /// One of those events, to open.
    pub event_id: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MapResponse {
    pub points: Vec<MapPoint>,
}

/// The located events matching the filters, grouped by type and place, largest groups first.
#[utoipa::path(get, path = "/api/map", tag = "events",
    params(EventParams),
    responses(
        (status = 200, description = "Map points", body = MapResponse),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
    ))]
pub async fn event_map(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<EventParams>,
) -> Result<Json<MapResponse>, ApiError> {
    let filter = params.filter()?;
    let points = state
        .with_store(move |store| Ok(store.event_map(&filter)?))
        .await?;
    let points = points
        .into_iter()
        .map(|point| MapPoint {
            event_type: point.event_type,
            place: point.place_name,
            lat: point.lat,
            lon: point.lon,
            precision: point.precision,
            events: point.events,
            event_id: point.first_event_id,
        })
        .collect();
    Ok(Json(MapResponse { points }))
}

/// Events of one type on one day.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DayCount {
    pub day: NaiveDate,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub events: u64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TimelineResponse {
    pub days: Vec<DayCount>,
}

/// The dated events matching the filters, counted per first day and type.
#[utoipa::path(get, path = "/api/timeline", tag = "events",
    params(EventParams),
    responses(
        (status = 200, description = "Events per day and type", body = TimelineResponse),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
    ))]
pub async fn timeline(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<EventParams>,
) -> Result<Json<TimelineResponse>, ApiError> {
    let filter = params.filter()?;
    let days = state
        .with_store(move |store| Ok(store.timeline(&filter)?))
        .await?;
    let days = days
        .into_iter()
        .map(|day| DayCount {
            day: day.day,
            event_type: day.event_type,
            events: day.events,
        })
        .collect();
    Ok(Json(TimelineResponse { days }))
}

/// Article search parameters (with the event filters, which keep articles having a matching
/// event; the date range of the event filters applies to events, `published_*` to articles).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArticleParams {
    /// Full-text search: articles whose title or text holds every word.
    pub q: Option<String>,
    /// Published on or after this day.
    pub published_since: Option<NaiveDate>,
    /// Published on or before this day.
    pub published_until: Option<NaiveDate>,
}

/// An article without its text.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ArticleSummary {
    pub id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
    /// How many events were coded from it.
    pub events: u64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ArticlePage {
    pub articles: Vec<ArticleSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Articles, newest first, optionally searched by their words and narrowed to those with
/// matching events.
#[utoipa::path(get, path = "/api/articles", tag = "articles",
    params(ArticleParams, EventParams, PageParams),
    responses(
        (status = 200, description = "A page of articles", body = ArticlePage),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
    ))]
pub async fn list_articles(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ArticleParams>,
    ApiQuery(events): ApiQuery<EventParams>,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<ArticlePage>, ApiError> {
    let limit = page.limit()?;
    let event_filter = events.filter()?;
    let has_event_filter = narrows_events(&event_filter);
    let filter = ArticleFilter {
        since: params.published_since,
        until: params.published_until,
        source: event_filter.source.clone(),
        text: params.q.clone(),
        events: has_event_filter.then_some(event_filter),
        after: page
            .cursor::<(Option<NaiveDate>, String)>()?
            .map(|(published, id)| ArticleCursor { published, id }),
        limit: Some(limit + 1),
    };
    let mut found = state
        .with_store(move |store| Ok(store.articles(&filter)?))
        .await?;
    let next_cursor = next_page(&mut found, limit, |last| (last.published, last.id.clone()));
    let articles = found
        .into_iter()
        .map(|a| ArticleSummary {
            id: a.id,
            source: a.source,
            url: a.url,
            published: a.published,
            title: a.title,
            events: a.events,
        })
        .collect();
    Ok(Json(ArticlePage {
        articles,
        next_cursor,
    }))
}

/// An article with its text and the events coded from it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ArticleDetail {
    pub article: Article,
    pub events: Vec<Event>,
}

/// One article, whole, with its events.
#[utoipa::path(get, path = "/api/articles/{id}", tag = "articles",
    params(("id" = String, Path, description = "Article id")),
    responses(
        (status = 200, description = "The article and its events", body = ArticleDetail),
        (status = 404, description = "No such article", body = ErrorBody),
    ))]
pub async fn get_article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ArticleDetail>, ApiError> {
    state
        .with_store(move |store| {
            let article = store
                .article(&id)?
                .ok_or_else(|| ApiError::not_found(format!("no article with id {id:?}")))?;
            let events = store.events(&EventFilter {
                article_id: Some(id),
                ..EventFilter::default()
            })?;
            Ok(ArticleDetail { article, events })
        })
        .await
        .map(Json)
}

/// How much the store holds and which engine codes new articles.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct StatsResponse {
    pub articles: u64,
    pub events: u64,
    pub extractor_version: String,
    /// Whether `POST /api/articles` is enabled (the server was started with a token).
    pub writable: bool,
}

#[utoipa::path(get, path = "/api/stats", tag = "store",
    responses((status = 200, description = "Store counts", body = StatsResponse)))]
pub async fn stats(State(state): State<AppState>) -> Result<Json<StatsResponse>, ApiError> {
    let writable = state.token_hash.is_some();
    let stats = state.with_store(|store| Ok(store.stats()?)).await?;
    Ok(Json(StatsResponse {
        articles: stats.articles,
        events: stats.events,
        extractor_version: observer_extract::VERSION.to_string(),
        writable,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounding_boxes_are_checked() {
        let bbox = parse_bbox(" 44, 38.5 ,48,41").unwrap();
        assert_eq!(
            (bbox.west, bbox.south, bbox.east, bbox.north),
            (44.0, 38.5, 48.0, 41.0)
        );
        for bad in [
            "44,38,48",
            "a,b,c,d",
            "44,38,48,41,1",
            "190,0,10,10",
            "0,50,10,40",
            "",
        ] {
            let error = parse_bbox(bad).unwrap_err();
            assert_eq!(error.status, axum::http::StatusCode::BAD_REQUEST, "{bad}");
            assert!(error.message.contains("west,south,east,north"), "{bad}");
        }
    }
}
