use crate::{
    api::get_framework,
    components::{loaded, loading, reading::ReadingSwitch, statement_parts::RoundBanner},
    model::{FrameworkDetail, StatementSummary, ThemeDetail},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// How the framework page lays its statements out, from the address (`?view=`,
/// `?value=`), so every way of reading is a plain link.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Layout {
    /// Theme by theme (the default).
    Themes,
    /// A table: themes down the side, values across the top.
    Grid,
    /// One list per value.
    Values,
    /// Theme by theme, only the statements carrying one value.
    Value(String),
}

impl Layout {
    fn from_query(view: Option<String>, value: Option<String>) -> Self {
        match (value.filter(|v| !v.trim().is_empty()), view.as_deref()) {
            (Some(code), _) => Self::Value(code.trim().to_uppercase()),
            (None, Some("grid")) => Self::Grid,
            (None, Some("values")) => Self::Values,
            _ => Self::Themes,
        }
    }
}

#[component]
pub fn FrameworkPage() -> impl IntoView {
    let params = use_params_map();
    let framework = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_framework,
    );
    let layout = {
        let query = use_query_map();
        let query = query.read_untracked();
        Layout::from_query(query.get("view"), query.get("value"))
    };
    view! {
        <Suspense fallback=loading>
            {move || {
                let layout = layout.clone();
                Suspend::new(async move {
                    loaded(framework.await, move |f| {
                        let slug = f.slug.clone();
                        let chosen = match &layout {
                            Layout::Value(code) => f.value(code).cloned(),
                            _ => None,
                        };
                        let title = match &chosen {
                            Some(value) => format!("{}: {}", f.title, value.title),
                            None => f.title.clone(),
                        };
                        view! {
                            <Title text=title/>
                            <nav class="breadcrumbs" aria-label="Breadcrumb">
                                <ol>
                                    <li><a href="/">"Frameworks"</a></li>
                                </ol>
                            </nav>
                            <h1>{f.title.clone()}</h1>
                            <ReadingSwitch reading=f.reading/>
                            <p class="lead">{f.summary.clone()}</p>
                            <RoundBanner status=f.round.clone() rounds_href=format!("/frameworks/{slug}/rounds")/>
                            <crate::pages::balance::OpenRoundBalance slug=slug.clone()/>
                            <crate::pages::proposals::ProposalsLink slug=slug.clone() count=f.proposal_count round=f.round.clone()/>
                            {f.can_edit.then(|| view! {
                                <ul class="action-list">
                                    <li><a class="button button--secondary" href=format!("/frameworks/{slug}/edit")>"Edit framework and themes"</a></li>
                                    <li><a class="button button--secondary" href=format!("/frameworks/{slug}/values")>"Values"</a></li>
                                    <li><a class="button button--secondary" href=format!("/frameworks/{slug}/rounds")>"Manage rounds"</a></li>
                                    <li><a class="button button--secondary" href=format!("/frameworks/{slug}/publish")>"Publish a version"</a></li>
                                    <li><a class="button button--secondary" href="/jargon">"Words to avoid"</a></li>
                                </ul>
                            })}
                            {f.twins.clone().map(|overview| view! { <crate::components::twins::TwinOverviewPanel overview/> })}
                            {(!f.values.is_empty()).then(|| view! { <WaysToRead framework=f.clone() layout=layout.clone()/> })}
                            {match layout.clone() {
                                Layout::Grid if !f.values.is_empty() => view! { <Grid framework=f/> }.into_any(),
                                Layout::Values if !f.values.is_empty() => view! { <GroupedByValue framework=f/> }.into_any(),
                                Layout::Value(code) => match chosen {
                                    Some(value) => {
                                        let found = f.with_value(&value.code).len();
                                        let heading = format!("Statements about {}", value.title);
                                        view! {
                                            <h2 class="heading-m">{heading}</h2>
                                            {(!value.description.is_empty()).then(|| view! { <p>{value.description.clone()}</p> })}
                                            <p>
                                                {format!("{} carry this value. ", crate::domain::plural(found, "statement", "statements"))}
                                                <a href=format!("/frameworks/{slug}")>"Show all statements"</a>
                                            </p>
                                            <ByTheme framework=f only=Some(value.code)/>
                                        }.into_any()
                                    }
                                    None => view! {
                                        <div class="inset">
                                            <p>{format!("This framework has no value with the code “{code}”, so every statement is shown.")}</p>
                                        </div>
                                        <ByTheme framework=f only=None/>
                                    }.into_any(),
                                },
                                _ => view! { <ByTheme framework=f only=None/> }.into_any(),
                            }}
                        }
                    })
                })
            }}
        </Suspense>
    }
}

