//! A facilitator's events: the list and the form to add one (`/events`), each event with
//! the form to record what was said there and what became of it (`/events/N`), and the
//! letters that carry it back to people without email (`/events/N/letters`), which are
//! their own print view.

use crate::{
    api::{get_correction, get_event, get_event_letters, get_my_events},
    components::{
        error_summary::ErrorSummary,
        fields::{TextArea, TextField},
        loaded, loading,
        passage_picker::{PassageFields, PassagePicker},
    },
    domain::{
        drafting::{Knowledge, Visibility},
        events::{HearBack, Way},
    },
    form::{FormFeedback, use_any_form_feedback},
    model::{
        CORRECT_FORM, CorrectionView, EVENT_FORM, EventInput, EventView, EventsView, Letter,
        LettersView, RECORD_FORM, RecordAction, RecordInput, StatementWords,
    },
    pages::comment::RadioGroup,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn saved_message() -> Option<&'static str> {
    let code = use_query_map().read_untracked().get("saved")?;
    crate::model::Saved::parse(&code).map(|saved| saved.message())
}

fn event_id() -> Memo<i64> {
    number_param("id")
}

/// A number from the page's address (`/events/:id`), or -1, which no row has.
fn number_param(name: &'static str) -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get(name)
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or(-1)
    })
}

/// What the person typed (or `fallback`), and the message beside a field, for the one
/// form of `form` on this page that was refused.
#[derive(Clone)]
struct Sent(Option<FormFeedback>);

impl Sent {
    fn of(form: &'static str) -> Self {
        Self(use_any_form_feedback().filter(|f| f.form == form))
    }

    /// What was sent, or else `values` (what was recorded before), with no errors.
    fn or_values(
        self,
        form: &'static str,
        values: std::collections::BTreeMap<String, String>,
    ) -> Self {
        Self(self.0.or_else(|| Some(FormFeedback::new(form, values))))
    }

    fn value(&self, name: &str, fallback: &str) -> String {
        self.0
            .as_ref()
            .and_then(|f| f.value(name))
            .unwrap_or_else(|| fallback.to_owned())
    }

    fn error(&self, name: &str) -> Option<String> {
        self.0.as_ref().and_then(|f| f.error_for(name))
    }

    fn has_errors(&self) -> bool {
        self.0.as_ref().is_some_and(|f| !f.errors.is_empty())
    }
}

fn error_line(message: Option<String>, id: String) -> impl IntoView {
    message.map(|m| view! { <p class="error-message" id=id><span class="visually-hidden">"Error: "</span>{m}</p> })
}

#[component]
pub fn EventsPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let data = Resource::new(
        move || query.read().get(crate::model::PageRequest::PARAM),
        get_my_events,
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move { loaded(data.await, |view| view! { <EventsList view/> }) })}
        </Suspense>
    }
}

