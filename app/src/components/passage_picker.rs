//! Choosing the words a comment is about: the whole statement, or a part of it from
//! its first to its last word, each picked from a list, so no mouse selection is needed
//! and screen readers read every choice. Used by the comment form and by the form a
//! facilitator records what was said at an event.

use crate::model::WordChoice;
use leptos::prelude::*;

/// The names the form sends the choice in (each form names its own fields).
#[derive(Debug, Clone, Copy)]
pub struct PassageFields {
    /// "whole" or "part".
    pub choice: &'static str,
    /// 1-based word numbers, when a part is chosen.
    pub first: &'static str,
    pub last: &'static str,
}

/// The two radios ("The whole statement", "Some of its words") and the two word lists.
/// Either word can be refused ("Choose a word from the list") and a backwards pair is
/// refused on the last word; the pair shares one message beside the two lists, and each
/// list in error says so.
#[component]
pub fn PassagePicker(
    fields: PassageFields,
    legend: &'static str,
    words: Vec<WordChoice>,
    /// What was chosen: "whole" or "part", and the two word numbers.
    choice: String,
    first: String,
    last: String,
    first_error: Option<String>,
    last_error: Option<String>,
    /// The two choices' words, and the hint: the comment forms' by default; the
    /// moderation page chooses words of a comment to take out.
    #[prop(default = "The whole statement")]
    whole_label: &'static str,
    #[prop(default = "Some of its words")] part_label: &'static str,
    #[prop(
        default = "If it is about some of the words, choose the first and last word of that part."
    )]
    hint: &'static str,
) -> impl IntoView {
    let (first_wrong, last_wrong) = (first_error.is_some(), last_error.is_some());
    let words_wrong = first_wrong || last_wrong;
    let described = if words_wrong {
        "passage-hint passage-error"
    } else {
        "passage-hint"
    };
    let word_options = move |selected: String| {
        words.iter().map(|w| view! {
            <option value=w.number.to_string() selected=w.number.to_string() == selected>{format!("{}: {}", w.number, w.text)}</option>
        }).collect_view()
    };
    let message = first_error.or(last_error);
    view! {
        <div class="form-group">
            <fieldset class="fieldset">
                <legend class="fieldset__legend fieldset__legend--m">{legend}</legend>
                <div class="radios">
                    <div class="radios__item">
                        <input class="radios__input" type="radio" id=fields.choice name=fields.choice value="whole" checked=choice != "part"/>
                        <label class="radios__label" for=fields.choice>{whole_label}</label>
                    </div>
                    <div class="radios__item">
                        <input class="radios__input" type="radio" id="passage-part" name=fields.choice value="part" checked=choice == "part"/>
                        <label class="radios__label" for="passage-part">{part_label}</label>
                    </div>
                </div>
                <div class="passage-picker form-group" class:form-group--error=words_wrong>
                    <p class="hint" id="passage-hint">{hint}</p>
                    {message.map(|m| view! { <p class="error-message" id="passage-error"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                    <div class="form-row">
                        <div class="form-group">
                            <label class="label" for=fields.first>"From the word"</label>
                            <select class="select" id=fields.first name=fields.first
                                aria-invalid=first_wrong.then_some("true") aria-describedby=described>
                                {word_options.clone()(first)}
                            </select>
                        </div>
                        <div class="form-group">
                            <label class="label" for=fields.last>"To the word"</label>
                            <select class="select" id=fields.last name=fields.last
                                aria-invalid=last_wrong.then_some("true") aria-describedby=described>
                                {word_options(last)}
                            </select>
                        </div>
                    </div>
                </div>
            </fieldset>
        </div>
    }
}
