//! What a comment's author reads about a moderator's change, and the link to report a
//! comment.

use crate::model::ModerationNotice;
use leptos::prelude::*;

/// "Your comment was changed": what a moderator did, why, and what everyone else reads;
/// the author's own words follow it as they wrote them.
#[component]
pub fn YourCommentWasChanged(notice: ModerationNotice) -> impl IntoView {
    view! {
        <div class="warning-notice moderation-notice">
            <p class="heading-s">"Your comment was changed"</p>
            <p>{notice.what}</p>
            <p>"Why: "{notice.reason}"."</p>
            <p>"What everyone else reads:"</p>
            <blockquote class="comment__quote">{notice.shown}</blockquote>
            <p>"The policy team still reads your words as you wrote them, and answers them. Below are your own words. While the round is open you can change them from the statement page; a moderator reads them again before they are shown."</p>
        </div>
    }
}

/// A link under a comment to report it to the moderators.
#[component]
pub fn ReportLink(comment_id: i64, number: usize) -> impl IntoView {
    view! {
        <a class="report-link" href=format!("/comments/{comment_id}/report")>
            "Report this comment"<span class="visually-hidden">{format!(" (comment {number})")}</span>
        </a>
    }
}
