//! The knowledge balance, drawn and tabled: an SVG chart for sighted readers (bars with
//! their own words and patterns, so no colour is needed to read them) beside a real
//! table with the counts and percentages, which is what screen readers get (the charts
//! are `aria-hidden`). Under-heard is always said in words.

use crate::{
    domain::{
        balance::{Balance, Standing},
        drafting::Knowledge,
        plural, singular_or_plural,
    },
    model::{BalanceRow, RoundPhase},
};
use leptos::prelude::*;

/// Width of every chart's drawing, in its own units; the page scales it (to at most
/// 25rem, so its 15-unit words are never much smaller than the page's own text).
const WIDTH: f64 = 300.0;
/// Width of the bars of [`KindBars`]; their share and count are written after them.
const BAR: f64 = 200.0;

/// The CSS class (colour) and pattern of each kind of knowledge's bars.
fn kind_class(kind: Knowledge) -> &'static str {
    match kind {
        Knowledge::LivedExperience => "balance-bar--lived",
        Knowledge::Practice => "balance-bar--practice",
        Knowledge::Research => "balance-bar--research",
        Knowledge::Organisation => "balance-bar--organisation",
    }
}

/// A number for an SVG attribute.
fn n(x: f64) -> String {
    format!("{x:.1}")
}

fn pattern_id(prefix: &str, kind: Knowledge) -> String {
    format!("{prefix}-{}", kind.as_str())
}

/// One pattern per kind of knowledge, so bars differ in texture as well as colour:
/// solid, diagonal stripes, dots and cross-hatching.
#[component]
fn Patterns(prefix: String) -> impl IntoView {
    view! {
        <defs>
            <pattern id=pattern_id(&prefix, Knowledge::LivedExperience) patternUnits="userSpaceOnUse" width="8" height="8">
                <rect class="balance-pattern--lived" width="8" height="8"/>
            </pattern>
            <pattern id=pattern_id(&prefix, Knowledge::Practice) patternUnits="userSpaceOnUse" width="8" height="8">
                <rect class="balance-pattern__ground" width="8" height="8"/>
                <path class="balance-pattern--practice" d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke-width="2.5"/>
            </pattern>
            <pattern id=pattern_id(&prefix, Knowledge::Research) patternUnits="userSpaceOnUse" width="6" height="6">
                <rect class="balance-pattern__ground" width="6" height="6"/>
                <circle class="balance-pattern--research" cx="3" cy="3" r="1.8"/>
            </pattern>
            <pattern id=pattern_id(&prefix, Knowledge::Organisation) patternUnits="userSpaceOnUse" width="8" height="8">
                <rect class="balance-pattern__ground" width="8" height="8"/>
                <path class="balance-pattern--organisation" d="M0,4 h8 M4,0 v8" stroke-width="2"/>
            </pattern>
        </defs>
    }
}

fn fill(prefix: &str, kind: Knowledge) -> String {
    format!("url(#{})", pattern_id(prefix, kind))
}

/// One bar per kind of knowledge, each with its name, share and count written above it,
/// and the target marked on the lived experience bar.
#[component]
fn KindBars(balance: Balance, prefix: String) -> impl IntoView {
    const ROW: f64 = 52.0;
    let height = ROW * balance.shares.len() as f64;
    let target_x = BAR * f64::from(balance.target_percent) / 100.0;
    let rows = balance
        .shares
        .iter()
        .enumerate()
        .map(|(i, share)| {
            let top = ROW * i as f64;
            let width = BAR * f64::from(share.per_mille) / 1000.0;
            let lived = share.knowledge == Knowledge::LivedExperience;
            view! {
                <text class="balance-chart__label" x="0" y=n(top + 17.0)>{share.knowledge.label()}</text>
                <rect class="balance-bar__track" x="0" y=n(top + 24.0) width=n(BAR) height="20"/>
                <rect class=format!("balance-bar {}", kind_class(share.knowledge)) x="0" y=n(top + 24.0) width=n(width) height="20" fill=fill(&prefix, share.knowledge)/>
                <text class="balance-chart__label" x=n(BAR + 8.0) y=n(top + 40.0)>{format!("{}% ({})", share.percent, share.count)}</text>
                {lived.then(|| view! {
                    <line class="balance-chart__target" x1=n(target_x) x2=n(target_x) y1=n(top + 20.0) y2=n(top + 48.0) stroke-dasharray="3 2"/>
                })}
            }
        })
        .collect_view();
    view! {
        <svg class="balance-chart" viewBox=format!("0 0 {WIDTH} {height}") aria-hidden="true" focusable="false">
            <Patterns prefix=prefix.clone()/>
            {rows}
        </svg>
    }
}