/// Links to each way of reading the statements, the current one marked in words.
#[component]
fn WaysToRead(framework: FrameworkDetail, layout: Layout) -> impl IntoView {
    let base = format!("/frameworks/{}", framework.slug);
    let ways = [
        (Layout::Themes, "By theme", base.clone()),
        (
            Layout::Grid,
            "Themes by value, as a table",
            format!("{base}?view=grid"),
        ),
        (
            Layout::Values,
            "Grouped by value",
            format!("{base}?view=values"),
        ),
    ];
    let link = move |current: bool, label: String, href: String| {
        if current {
            view! { <li><a href=href aria-current="page"><strong>{label}</strong></a>" (showing)"</li> }.into_any()
        } else {
            view! { <li><a href=href>{label}</a></li> }.into_any()
        }
    };
    view! {
        <nav class="ways-to-read" aria-labelledby="ways-heading">
            <h2 id="ways-heading" class="heading-s">"Read the statements"</h2>
            <ul class="ways-to-read__list">
                {ways.into_iter().map(|(way, label, href)| link(way == layout, label.to_owned(), href)).collect_view()}
            </ul>
            <h2 id="value-filter-heading" class="heading-s">"Only the statements about one value"</h2>
            <ul class="ways-to-read__list" aria-labelledby="value-filter-heading">
                {framework.values.iter().map(|v| {
                    let current = layout == Layout::Value(v.code.clone());
                    link(current, v.title.clone(), format!("{base}?value={}", v.code))
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// One statement in a list: its reference and words as a link, then its values.
#[component]
fn StatementItem(
    slug: String,
    statement: StatementSummary,
    values: Vec<String>,
    #[prop(optional)] theme: Option<String>,
) -> impl IntoView {
    let about = [theme.into_iter().collect::<Vec<_>>(), values]
        .concat()
        .join(" · ");
    let twin = statement.twin;
    let reading_note = statement.reading_note.clone();
    view! {
        <li>
            <a href=format!("/frameworks/{slug}/statements/{}", statement.reference)>
                <span class="reference">{statement.reference.clone()}</span>
                " "
                <span class="statement-text">{statement.text}</span>
            </a>
            {(!about.is_empty()).then(|| view! { <span class="meta statement-values">{about}</span> })}
            {twin.map(|state| view! { <strong class=crate::components::twins::tag_class(state)>{state.label()}</strong> })}
            {reading_note.map(|n| view! { <p class="meta">{n}</p> })}
        </li>
    }
}

/// Theme by theme; with `only`, just the statements carrying that value (and the themes
/// that have any).
#[component]
fn ByTheme(framework: FrameworkDetail, only: Option<String>) -> impl IntoView {
    let f = framework;
    let slug = f.slug.clone();
    let themes: Vec<(ThemeDetail, Vec<StatementSummary>)> = f
        .themes
        .iter()
        .map(|t| {
            let shown = match &only {
                Some(code) => f.cell(t, code).into_iter().cloned().collect(),
                None => t.statements.clone(),
            };
            (t.clone(), shown)
        })
        .filter(|(_, shown)| only.is_none() || !shown.is_empty())
        .collect();
    view! {
        <nav class="contents" aria-labelledby="themes-heading">
            <h2 id="themes-heading" class="heading-s">"Themes"</h2>
            <ul>
                {themes.iter().map(|(t, _)| view! {
                    <li><a href=format!("#theme-{}", t.code) target="_self">{t.title.clone()}</a></li>
                }).collect_view()}
            </ul>
        </nav>
        {themes
            .into_iter()
            .map(|(theme, shown)| {
                let slug = slug.clone();
                view! {
                    <section class="theme" aria-labelledby=format!("theme-{}", theme.code)>
                        <h2 id=format!("theme-{}", theme.code)>{theme.title.clone()}</h2>
                        <p>{theme.description.clone()}</p>
                        <crate::pages::proposals::ProposeUnderTheme slug=slug.clone() code=theme.code.clone() title=theme.title.clone() round=f.round.clone()/>
                        {f.can_edit.then(|| view! {
                            <p><a href=format!("/frameworks/{slug}/themes/{}/new-statement", theme.code)>
                                "Add a statement"<span class="visually-hidden">{format!(" to {}", theme.title)}</span>
                            </a></p>
                        })}
                        <ul class="statement-list">
                            {shown
                                .into_iter()
                                .map(|s| {
                                    let values = f.value_titles(&s);
                                    view! { <StatementItem slug=slug.clone() statement=s values/> }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })
            .collect_view()}
    }
}

/// The grid: a table with themes down the side and values across the top; each cell
/// lists the statements of that theme carrying that value. It scrolls sideways inside
/// its own region on a narrow screen; the grouped list reads the same without a table.
#[component]
fn Grid(framework: FrameworkDetail) -> impl IntoView {
    let f = framework;
    let slug = f.slug.clone();
    view! {
        <h2 class="heading-m" id="grid-heading">"Themes by value"</h2>
        <p>"Each row is a theme and each column a value. A statement about more than one value is in more than one column."</p>
        <div class="table-wrap" role="region" aria-labelledby="grid-caption" tabindex="0">
            <table class="table value-grid">
                <caption id="grid-caption" class="visually-hidden">"Statements by theme and value"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Theme"</th>
                        {f.values.iter().map(|v| view! {
                            <th scope="col"><a href=format!("/frameworks/{slug}?value={}", v.code)>{v.title.clone()}</a></th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {f.themes.iter().map(|t| view! {
                        <tr>
                            <th scope="row">{t.title.clone()}</th>
                            {f.values.iter().map(|v| {
                                let cell = f.cell(t, &v.code);
                                if cell.is_empty() {
                                    view! { <td>"None"</td> }.into_any()
                                } else {
                                    view! {
                                        <td>
                                            <ul class="value-grid__cell">
                                                {cell.into_iter().map(|s| view! {
                                                    <li><a href=format!("/frameworks/{slug}/statements/{}", s.reference) title=s.text.clone()>{s.reference.clone()}</a></li>
                                                }).collect_view()}
                                            </ul>
                                        </td>
                                    }.into_any()
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One list per value, each statement with its theme; a statement about two values is
/// in both lists.
#[component]
fn GroupedByValue(framework: FrameworkDetail) -> impl IntoView {
    let f = framework;
    let slug = f.slug.clone();
    let unvalued: Vec<StatementSummary> = f
        .without_value()
        .into_iter()
        .map(|(_, s)| s.clone())
        .collect();
    let themed = |found: Vec<(&ThemeDetail, &StatementSummary)>| {
        found
            .into_iter()
            .map(|(t, s)| (t.title.clone(), s.clone()))
            .collect::<Vec<_>>()
    };
    view! {
        {f.values.iter().map(|v| {
            let found = themed(f.with_value(&v.code));
            let slug = slug.clone();
            view! {
                <section class="theme" aria-labelledby=format!("value-{}", v.code)>
                    <h2 id=format!("value-{}", v.code)>{v.title.clone()}</h2>
                    {(!v.description.is_empty()).then(|| view! { <p>{v.description.clone()}</p> })}
                    <p class="meta">{crate::domain::plural(found.len(), "statement", "statements")}</p>
                    <ul class="statement-list">
                        {found.into_iter().map(|(theme, s)| view! {
                            <StatementItem slug=slug.clone() statement=s values=Vec::new() theme=theme/>
                        }).collect_view()}
                    </ul>
                </section>
            }
        }).collect_view()}
        {(!unvalued.is_empty()).then(|| view! {
            <section class="theme" aria-labelledby="value-none">
                <h2 id="value-none">"Not yet given a value"</h2>
                <ul class="statement-list">
                    {unvalued.into_iter().map(|s| view! { <StatementItem slug=slug.clone() statement=s values=Vec::new()/> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::Layout;

    #[test]
    fn the_address_chooses_the_layout_and_a_value_filter_wins() {
        let q = |s: &str| Some(s.to_owned());
        assert_eq!(Layout::from_query(None, None), Layout::Themes);
        assert_eq!(Layout::from_query(q("grid"), None), Layout::Grid);
        assert_eq!(Layout::from_query(q("values"), None), Layout::Values);
        assert_eq!(Layout::from_query(q("nonsense"), None), Layout::Themes);
        assert_eq!(
            Layout::from_query(q("grid"), q(" cc ")),
            Layout::Value("CC".into())
        );
        assert_eq!(Layout::from_query(None, q("")), Layout::Themes);
    }
}
