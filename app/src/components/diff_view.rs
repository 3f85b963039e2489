//! Word diffs people can read: colour and strike-through for sighted readers, and the
//! words "added" and "removed" for screen readers (which say nothing for <ins>/<del>).

use crate::domain::diff::{self, ChangeKind, DiffSpan, WordDiff};
use leptos::prelude::*;

fn span_view(span: DiffSpan) -> AnyView {
    match span.kind {
        ChangeKind::Equal => view! { <span>{span.text}</span> }.into_any(),
        ChangeKind::Added => view! {
            <ins class="diff-added"><span class="visually-hidden">" [added: "</span>{span.text}<span class="visually-hidden">"] "</span></ins>
        }
        .into_any(),
        ChangeKind::Removed => view! {
            <del class="diff-removed"><span class="visually-hidden">" [removed: "</span>{span.text}<span class="visually-hidden">"] "</span></del>
        }
        .into_any(),
    }
}

/// Old and new text woven together.
#[component]
pub fn InlineDiff(diff: WordDiff) -> impl IntoView {
    view! { <p class="diff diff--inline">{diff.spans.into_iter().map(span_view).collect_view()}</p> }
}

/// Before on one side, after on the other (stacked on narrow screens).
#[component]
pub fn SideBySideDiff(diff: WordDiff, before: String, after: String) -> impl IntoView {
    let old = diff::old_side(&diff);
    let new = diff::new_side(&diff);
    view! {
        <div class="diff-columns">
            <div class="diff-column">
                <h3 class="heading-s">{before}</h3>
                <p class="diff">{old.into_iter().map(span_view).collect_view()}</p>
            </div>
            <div class="diff-column">
                <h3 class="heading-s">{after}</h3>
                <p class="diff">{new.into_iter().map(span_view).collect_view()}</p>
            </div>
        </div>
    }
}

/// Each change as a sentence: "'choose' replaced by 'decide'".
#[component]
pub fn ChangeList(diff: WordDiff) -> impl IntoView {
    let changes = diff::list_changes(&diff);
    if changes.is_empty() {
        view! { <p>"No changes: the two texts are the same."</p> }.into_any()
    } else {
        view! {
            <ol class="change-list">
                {changes.into_iter().map(|c| view! { <li>{c.describe()}</li> }).collect_view()}
            </ol>
        }
        .into_any()
    }
}

/// The inline diff with its list of changes, and a note when the diff had to be coarse.
#[component]
pub fn DiffWithChanges(diff: WordDiff) -> impl IntoView {
    let coarse = diff.coarse;
    view! {
        <InlineDiff diff=diff.clone()/>
        {coarse.then(|| view! { <p class="hint">"This comparison shows whole sentences that changed, because the texts are very different."</p> })}
        <h3 class="heading-s">"List of changes"</h3>
        <ChangeList diff/>
    }
}