/// "Target" line's meaning, in words under a chart that draws one.
fn target_key(target: u8) -> String {
    format!("The dashed line marks the target for lived experience: {target}%.")
}

/// A set of comments' balance: the chart, and beside it the table a screen reader reads.
#[component]
pub fn BalanceFigure(
    balance: Balance,
    /// The table's caption, e.g. "Comments in Spring round by kind of knowledge".
    caption: String,
    /// Unique on the page: names the chart's patterns and the table's caption.
    id: &'static str,
) -> impl IntoView {
    if balance.total == 0 {
        return view! { <p class="balance-empty">"No comments yet."</p> }.into_any();
    }
    let caption_id = format!("{id}-caption");
    let labelled_by = caption_id.clone();
    let total = balance.total;
    let target = balance.target_percent;
    let rows = balance
        .shares
        .iter()
        .map(|share| {
            view! {
                <tr>
                    <th scope="row">{share.knowledge.label()}</th>
                    <td class="table__numeric">{share.count.to_string()}</td>
                    <td class="table__numeric">{format!("{}%", share.percent)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="balance">
            <div class="balance__chart">
                <KindBars balance=balance.clone() prefix=format!("{id}-pattern")/>
                <p class="hint">{target_key(target)}</p>
            </div>
            <div class="balance__table table-wrap" role="region" aria-labelledby=labelled_by tabindex="0">
                <table class="table">
                    <caption id=caption_id class="table__caption">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Kind of knowledge"</th>
                            <th scope="col" class="table__numeric">"Comments"</th>
                            <th scope="col" class="table__numeric">"Share"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">"All comments"</th>
                            <td class="table__numeric">{total.to_string()}</td>
                            <td class="table__numeric">"100%"</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </div>
    }
    .into_any()
}

/// One 100% bar per theme (or statement), split by kind of knowledge, with a key.
#[component]
fn StackedBars(rows: Vec<BalanceRow>, target: u8, prefix: String) -> impl IntoView {
    const KEY_ROW: f64 = 22.0;
    const ROW: f64 = 50.0;
    let key_height = KEY_ROW * Knowledge::ALL.len() as f64 + 8.0;
    let height = key_height + ROW * rows.len() as f64;
    let target_x = WIDTH * f64::from(target) / 100.0;
    let key = Knowledge::ALL
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let top = KEY_ROW * i as f64;
            view! {
                <rect class=format!("balance-bar {}", kind_class(*kind)) x="0" y=n(top + 2.0) width="28" height="16" fill=fill(&prefix, *kind)/>
                <text class="balance-chart__label" x="36" y=n(top + 15.0)>{kind.label()}</text>
            }
        })
        .collect_view();
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let top = key_height + ROW * i as f64;
            let balance = &row.balance;
            let total = balance.total;
            let mut x = 0.0;
            let segments = balance
                .shares
                .iter()
                .filter(|s| s.count > 0)
                .map(|share| {
                    let width = WIDTH * share.count as f64 / total as f64;
                    let start = x;
                    x += width;
                    view! {
                        <rect class=format!("balance-bar {}", kind_class(share.knowledge)) x=n(start) y=n(top + 24.0) width=n(width) height="20" fill=fill(&prefix, share.knowledge)/>
                    }
                })
                .collect_view();
            let heading = match balance.standing {
                Standing::NoComments => format!("{}: no comments yet", row.label),
                Standing::UnderHeard => format!("{}: under-heard", row.label),
                Standing::OnTarget => row.label.clone(),
            };
            view! {
                <text class="balance-chart__label" x="0" y=n(top + 17.0)>{heading}</text>
                <rect class="balance-bar__track" x="0" y=n(top + 24.0) width=n(WIDTH) height="20"/>
                {segments}
            }
        })
        .collect_view();
    view! {
        <svg class="balance-chart" viewBox=format!("0 0 {WIDTH} {height}") aria-hidden="true" focusable="false">
            <Patterns prefix=prefix.clone()/>
            {key}
            {bars}
            <line class="balance-chart__target" x1=n(target_x) x2=n(target_x) y1=n(key_height) y2=n(height) stroke-dasharray="3 2"/>
        </svg>
    }
}

