//! The easy read page, for editors: write or redraft a statement's easy read text, with
//! an optional picture, beside the main text it goes with; see how the main text changed
//! since the easy read text last matched it; and read every earlier easy read draft with
//! the words each one changed.

use crate::{
    api::get_easy_read_page,
    components::{
        diff_view::{DiffWithChanges, InlineDiff},
        error_summary::ErrorSummary,
        fields::TextField,
        live_text::{DraftText, DraftedText},
        loaded, loading,
        twins::TwinStatusPanel,
    },
    domain::diff,
    form::use_form_feedback,
    model::STILL_FITS_FORM,
    model::{
        CONFLICT_FROM, EASY_READ_FORM, EasyReadAction, EasyReadInput, PictureChoice, PictureView,
        StillFitsFrom,
    },
    pages::statement::{StatementBreadcrumbs, statement_params},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
fn Picture(picture: PictureView) -> impl IntoView {
    view! {
        <figure class="easy-read-picture">
            <img src=picture.src() alt=picture.alt.clone()/>
            <figcaption class="hint">{format!("Described for people who cannot see it as: {}", picture.alt)}</figcaption>
        </figure>
    }
}

#[component]
pub fn EasyReadPage() -> impl IntoView {
    let params = statement_params();
    let data = Resource::new(
        move || params.get(),
        |(slug, reference)| get_easy_read_page(slug, reference),
    );
    let feedback = use_form_feedback(EASY_READ_FORM);
    let still_fits_feedback = use_form_feedback(STILL_FITS_FORM);
    view! {
        <Suspense fallback=loading>
            {move || {
                let feedback = feedback.clone();
                let still_fits_feedback = still_fits_feedback.clone();
                Suspend::new(async move {
                    loaded(data.await, move |page| {
                        let value = |name: &str| feedback.as_ref().and_then(|f| f.value(name));
                        let error = |name: &str| feedback.as_ref().and_then(|f| f.error_for(name));
                        let has_errors = feedback.as_ref().is_some_and(|f| !f.errors.is_empty())
                            || still_fits_feedback.is_some();
                        let path = page.statement_path();
                        let current = page.current().cloned();
                        let writing = current.is_none();
                        let heading = if writing {
                            format!("Write the easy read version of {}", page.reference)
                        } else {
                            format!("Redraft the easy read version of {}", page.reference)
                        };
                        // After a refused save, show what someone else changed meanwhile.
                        let meanwhile = value(CONFLICT_FROM).and_then(|from| {
                            let current = current.as_ref()?;
                            let started = page.drafts.iter().find(|d| d.id.to_string() == from).map_or("", |d| d.text.as_str());
                            (current.id.to_string() != from).then(|| diff::word_diff(started, &current.text))
                        });
                        let base = value(EasyReadInput::BASE_EASY_READ_ID)
                            .unwrap_or_else(|| current.as_ref().map(|c| c.id.to_string()).unwrap_or_default());
                        let main_revision = value(EasyReadInput::MAIN_REVISION_ID)
                            .unwrap_or_else(|| page.status.main_revision_id.to_string());
                        let current_text = current.as_ref().map(|c| c.text.clone()).unwrap_or_default();
                        let initial = value(EasyReadInput::BODY).unwrap_or_else(|| current_text.clone());
                        let current_picture = current.as_ref().and_then(|c| c.picture.clone());
                        let alt = value(EasyReadInput::PICTURE_ALT)
                            .unwrap_or_else(|| current_picture.as_ref().map(|p| p.alt.clone()).unwrap_or_default());
                        let removing = value(EasyReadInput::PICTURE_CHOICE).as_deref() == Some(PictureChoice::Remove.as_str());
                        let picture_error = error(EasyReadInput::PICTURE);
                        let picture_wrong = picture_error.is_some();
                        let sent_before = feedback.is_some();
                        let still_fits_error = still_fits_feedback.as_ref().and_then(|f| f.error_for(STILL_FITS_FORM));
                        view! {
                            <Title text=format!("{}{heading}", if has_errors { "Error: " } else { "" })/>
                            <StatementBreadcrumbs slug=page.framework_slug.clone() framework_title=page.framework_title.clone() theme_code=page.theme_code.clone() theme_title=page.theme_title.clone() statement=(path.clone(), page.reference.clone())/>
                            <ErrorSummary feedback=feedback.clone()/>
                            <ErrorSummary feedback=still_fits_feedback.clone()/>
                            <h1>{heading}</h1>
                            <TwinStatusPanel status=page.status.clone() from=StillFitsFrom::EasyRead error=still_fits_error/>
                            {page.main_change.clone().map(|d| view! {
                                <section class="comparison" aria-labelledby="main-change-heading">
                                    <h2 id="main-change-heading" class="heading-m">"How the main text changed since the easy read version was last checked"</h2>
                                    <DiffWithChanges diff=d/>
                                </section>
                            })}
                            {meanwhile.map(|d| view! {
                                <section class="conflict" aria-labelledby="meanwhile-heading">
                                    <h2 id="meanwhile-heading">"What changed while you were working"</h2>
                                    <p>"Someone else saved a new easy read draft. This is how it differs from the draft you started from:"</p>
                                    <DiffWithChanges diff=d/>
                                    <p>"Your changes have been combined with theirs in the box below. Check the wording, then save."</p>
                                </section>
                            })}
                            <h2>{format!("Main text (draft {})", page.main_draft_number)}</h2>
                            <p class="statement-current">{page.main_text.clone()}</p>
                            {current.clone().map(|c| view! {
                                <h2>{format!("Current easy read text (easy read draft {})", c.number)}</h2>
                                <p class="statement-current easy-read-text">{c.text.clone()}</p>
                                {c.picture.clone().map(|picture| view! { <Picture picture/> })}
                            })}
                            {page.retired.then(|| view! {
                                <p class="inset"><strong>"This statement has been retired."</strong>" Its easy read version can no longer change."</p>
                            })}
                            {(!page.retired).then(|| view! {
                                <form method="post" action=format!("{path}/easy-read") enctype="multipart/form-data" novalidate class="easy-read-form">
                                    <input type="hidden" name=EasyReadInput::BASE_EASY_READ_ID value=base/>
                                    <input type="hidden" name=EasyReadInput::MAIN_REVISION_ID value=main_revision/>
                                    <input type="hidden" name=EasyReadInput::SUBMISSION_KEY value=page.submission_key.clone()/>
                                    <DraftText drafted=DraftedText::EasyRead current=current_text.clone() initial=initial note=value(EasyReadInput::NOTE).unwrap_or_default() jargon=page.jargon.clone() body_error=error(EasyReadInput::BODY) note_error=error(EasyReadInput::NOTE)/>
                                    <fieldset class="fieldset">
                                        <legend class="fieldset__legend fieldset__legend--m">"Picture (optional)"</legend>
                                        <p class="hint">"A picture that shows what the statement says helps many people read it. It must be a PNG or JPEG file of 1 MB or smaller."</p>
                                        {current_picture.clone().map(|_| view! {
                                            <div class="radios form-group">
                                                <div class="radios__item">
                                                    <input class="radios__input" type="radio" id=EasyReadInput::PICTURE_CHOICE name=EasyReadInput::PICTURE_CHOICE value=PictureChoice::Keep.as_str() checked=!removing/>
                                                    <label class="radios__label" for=EasyReadInput::PICTURE_CHOICE>"Keep the current picture, or replace it with a new one chosen below"</label>
                                                </div>
                                                <div class="radios__item">
                                                    <input class="radios__input" type="radio" id="picture_choice-remove" name=EasyReadInput::PICTURE_CHOICE value=PictureChoice::Remove.as_str() checked=removing/>
                                                    <label class="radios__label" for="picture_choice-remove">"Remove the picture"</label>
                                                </div>
                                            </div>
                                        })}
                                        <div class="form-group" class:form-group--error=picture_wrong>
                                            <label class="label" for=EasyReadInput::PICTURE>{if current_picture.is_some() { "Choose a new picture (optional)" } else { "Choose a picture (optional)" }}</label>
                                            {sent_before.then(|| view! {
                                                <div class="hint" id="picture-hint">"If you had chosen a picture, choose it again: browsers do not keep a chosen file when a page is shown again."</div>
                                            })}
                                            {picture_error.map(|m| view! { <p class="error-message" id="picture-error"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                                            <input class="file-upload" class:input--error=picture_wrong type="file" id=EasyReadInput::PICTURE name=EasyReadInput::PICTURE accept="image/png,image/jpeg"
                                                aria-invalid=picture_wrong.then_some("true")
                                                aria-describedby=match (sent_before, picture_wrong) {
                                                    (true, true) => Some("picture-hint picture-error"),
                                                    (true, false) => Some("picture-hint"),
                                                    (false, true) => Some("picture-error"),
                                                    (false, false) => None,
                                                }/>
                                        </div>
                                        <TextField name=EasyReadInput::PICTURE_ALT label="What the picture shows" hint="For people who cannot see it, in a short sentence. Needed when there is a picture." value=alt error=error(EasyReadInput::PICTURE_ALT)/>
                                    </fieldset>
                                    <div class="button-group">
                                        <button type="submit" class="button" name=crate::model::ACTION value=EasyReadAction::Save.as_str()>"Save easy read version"</button>
                                        <button type="submit" class="button button--secondary" name=crate::model::ACTION value=EasyReadAction::Preview.as_str()>"Preview changes"</button>
                                    </div>
                                </form>
                            })}
                            <h2 id="drafts">{if writing { "Easy read drafts" } else { "Every easy read draft" }}</h2>
                            {if page.drafts.is_empty() {
                                view! { <p>"None yet. The first draft will show here once it is saved."</p> }.into_any()
                            } else {
                                view! {
                                    <ol class="timeline" reversed>
                                        {page.drafts.clone().into_iter().map(|d| view! {
                                            <li class="timeline__item">
                                                <h3 class="heading-s">{format!("Easy read draft {}", d.number)}</h3>
                                                <p class="meta">{format!("By {} on {}", d.author, d.created_label)}</p>
                                                {(!d.note.is_empty()).then(|| view! { <p>{format!("Why: {}", d.note)}</p> })}
                                                <p class="timeline__text easy-read-text">{d.text.clone()}</p>
                                                {d.picture.clone().map(|p| view! { <p class="meta">{format!("Picture: {}", p.alt)}</p> })}
                                                {d.change.clone().map(|change| view! {
                                                    <h4 class="heading-s">{format!("What changed from easy read draft {}", d.number - 1)}</h4>
                                                    {if diff::is_unchanged(&change) {
                                                        view! { <p>"The words did not change."</p> }.into_any()
                                                    } else {
                                                        view! { <InlineDiff diff=change/> }.into_any()
                                                    }}
                                                })}
                                                {d.picture_change.clone().map(|c| view! { <p>{c}</p> })}
                                            </li>
                                        }).collect_view()}
                                    </ol>
                                }.into_any()
                            }}
                        }
                    })
                })
            }}
        </Suspense>
    }
}