#[component]
fn EventsList(view: EventsView) -> impl IntoView {
    let sent = Sent::of(EVENT_FORM);
    let title = format!(
        "{}Your events",
        if sent.has_errors() { "Error: " } else { "" }
    );
    let ways_error = Way::ALL
        .iter()
        .find_map(|w| sent.error(&EventInput::way_field(*w)));
    let ways_wrong = ways_error.is_some();
    let chosen_framework = sent.value(EventInput::FRAMEWORK, "");
    let chosen_organisation = sent.value(EventInput::ORGANISATION_ID, "");
    let framework_error = sent.error(EventInput::FRAMEWORK);
    let organisation_error = sent.error(EventInput::ORGANISATION_ID);
    let ticked = |w: Way| sent.value(&EventInput::way_field(w), "") == "yes";
    let ticked: Vec<(Way, bool)> = Way::ALL.into_iter().map(|w| (w, ticked(w))).collect();
    view! {
        <Title text=title/>
        <ErrorSummary feedback=sent.0.clone()/>
        {saved_message().map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
        <h1>"Your events"</h1>
        <p class="lead">"Workshops, phone calls, paper forms and BSL-interpreted sessions you held. Record what people said there, and print letters telling them what became of it."</p>
        {if view.events.items.is_empty() {
            view! { <p>"You have not recorded any events yet."</p> }.into_any()
        } else {
            let paged = view.events.clone();
            view! {
                {(paged.pages() > 1).then(|| view! { <p class="meta">{paged.showing("event", "events")}</p> })}
                <ul class="card-list" id="events">
                    {view.events.items.into_iter().map(|e| view! {
                        <li class="card">
                            <h2 class="card__title"><a href=format!("/events/{}", e.id)>{e.name.clone()}</a></h2>
                            <p class="meta">{[Some(e.date_label.clone()), (!e.place.is_empty()).then(|| e.place.clone()), Some(e.framework_title.clone())].into_iter().flatten().collect::<Vec<_>>().join(". ")}</p>
                            <p>{crate::domain::plural(e.comment_count as usize, "comment recorded", "comments recorded")}</p>
                        </li>
                    }).collect_view()}
                </ul>
                <crate::components::pager::Pager paged path="/events".to_owned() query=crate::model::ListQuery::new() label="Pages of your events".to_owned() fragment="#events"/>
            }.into_any()
        }}
        <h2 id="new-event">"Record a new event"</h2>
        {if view.frameworks.is_empty() {
            view! { <p>"No framework has a consultation round going on, so there is nowhere for what people say to go yet."</p> }.into_any()
        } else {
            view! {
                <form method="post" action="/events" novalidate class="narrow">
                    <input type="hidden" name=EventInput::SUBMISSION_KEY value=sent.value(EventInput::SUBMISSION_KEY, &view.submission_key)/>
                    <div class="form-group" class:form-group--error=framework_error.is_some()>
                        <label class="label" for=EventInput::FRAMEWORK>"Which standards was it about?"</label>
                        {error_line(framework_error.clone(), format!("{}-error", EventInput::FRAMEWORK))}
                        <select class="select" id=EventInput::FRAMEWORK name=EventInput::FRAMEWORK
                            aria-invalid=framework_error.is_some().then_some("true")
                            aria-describedby=framework_error.is_some().then(|| format!("{}-error", EventInput::FRAMEWORK))>
                            <option value="" selected=chosen_framework.is_empty()>"Choose a framework"</option>
                            {view.frameworks.iter().map(|f| view! {
                                <option value=f.slug.clone() selected=chosen_framework == f.slug>{format!("{} ({})", f.title, f.round_title)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <TextField name=EventInput::NAME label="Name of the event" hint="For example: the Dundee workshop" value=sent.value(EventInput::NAME, "") error=sent.error(EventInput::NAME)/>
                    <TextField name=EventInput::HELD_ON label="Day it was held" input_type="date" hint="For example: 2026-03-03" value=sent.value(EventInput::HELD_ON, "") error=sent.error(EventInput::HELD_ON)/>
                    <TextField name=EventInput::PLACE label="Place (optional)" value=sent.value(EventInput::PLACE, "") error=sent.error(EventInput::PLACE)/>
                    <div class="form-group" class:form-group--error=ways_wrong>
                        <fieldset class="fieldset" aria-describedby=ways_wrong.then_some("ways-error")>
                            <legend class="fieldset__legend">"How did people take part?"</legend>
                            {error_line(ways_error, "ways-error".to_owned())}
                            <div class="checkboxes">
                                {ticked.into_iter().map(|(w, checked)| {
                                    let name = EventInput::way_field(w);
                                    view! {
                                        <div class="checkboxes__item">
                                            <input class="checkboxes__input" type="checkbox" id=name.clone() name=name.clone() value="yes" checked=checked/>
                                            <label class="checkboxes__label" for=name>{w.label()}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                    </div>
                    <TextField name=EventInput::PEOPLE_COUNT label="How many people took part? (optional)" input_type="number" class="input input--width-5" value=sent.value(EventInput::PEOPLE_COUNT, "") error=sent.error(EventInput::PEOPLE_COUNT)/>
                    {(!view.organisations.is_empty()).then(|| view! {
                        <div class="form-group" class:form-group--error=organisation_error.is_some()>
                            <label class="label" for=EventInput::ORGANISATION_ID>"Which organisation held it? (optional)"</label>
                            {error_line(organisation_error.clone(), format!("{}-error", EventInput::ORGANISATION_ID))}
                            <select class="select" id=EventInput::ORGANISATION_ID name=EventInput::ORGANISATION_ID
                                aria-invalid=organisation_error.is_some().then_some("true")
                                aria-describedby=organisation_error.is_some().then(|| format!("{}-error", EventInput::ORGANISATION_ID))>
                                <option value="" selected=chosen_organisation.is_empty()>"None"</option>
                                {view.organisations.iter().map(|o| view! {
                                    <option value=o.id.to_string() selected=chosen_organisation == o.id.to_string()>{o.name.clone()}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    })}
                    <button type="submit" class="button">"Record event"</button>
                </form>
            }.into_any()
        }}
    }
}

#[component]
pub fn EventPage() -> impl IntoView {
    let id = event_id();
    let query = use_query_map();
    let data = Resource::new(
        move || (id.get(), query.read().get("statement")),
        |(id, statement)| get_event(id, statement),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move { loaded(data.await, |event| view! { <EventDetail event/> }) })}
        </Suspense>
    }
}

#[component]
fn EventDetail(event: EventView) -> impl IntoView {
    let sent = Sent::of(RECORD_FORM);
    let title = format!(
        "{}{}",
        if sent.has_errors() { "Error: " } else { "" },
        event.name
    );
    let path = format!("/events/{}", event.id);
    let facts = [
        Some(("When", event.date_label.clone())),
        (!event.place.is_empty()).then(|| ("Where", event.place.clone())),
        (!event.ways.is_empty()).then(|| ("How people took part", event.ways.join(", "))),
        event
            .people_count
            .map(|n| ("How many people took part", n.to_string())),
        event.organisation.clone().map(|o| ("Held by", o)),
        Some((
            "Consultation",
            format!("{}: {}", event.framework_title, event.round_title),
        )),
    ];
    let letters = match event.published_version {
        Some(version) => view! {
            <p>{format!("Version {version} has been published. ")}
                <a href=format!("{path}/letters")>"Letters: what became of what people said"</a></p>
        }.into_any(),
        None => view! {
            <p>"Letters for the people who asked to hear back by post or through you, and for each group, will be ready here when the version answering this round is published."</p>
        }.into_any(),
    };
    view! {
        <Title text=title/>
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol><li><a href="/events">"Your events"</a></li></ol>
        </nav>
        <ErrorSummary feedback=sent.0.clone()/>
        {saved_message().map(|m| view! { <div class="notice" role="status" id="recorded"><p>{m}</p></div> })}
        <span class="caption">"Event"</span>
        <h1>{event.name.clone()}</h1>
        <dl class="summary-list">
            {facts.into_iter().flatten().map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> }).collect_view()}
        </dl>
        <h2>"Letters"</h2>
        {letters}
        {event.can_record.then(|| view! { <RecordForm event=event.clone() sent/> })}
        <h2 id="said">"What was said here"</h2>
        {if event.comments.is_empty() {
            view! { <p>"Nothing has been recorded at this event yet."</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list">
                    {event.comments.into_iter().map(|c| {
                        let withdraw = c.can_change.then(|| view! {
                            <p><a href=format!("{path}/comments/{}/edit", c.id)>
                                "Correct it"<span class="visually-hidden">{format!(": what {} said about {}", c.who, c.reference)}</span>
                            </a></p>
                            <form method="post" action=path.clone() class="inline-form">
                                <input type="hidden" name=crate::model::ACTION value=RecordAction::Withdraw.as_str()/>
                                <input type="hidden" name=RecordInput::COMMENT_ID value=c.id.to_string()/>
                                <button type="submit" class="button button--secondary button--small">
                                    "Withdraw"<span class="visually-hidden">{format!(" what {} said about {}", c.who, c.reference)}</span>
                                </button>
                            </form>
                        });
                        view! {
                            <li class="card" id=format!("comment-{}", c.id)>
                                <h3 class="card__title"><a href=c.statement_path.clone()>{c.reference.clone()}</a>": "{c.who.clone()}</h3>
                                {c.quote.clone().map(|q| view! { <p class="inset">"About the words: “"{q}"”"</p> })}
                                <p>{c.body.clone()}</p>
                                {c.suggestion.clone().map(|s| view! { <p>"Suggested wording: “"{s}"”"</p> })}
                                <dl class="summary-list">
                                    <div><dt>"Based on"</dt><dd>{c.knowledge.clone()}</dd></div>
                                    {c.hear_back.clone().map(|h| view! { <div><dt>"Hearing back"</dt><dd>{h}</dd></div> })}
                                    <div><dt>"What became of it"</dt><dd>{c.outcome.clone()}</dd></div>
                                    {c.reason.clone().map(|r| view! { <div><dt>"Why"</dt><dd>{r}</dd></div> })}
                                    {c.published_text.clone().map(|t| view! { <div><dt>"The statement now says"</dt><dd>{t}</dd></div> })}
                                </dl>
                                {withdraw}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// One form for what was said: whose words they are (one person, or a group) decides
/// which of its two parts is read, so it works without JavaScript and every field has
/// its own id. Before it, a small form asks for a statement's words (`?statement=`), so a
/// comment can be about some of them: two steps, no JavaScript needed.
#[component]
fn RecordForm(event: EventView, sent: Sent) -> impl IntoView {
    let path = format!("/events/{}", event.id);
    let voice = sent.value(crate::model::ACTION, RecordAction::Person.as_str());
    let words_of = event.words.as_ref().map(|w| w.reference.clone());
    let chosen_statement = sent.value(RecordInput::STATEMENT, words_of.as_deref().unwrap_or(""));
    let statement_error = sent.error(RecordInput::STATEMENT);
    let statement_options = move |chosen: &str| {
        event.statements.iter().map(|s| view! {
            <option value=s.reference.clone() selected=chosen == s.reference>{format!("{}: {}", s.reference, s.text)}</option>
        }).collect_view()
    };
    view! {
        <h2 id="record">"Record what was said"</h2>
        <p>"Record one person's comment, or a view a group shared. It goes to the policy team like any other comment, marked with this event."</p>
        <form method="get" action=format!("{path}#record") class="inline-form words-step">
            <div class="form-group">
                <label class="label" for="words-statement">"Is it about some of a statement's words? Choose the statement first"</label>
                <div class="hint" id="words-statement-hint">"Then choose its first and last word below. Do this before typing what was said."</div>
                <select class="select" id="words-statement" name="statement" aria-describedby="words-statement-hint">
                    {statement_options.clone()(words_of.as_deref().unwrap_or(""))}
                </select>
            </div>
            <button type="submit" class="button button--secondary">"Choose words"</button>
        </form>
        <form method="post" action=path novalidate class="comment-form">
            <input type="hidden" name=RecordInput::SUBMISSION_KEY value=sent.value(RecordInput::SUBMISSION_KEY, &event.submission_key)/>
            <RadioGroup name=crate::model::ACTION legend="Whose words are these?" selected=voice error=None
                options=vec![
                    (RecordAction::Person.as_str(), "One person's", None),
                    (RecordAction::Group.as_str(), "A group's view", Some("Something several people at the event agreed on")),
                ]/>
            <div class="form-group" class:form-group--error=statement_error.is_some()>
                <label class="label" for=RecordInput::STATEMENT>"Which statement is it about?"</label>
                {error_line(statement_error.clone(), format!("{}-error", RecordInput::STATEMENT))}
                <select class="select" id=RecordInput::STATEMENT name=RecordInput::STATEMENT
                    aria-invalid=statement_error.is_some().then_some("true")
                    aria-describedby=statement_error.is_some().then(|| format!("{}-error", RecordInput::STATEMENT))>
                    {statement_options(&chosen_statement)}
                </select>
            </div>
            {event.words.map(|words| view! { <WordsOf words sent=sent.clone()/> })}
            {said_fields(&sent)}
            <fieldset class="fieldset">
                <legend class="fieldset__legend fieldset__legend--m">"For one person's comment"</legend>
                {person_fields(&sent)}
            </fieldset>
            <fieldset class="fieldset">
                <legend class="fieldset__legend fieldset__legend--m">"For a group's view"</legend>
                {group_fields(&sent, event.people_count)}
            </fieldset>
            <button type="submit" class="button">"Record it"</button>
        </form>
    }
}

/// The words of the statement asked for, to choose the first and last of the part a
/// comment is about; the draft they are counted in travels with them.
#[component]
fn WordsOf(words: StatementWords, sent: Sent) -> impl IntoView {
    let last = words.words.len().to_string();
    view! {
        <input type="hidden" name=RecordInput::WORDS_OF value=words.reference.clone()/>
        <input type="hidden" name=RecordInput::REVISION_ID value=words.revision_id.to_string()/>
        <PassagePicker fields=PassageFields { choice: RecordInput::PASSAGE, first: RecordInput::FIRST_WORD, last: RecordInput::LAST_WORD }
            legend=if words.words.is_empty() { "What is it about?" } else { "What is it about? (the words are from the statement chosen above)" }
            choice=sent.value(RecordInput::PASSAGE, "part") first=sent.value(RecordInput::FIRST_WORD, "1") last=sent.value(RecordInput::LAST_WORD, &last)
            first_error=sent.error(RecordInput::FIRST_WORD) last_error=sent.error(RecordInput::LAST_WORD)
            words=words.words/>
    }
}

/// What was said: the words, a suggested wording, and what it draws on.
fn said_fields(sent: &Sent) -> impl IntoView + use<> {
    view! {
        <TextArea name=RecordInput::BODY label="What they said" hint="In their words, as closely as you can." rows=5 value=sent.value(RecordInput::BODY, "") error=sent.error(RecordInput::BODY)/>
        <TextArea name=RecordInput::SUGGESTION label="Wording they suggested (optional)" rows=2 value=sent.value(RecordInput::SUGGESTION, "") error=sent.error(RecordInput::SUGGESTION)/>
        <RadioGroup name=RecordInput::KNOWLEDGE legend="What is it based on?" selected=sent.value(RecordInput::KNOWLEDGE, "") error=sent.error(RecordInput::KNOWLEDGE)
            options=Knowledge::ALL.iter().map(|k| (k.as_str(), k.label(), Some(k.hint()))).collect()/>
    }
}

/// One person: their name, how their words may be shown, and how they hear back.
fn person_fields(sent: &Sent) -> impl IntoView + use<> {
    view! {
        <TextField name=RecordInput::PERSON_NAME label="Their name (optional)" autocomplete="off" value=sent.value(RecordInput::PERSON_NAME, "") error=sent.error(RecordInput::PERSON_NAME)/>
        <RadioGroup name=RecordInput::VISIBILITY legend="How did they agree it may be shown?" selected=sent.value(RecordInput::VISIBILITY, "") error=sent.error(RecordInput::VISIBILITY)
            options=Visibility::ALL.iter().map(|v| (v.as_str(), v.label(), None)).collect()/>
        <RadioGroup name=RecordInput::HEAR_BACK legend="How do they want to hear what became of it?" selected=sent.value(RecordInput::HEAR_BACK, "") error=sent.error(RecordInput::HEAR_BACK)
            options=HearBack::ALL.iter().map(|h| (h.as_str(), h.label(), None)).collect()/>
        <TextField name=RecordInput::EMAIL label="Their email address (if by email)" input_type="email" autocomplete="off" value=sent.value(RecordInput::EMAIL, "") error=sent.error(RecordInput::EMAIL)/>
        <TextArea name=RecordInput::POSTAL_ADDRESS label="Their postal address (if by post)" rows=4 value=sent.value(RecordInput::POSTAL_ADDRESS, "") error=sent.error(RecordInput::POSTAL_ADDRESS)/>
        <div class="checkboxes">
            <div class="checkboxes__item">
                <input class="checkboxes__input" type="checkbox" id=RecordInput::EASY_READ name=RecordInput::EASY_READ value="yes" checked=sent.value(RecordInput::EASY_READ, "") == "yes"/>
                <label class="checkboxes__label" for=RecordInput::EASY_READ>"They would like easy read"</label>
            </div>
        </div>
    }
}

/// A group view: how many agreed, of how many were there (blank for everyone at the
/// event, when the event says how many took part).
fn group_fields(sent: &Sent, people_count: Option<i64>) -> impl IntoView + use<> {
    let present_hint = if people_count.is_some() {
        "Leave blank for everyone who took part in the event."
    } else {
        "For example: 12"
    };
    view! {
        <TextField name=RecordInput::AGREED label="How many people agreed with it?" input_type="number" class="input input--width-5" value=sent.value(RecordInput::AGREED, "") error=sent.error(RecordInput::AGREED)/>
        <TextField name=RecordInput::PRESENT label="How many people were there?" hint=present_hint input_type="number" class="input input--width-5" value=sent.value(RecordInput::PRESENT, "") error=sent.error(RecordInput::PRESENT)/>
    }
}

#[component]
pub fn CorrectionPage() -> impl IntoView {
    let event = event_id();
    let comment = number_param("comment");
    let data = Resource::new(
        move || (event.get(), comment.get()),
        |(event, comment)| get_correction(event, comment),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move { loaded(data.await, |view| view! { <Correction view/> }) })}
        </Suspense>
    }
}

/// Correcting what was recorded: the same fields as recording it, filled in with what
/// was recorded; the statement and the words it is about stay as they were.
#[component]
fn Correction(view: CorrectionView) -> impl IntoView {
    let sent = Sent::of(CORRECT_FORM).or_values(CORRECT_FORM, view.recorded.clone());
    let title = format!(
        "{}Correct what was recorded",
        if sent.has_errors() { "Error: " } else { "" }
    );
    let event_path = format!("/events/{}", view.event_id);
    let action = format!("{event_path}/comments/{}/edit", view.comment_id);
    let fields = if view.is_group {
        view! {
            <fieldset class="fieldset">
                <legend class="fieldset__legend fieldset__legend--m">"The group"</legend>
                {group_fields(&sent, view.people_count)}
            </fieldset>
        }
        .into_any()
    } else {
        view! {
            <fieldset class="fieldset">
                <legend class="fieldset__legend fieldset__legend--m">"The person"</legend>
                {person_fields(&sent)}
            </fieldset>
        }
        .into_any()
    };
    view! {
        <Title text=title/>
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><a href="/events">"Your events"</a></li>
                <li><a href=event_path.clone()>{view.event_name.clone()}</a></li>
            </ol>
        </nav>
        <ErrorSummary feedback=sent.0.clone()/>
        <span class="caption">{view.event_name.clone()}</span>
        <h1>"Correct what was recorded"</h1>
        <p>{format!("{} about ", view.who)}<a href=view.statement_path.clone()>{view.reference.clone()}</a></p>
        <p class="inset">{match view.quote.clone() {
            Some(q) => format!("It is about the words: “{q}”"),
            None => "It is about the whole statement.".to_owned(),
        }}</p>
        {match view.closed.clone() {
            Some(why) => view! {
                <p id="correct">{why}</p>
                <p><a href=event_path.clone()>"Back to the event"</a></p>
            }.into_any(),
            None => view! {
                <p>"A correction keeps any answer it already has."</p>
                <form method="post" action=action novalidate class="comment-form">
                    {said_fields(&sent)}
                    {fields}
                    <button type="submit" class="button">"Save the correction"</button>
                </form>
                <p><a href=event_path.clone()>"Back to the event without saving"</a></p>
            }.into_any(),
        }}
    }
}

#[component]
pub fn LettersPage() -> impl IntoView {
    let id = event_id();
    let data = Resource::new(move || id.get(), get_event_letters);
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move { loaded(data.await, |letters| view! { <LetterSet letters/> }) })}
        </Suspense>
    }
}

#[component]
fn LetterSet(letters: LettersView) -> impl IntoView {
    let event_path = format!("/events/{}", letters.event_id);
    let count = letters.letters.len();
    view! {
        <Title text=format!("Letters: {}", letters.event_name)/>
        <div class="no-print">
            <nav class="breadcrumbs" aria-label="Breadcrumb">
                <ol>
                    <li><a href="/events">"Your events"</a></li>
                    <li><a href=event_path>{letters.event_name.clone()}</a></li>
                </ol>
            </nav>
            <h1>{format!("Letters from {}", letters.event_name)}</h1>
            {match letters.version {
                None => view! {
                    <p>"The letters will be ready here when the version answering this consultation round is published."</p>
                }.into_any(),
                Some(_) if count == 0 => view! {
                    <p>"Nobody at this event asked to hear back by post or through you, and no group view was recorded, so there are no letters to print."</p>
                }.into_any(),
                Some(version) => view! {
                    <p>{format!("{} telling people what became of what they said in version {version} of {}. Each prints on its own page, in large type; letters to post have the address placed for a window envelope.", crate::domain::plural(count, "letter", "letters"), letters.framework_title)}</p>
                    <PrintButton/>
                }.into_any(),
            }}
        </div>
        {letters.letters.into_iter().map(|letter| view! { <LetterPage letter/> }).collect_view()}
    }
}

/// The page is already its own print view; with JavaScript, a button opens the print
/// dialogue. Without it, the words say how.
#[island]
fn PrintButton() -> impl IntoView {
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    move || {
        if ready.get() {
            view! {
                <button type="button" class="button" on:click=move |_| {
                    let _ = window().print();
                }>"Print these letters"</button>
            }
            .into_any()
        } else {
            view! { <p>"To print them, use your browser's Print command."</p> }.into_any()
        }
    }
}

#[component]
fn LetterPage(letter: Letter) -> impl IntoView {
    let heading_id = format!("letter-{}", letter.comment_id);
    let labelled_by = heading_id.clone();
    let said_intro = if letter.is_group {
        format!(
            "{} said this about the statement {}:",
            letter.who, letter.reference
        )
    } else {
        format!("You told us this about the statement {}:", letter.reference)
    };
    view! {
        <article class="letter" aria-labelledby=labelled_by>
            {letter.postal_address.clone().map(|address| view! {
                <p class="letter__address">{address.lines().map(|l| view! { {l.to_owned()}<br/> }).collect_view()}</p>
            })}
            {letter.through_facilitator.then(|| view! { <p class="letter__note">"To give or read to them in person."</p> })}
            <h2 class="letter__title" id=heading_id>{letter.greeting.clone()}</h2>
            <p>"Thank you for telling us what you think about the care standards. This letter says what we did with it."</p>
            <h3>"What you said"</h3>
            <p>{said_intro}</p>
            <blockquote class="letter__quote">{letter.said.clone()}</blockquote>
            <h3>"What we decided"</h3>
            <p class="letter__decision">{letter.decision.clone()}</p>
            <h3>"Why"</h3>
            <p>{letter.reason.clone()}</p>
            <h3>{if letter.easy_read { "What it says now, in easy read" } else { "What it says now" }}</h3>
            <blockquote class="letter__quote">
                {letter.statement_now.lines().map(|l| view! { {l.to_owned()}<br/> }).collect_view()}
            </blockquote>
        </article>
    }
}