/// The balance of each theme (or statement): a table with counts and percentages of
/// each kind of knowledge and, in words, whether lived experience is under-heard there;
/// for themes, also a chart.
#[component]
pub fn BalanceTable(
    rows: Vec<BalanceRow>,
    target: u8,
    caption: String,
    /// The first column's heading: "Theme" or "Statement".
    row_header: &'static str,
    id: &'static str,
    /// Draw a chart beside the table (themes: a handful of bars; not 150 statements).
    #[prop(optional)]
    chart: bool,
) -> impl IntoView {
    let caption_id = format!("{id}-caption");
    let labelled_by = caption_id.clone();
    let table_rows = rows
        .iter()
        .map(|row| {
            let b = &row.balance;
            let standing = match b.standing {
                Standing::UnderHeard => view! { <strong class="balance-flag">"Under-heard"</strong> }.into_any(),
                Standing::NoComments => view! { <span>"No comments yet"</span> }.into_any(),
                Standing::OnTarget => view! { <span>"At or above target"</span> }.into_any(),
            };
            view! {
                <tr class:balance-row--under-heard=b.is_under_heard()>
                    <th scope="row">
                        <a href=row.href.clone()>{row.label.clone()}</a>
                        {row.retired.then_some(" (retired)")}
                        {(!row.text.is_empty()).then(|| view! { <span class="balance-table__text">{row.text.clone()}</span> })}
                    </th>
                    <td class="table__numeric">{b.total.to_string()}</td>
                    {Knowledge::ALL.iter().map(|k| view! { <td class="table__numeric">{b.count_and_percent(*k)}</td> }).collect_view()}
                    <td>{standing}</td>
                </tr>
            }
        })
        .collect_view();
    let drawn = chart.then(|| {
        view! {
            <div class="balance__chart">
                <StackedBars rows=rows.clone() target prefix=format!("{id}-pattern")/>
                <p class="hint">{target_key(target)}</p>
            </div>
        }
    });
    view! {
        {drawn}
        <div class="table-wrap" role="region" aria-labelledby=labelled_by tabindex="0">
            <table class="table table--balance">
                <caption id=caption_id class="table__caption">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{row_header}</th>
                        <th scope="col" class="table__numeric">"Comments"</th>
                        {Knowledge::ALL.iter().map(|k| view! { <th scope="col" class="table__numeric">{k.label()}</th> }).collect_view()}
                        <th scope="col">{format!("Lived experience against the target of {target}%")}</th>
                    </tr>
                </thead>
                <tbody>{table_rows}</tbody>
            </table>
        </div>
    }
}

/// Said when lived experience is below the framework's target: to editors, what they can
/// still do; to everyone else, an invitation (or, once the round has closed, the fact).
/// Renders nothing when lived experience is at or above the target.
#[component]
pub fn UnderHeardNotice(
    balance: Balance,
    phase: RoundPhase,
    can_edit: bool,
    framework_slug: String,
    /// Where the round's full balance is, when the notice is not already on that page.
    #[prop(optional)]
    round_href: Option<String>,
    /// Already on the framework page: no link back to it.
    #[prop(optional)]
    on_framework_page: bool,
    /// The heading's level-2 id, unique on the page.
    #[prop(default = "under-heard-heading")]
    id: &'static str,
) -> impl IntoView {
    if !balance.is_under_heard() {
        return ().into_any();
    }
    let lived = balance.lived_experience().map_or(0, |s| s.percent);
    let target = balance.target_percent;
    let comments = plural(balance.total, "comment", "comments");
    let framework_href = format!("/frameworks/{framework_slug}");
    let body = match (can_edit, &phase) {
        (true, RoundPhase::Open { closes_label }) => view! {
            <p>{format!("Only {lived}% of the {comments} so far {} on lived experience. The framework's target is {target}%.", singular_or_plural(balance.total, "draws", "draw"))}</p>
            <p>{format!(
                "There is still time: the round closes on {closes_label}. Before then, reach out to people who draw on care and support, and their carers: through user-led organisations, a workshop, phone calls or an easy read version, and invite them to comment."
            )}</p>
            <p>"Themes and statements where lived experience is under-heard are marked in the tables. "
                <a href=format!("{framework_href}/edit#lived_experience_target")>"Change the target"</a>
            </p>
        }
        .into_any(),
        (true, _) => view! {
            <p>{format!("Only {lived}% of the {comments} in this round drew on lived experience, below the framework's target of {target}%.")}</p>
            <p>"Plan how to hear from more people with lived experience before the next round closes."</p>
        }
        .into_any(),
        (false, RoundPhase::Open { closes_label }) => view! {
            <p>"We have heard less from people with lived experience than we want to. If you draw on care and support, please tell us what you think."</p>
            <p>
                {format!("You can comment until {closes_label}.")}
                {(!on_framework_page).then(|| view! { " "<a href=framework_href.clone()>"Read the statements and comment"</a> })}
            </p>
        }
        .into_any(),
        (false, _) => view! {
            <p>"We heard less from people with lived experience in this round than we wanted to."</p>
        }
        .into_any(),
    };
    view! {
        <section class="warning-notice" aria-labelledby=id>
            <h2 class="heading-m" id=id>"Lived experience is under-heard"</h2>
            {body}
            {round_href.map(|href| view! { <p><a href=href>"See whose knowledge this round has heard"</a></p> })}
        </section>
    }
    .into_any()
}
