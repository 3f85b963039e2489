use crate::{
    api::{RoundStatus, get_statement},
    components::{
        loaded, loading,
        pager::Pager,
        reading::{EasyReadPicture, ReadingNote, ReadingSwitch},
        statement_parts::{CommentList, HighlightedText, RoundBanner},
    },
    domain::{easy_read::TextKind, format_date},
    model::{ListQuery, PageRequest, Paged, text_query, thousands},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Framework slug and statement reference from the address.
pub fn statement_params() -> Memo<(String, String)> {
    let params = use_params_map();
    Memo::new(move |_| {
        let p = params.read();
        (
            p.get("slug").unwrap_or_default(),
            p.get("reference").unwrap_or_default(),
        )
    })
}

#[component]
pub fn StatementBreadcrumbs(
    slug: String,
    framework_title: String,
    theme_code: String,
    theme_title: String,
    #[prop(optional)] statement: Option<(String, String)>,
) -> impl IntoView {
    let framework_href = format!("/frameworks/{slug}");
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><a href="/">"Frameworks"</a></li>
                <li><a href=framework_href.clone()>{framework_title}</a></li>
                <li><a href=format!("{framework_href}#theme-{theme_code}")>{theme_title}</a></li>
                {statement.map(|(href, reference)| view! { <li><a href=href>{reference}</a></li> })}
            </ol>
        </nav>
    }
}

#[component]
pub fn StatementPage() -> impl IntoView {
    let params = statement_params();
    let query = use_query_map();
    let statement = Resource::new(
        move || {
            let q = query.read();
            // Comments are oldest first: a comment just saved is on the last page, which
            // a page number past the end opens.
            let just_saved =
                q.get("saved").as_deref() == Some(crate::model::Saved::Comment.as_str());
            let page = q
                .get(PageRequest::PARAM)
                .or_else(|| just_saved.then(|| u32::MAX.to_string()));
            (params.get(), page)
        },
        |((slug, reference), page)| get_statement(slug, reference, page),
    );
    let still_fits = crate::form::use_form_feedback(crate::components::twins::STILL_FITS_FORM);
    let notice = use_query_map()
        .read_untracked()
        .get("saved")
        .and_then(|code| crate::model::Saved::parse(&code))
        .map(|saved| saved.message());
    view! {
        <Suspense fallback=loading>
            {move || {
                let still_fits = still_fits.clone();
                Suspend::new(async move {
                loaded(statement.await, move |s| {
                    let path = s.path();
                    let comment_count = thousands(s.comments_total);
                    let paged = Paged::new(s.comments.clone(), s.comments_page, s.comments_total);
                    let showing = (paged.pages() > 1).then(|| paged.showing("comment", "comments"));
                    let text = text_query(s.shown);
                    let draft_label = match s.shown {
                        TextKind::Standard => "Draft",
                        TextKind::EasyRead => "Easy read draft",
                    };
                    view! {
                        <Title text=format!("{}: {}", s.reference, s.text)/>
                        <StatementBreadcrumbs slug=s.framework_slug.clone() framework_title=s.framework_title.clone() theme_code=s.theme_code.clone() theme_title=s.theme_title.clone()/>
                        <crate::components::error_summary::ErrorSummary feedback=still_fits.clone()/>
                        {notice.map(|n| view! { <div class="notice" role="status"><p>{n}</p></div> })}
                        <p class="caption">
                            <span class="reference">{s.reference.clone()}</span>" · "{s.theme_title.clone()}
                        </p>
                        <ReadingSwitch reading=s.reading/>
                        <ReadingNote note=s.reading_note.clone()/>
                        <EasyReadPicture picture=s.picture.clone()/>
                        <h1 class="statement-heading"><HighlightedText segments=s.segments.clone()/></h1>
                        {s.retired.then(|| view! { <p class="inset"><strong>"This statement has been retired."</strong>" It is no longer part of the framework. Its history is kept."</p> })}
                        {(!s.values.is_empty()).then(|| {
                            let slug = s.framework_slug.clone();
                            view! {
                                <p class="statement-values-line">
                                    {crate::domain::singular_or_plural(s.values.len(), "Value: ", "Values: ")}
                                    {s.values.iter().enumerate().map(|(i, v)| view! {
                                        {(i > 0).then_some(", ")}
                                        <a href=format!("/frameworks/{slug}?value={}", v.code)>{v.title.clone()}</a>
                                    }).collect_view()}
                                </p>
                            }
                        })}
                        <p class="meta">
                            {format!("{draft_label} {}, last changed on {}. ", s.draft_number, format_date(s.revised_at))}
                            <a href=format!("{path}/history{text}")>"See how this statement has changed"</a>
                        </p>
                        {s.can_edit.then(|| view! {
                            <ul class="action-list">
                                {(!s.retired).then(|| view! { <li><a class="button" href=format!("{path}/redraft")>"Redraft this statement"</a></li> })}
                                <li><a class="button button--secondary" href=format!("{path}/manage")>"Change values, move or retire"</a></li>
                            </ul>
                        })}
                        <crate::pages::balance::StatementBalance slug=s.framework_slug.clone() reference=s.reference.clone()/>
                        {s.twin.clone().filter(|_| !s.retired).map(|status| view! {
                            <crate::components::twins::TwinStatusPanel status from=crate::model::StillFitsFrom::Statement
                                error=still_fits.as_ref().and_then(|f| f.error_for(crate::components::twins::STILL_FITS_FORM))/>
                        })}
                        <h2 id="comments">{format!("Comments ({comment_count})")}</h2>
                        <RoundBanner status=s.round.clone() rounds_href=format!("/frameworks/{}/rounds", s.framework_slug)/>
                        {match (&s.viewer, s.can_comment) {
                            (_, true) => view! {
                                <EarlierRoundsInvitation rounds=s.earlier_rounds.clone() href=format!("{path}/comment{text}#earlier-comments-heading")/>
                                <p><a class="button" href=format!("{path}/comment{text}")>
                                    {match s.shown {
                                        TextKind::Standard => "Comment on this statement",
                                        TextKind::EasyRead => "Comment on the easy read text",
                                    }}
                                </a></p>
                            }.into_any(),
                            (None, false) if matches!(s.round, RoundStatus::Open { .. }) => view! {
                                <p><a href="/sign-in">"Sign in to comment"</a>". We will email you a link; there is no password."</p>
                            }.into_any(),
                            _ => ().into_any(),
                        }}
                        {showing.map(|line| view! { <p class="meta">{line}</p> })}
                        <CommentList comments=s.comments.clone() statement_path=path.clone()/>
                        <Pager paged path=path.clone() query=ListQuery::new() label="Pages of comments".to_owned() fragment="#comments"/>
                    }
                })
            })}}
        </Suspense>
    }
}

/// "You commented on this statement in the Winter consultation": the way back to what
/// they said, its answer and "This still matters to me", so nobody retypes their story.
#[component]
fn EarlierRoundsInvitation(rounds: Vec<String>, href: String) -> impl IntoView {
    (!rounds.is_empty()).then(|| {
        let names = crate::domain::list_in_words(&rounds);
        view! {
            <div class="inset earlier-rounds">
                <p>{format!("You commented on this statement before, in {names}.")}</p>
                <p><a href=href>"See what you said, the answer it got, and say if it still matters to you"</a></p>
            </div>
        }
    })
}
