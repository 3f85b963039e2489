//! "Nobody repeats their story": before someone comments again on a statement, what they
//! said in earlier rounds and the answer it got, each with a "This still matters to me"
//! button (a plain form, so it works without JavaScript).

use crate::{
    form::FormFeedback,
    model::{EarlierComment, StillMattersInput, StillMattersNote},
};
use leptos::prelude::*;

#[component]
pub fn EarlierComments(
    /// The statement's path: the buttons post to `{path}/still-matters`.
    path: String,
    earlier: Vec<EarlierComment>,
    /// A fresh key for this page; each button's key adds its comment's id.
    submission_key: String,
    feedback: Option<FormFeedback>,
) -> impl IntoView {
    (!earlier.is_empty()).then(|| {
        let action = format!("{path}/still-matters");
        view! {
            <section class="earlier-comments" aria-labelledby="earlier-comments-heading">
                <h2 class="heading-m" id="earlier-comments-heading">"What you said before"</h2>
                <p>"You commented on this statement in an earlier round. If it still matters to you, say so and it is sent again in this round, so you need not write it again."</p>
                <ol class="comment-list">
                    {earlier.into_iter().map(|e| {
                        let button_id = StillMattersInput::button(e.id);
                        let error = feedback.as_ref().and_then(|f| f.error_for(&button_id));
                        let error_id = format!("{button_id}-error");
                        let has_error = error.is_some();
                        view! {
                            <li class="comment" class:form-group--error=has_error>
                                <p class="comment__meta">{format!("In {}, on draft {}", e.round_title, e.draft_number)}</p>
                                {e.quote.clone().map(|q| view! { <blockquote class="comment__quote"><span class="visually-hidden">"About the words: "</span>"“"{q}"”"</blockquote> })}
                                <div class="comment__body">{e.body.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}</div>
                                <div class="comment__answer">
                                    <p class="heading-s">{format!("What happened: {}", e.outcome_label)}</p>
                                    {e.reason.clone().map(|r| view! { <p>{r}</p> })}
                                </div>
                                {match e.still_matters_in {
                                    // Done: the note takes the button's id, so a "you already said
                                    // so" message from another tab links here and is read with it.
                                    Some(_) => view! {
                                        {error.map(|m| view! { <p class="error-message" id=error_id.clone()><span class="visually-hidden">"Error: "</span>{m}</p> })}
                                        <p class="inset" id=button_id.clone() tabindex="-1" aria-describedby=has_error.then(|| error_id.clone())>"You said this still matters in this round. You can change or withdraw it from the statement's comments."</p>
                                    }.into_any(),
                                    None => view! {
                                        {e.quote_gone.then(|| view! {
                                            <p class="hint">"The words it was about are no longer in the statement, so it will be about the whole statement."</p>
                                        })}
                                        {error.map(|m| view! { <p class="error-message" id=error_id.clone()><span class="visually-hidden">"Error: "</span>{m}</p> })}
                                        <form method="post" action=action.clone()>
                                            <input type="hidden" name=StillMattersInput::EARLIER_COMMENT_ID value=e.id.to_string()/>
                                            <input type="hidden" name=StillMattersInput::SUBMISSION_KEY value=format!("{submission_key}-{}", e.id)/>
                                            <button type="submit" class="button button--secondary" id=button_id.clone()
                                                aria-describedby=has_error.then(|| error_id.clone())>
                                                "This still matters to me"
                                                <span class="visually-hidden">{format!(": {}", crate::domain::opening_words(&e.body))}</span>
                                            </button>
                                        </form>
                                    }.into_any(),
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        }
    })
}

/// On the editors' answer list: "Still matters: first said in Round 1, answered 'Not
/// incorporated: …'", linking to the earlier comment.
#[component]
pub fn StillMattersMark(note: StillMattersNote) -> impl IntoView {
    view! {
        <p class="tag-line still-matters">
            <strong>"Still matters: "</strong>
            {format!("first said in {}, answered ‘{}’. ", note.earlier_round_title, note.earlier_answer)}
            <a href=note.earlier_href>"Read the earlier comment"</a>
        </p>
    }
}
