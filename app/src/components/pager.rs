//! Links between the pages of a long list (GOV.UK's pagination pattern): "Previous",
//! the page numbers near the current one with the first and last, and "Next". Plain
//! links, so they work without JavaScript and keep the list's filters.

use crate::model::{ListQuery, PageLink, Paged, page_links};
use leptos::prelude::*;

/// Page links for `paged`, each pointing to `path` with `query`'s filters. Shows
/// nothing when the list fits on one page. `label` names the list for screen readers
/// ("Pages of comments"), so two pagers on one page can be told apart.
#[component]
pub fn Pager<T: 'static>(
    paged: Paged<T>,
    path: String,
    query: ListQuery,
    label: String,
    /// Added to each link (`#comments`), so following one lands on the list itself.
    #[prop(optional, into)]
    fragment: String,
) -> impl IntoView {
    let pages = paged.pages();
    let current = paged.page.number.min(pages);
    (pages > 1).then(move || {
        let href = move |n: u32| format!("{}{fragment}", query.href(&path, n));
        view! {
            <nav class="pagination" aria-label=label>
                {(current > 1).then(|| view! {
                    <div class="pagination__prev">
                        <a class="pagination__link" href=href(current - 1) rel="prev">
                            "Previous"<span class="visually-hidden">" page"</span>
                        </a>
                    </div>
                })}
                <ul class="pagination__list">
                    {page_links(current, pages).into_iter().map(|link| match link {
                        PageLink::Gap => view! { <li class="pagination__item pagination__item--ellipses">"…"</li> }.into_any(),
                        PageLink::Number { number, current: true } => view! {
                            <li class="pagination__item pagination__item--current">
                                <a class="pagination__link" href=href(number) aria-current="page" aria-label=format!("Page {number}")>{number.to_string()}</a>
                            </li>
                        }.into_any(),
                        PageLink::Number { number, .. } => view! {
                            <li class="pagination__item">
                                <a class="pagination__link" href=href(number) aria-label=format!("Page {number}")>{number.to_string()}</a>
                            </li>
                        }.into_any(),
                    }).collect_view()}
                </ul>
                {(current < pages).then(|| view! {
                    <div class="pagination__next">
                        <a class="pagination__link" href=href(current + 1) rel="next">
                            "Next"<span class="visually-hidden">" page"</span>
                        </a>
                    </div>
                })}
            </nav>
        }
    })
}
