//! The reading switch and what goes with an easy read text: its picture and the notes
//! an easy read reader is given.

use crate::{
    domain::easy_read::TextKind,
    model::{PictureView, READING_PARAMETER},
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// "You are reading the standard text. [Easy read]": a plain link to this same page with
/// `?reading=…`, which the server remembers and redirects back from, so it works
/// without JavaScript. The current choice is said in words; the link names the text it
/// gives.
#[component]
pub fn ReadingSwitch(reading: TextKind) -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    let mut query = location.query.get_untracked();
    query.remove(READING_PARAMETER);
    // A notice about something just saved is not news a second time.
    query.remove("saved");
    // A page asked for one text (`?text=`) follows the new choice instead.
    query.remove("text");
    let (other, now_reading, link, hidden) = match reading {
        TextKind::Standard => (
            "easy-read",
            "You are reading the standard text.",
            "Easy read",
            ": switch to the easy read version",
        ),
        TextKind::EasyRead => (
            "standard",
            "You are reading the easy read version.",
            "Standard text",
            ": switch to the standard text",
        ),
    };
    // Written out rather than escaped, so the address reads `?reading=easy-read`.
    let rest = query.to_query_string();
    let href = match rest.strip_prefix('?') {
        Some(rest) => format!("{path}?{rest}&{READING_PARAMETER}={other}"),
        None => format!("{path}?{READING_PARAMETER}={other}"),
    };
    view! {
        <nav class="reading-switch" aria-label="Choose the text">
            <p>
                <span class="reading-switch__now">{now_reading}</span>
                " "
                <a href=href class="reading-switch__link" target="_self">
                    {link}
                    <span class="visually-hidden">{hidden}</span>
                </a>
            </p>
        </nav>
    }
}

/// An easy read text's picture, described by its alt text.
#[component]
pub fn EasyReadPicture(picture: Option<PictureView>) -> impl IntoView {
    picture.map(|p| {
        view! {
            <figure class="easy-read-picture">
                <img src=p.src() alt=p.alt width="200"/>
            </figure>
        }
    })
}

/// What an easy read reader is told about the text in front of them.
#[component]
pub fn ReadingNote(note: Option<String>) -> impl IntoView {
    note.map(|n| view! { <p class="inset reading-note">{n}</p> })
}
