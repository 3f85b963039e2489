//! Reading a rendered page the way a person meets it: which message sits beside which
//! field, and where the error summary's links lead. Matching text alone cannot tell a
//! message beside the right field from the same message beside the wrong one.

use scraper::{ElementRef, Html, Selector};

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"))
}

/// Text as a person reads it: whitespace collapsed.
fn text_of(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn by_id<'a>(page: &'a Html, id: &str) -> Option<ElementRef<'a>> {
    page.select(&selector(&format!(r#"[id="{id}"]"#))).next()
}

/// The error message shown beside the field whose input (or first radio) has `id`:
/// the message in the nearest form group marked as in error around that input, with
/// the visually hidden "Error:" prefix removed. `None` if that field shows no message.
///
/// The message must also be announced with the field: it is named by the input's
/// `aria-describedby` or by that of a fieldset around it; otherwise this panics.
pub fn message_beside(html: &str, id: &str) -> Option<String> {
    let page = Html::parse_document(html);
    let field = by_id(&page, id).unwrap_or_else(|| panic!("no element with id {id} on the page"));
    let group = field
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().classes().any(|c| c == "form-group--error"))?;
    let message = group.select(&selector(".error-message")).next()?;
    let message_id = message
        .value()
        .id()
        .unwrap_or_else(|| panic!("the message beside {id} has no id to be described by"));
    let described = std::iter::once(field)
        .chain(
            field
                .ancestors()
                .filter_map(ElementRef::wrap)
                .filter(|e| e.value().name() == "fieldset"),
        )
        .filter_map(|e| e.value().attr("aria-describedby"))
        .any(|ids| ids.split_whitespace().any(|i| i == message_id));
    assert!(
        described,
        "the message beside {id} is not announced with it"
    );
    let text = text_of(message);
    Some(text.strip_prefix("Error: ").unwrap_or(&text).to_owned())
}

/// The error summary's links as (where it leads, what it says). Panics if a link leads
/// to no element on the page, since following it would then move focus nowhere.
pub fn summary_links(html: &str) -> Vec<(String, String)> {
    let page = Html::parse_document(html);
    page.select(&selector(".error-summary a"))
        .map(|link| {
            let href = link.value().attr("href").unwrap_or_default().to_owned();
            let target = href.strip_prefix('#').unwrap_or(&href);
            assert!(
                by_id(&page, target).is_some(),
                "the summary links to {href}, which is not on the page"
            );
            (href, text_of(link))
        })
        .collect()
}

/// The text of every element matching `css` inside the first element matching `within`.
pub fn texts_within(html: &str, within: &str, css: &str) -> Vec<String> {
    let page = Html::parse_document(html);
    page.select(&selector(within))
        .next()
        .map(|scope| scope.select(&selector(css)).map(text_of).collect())
        .unwrap_or_default()
}

/// The text of a table's cell found by its row header (`th scope="row"`) and column
/// header (`th scope="col"`), as a screen reader names it. `None` if either header is
/// missing; panics if the table's headers are not marked with their scope.
pub fn table_cell(html: &str, row: &str, column: &str) -> Option<String> {
    let page = Html::parse_document(html);
    for table in page.select(&selector("table")) {
        let columns: Vec<String> = table
            .select(&selector(r#"thead th[scope="col"]"#))
            .map(text_of)
            .collect();
        let Some(at) = columns.iter().position(|c| c == column) else {
            continue;
        };
        for tr in table.select(&selector("tbody tr")) {
            let header = tr
                .select(&selector(r#"th[scope="row"]"#))
                .next()
                .map(text_of);
            if header.as_deref() == Some(row) {
                // Each piece of text apart, as a screen reader reads a cell's list items.
                return tr.select(&selector("th, td")).nth(at).map(|cell| {
                    cell.text()
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                });
            }
        }
    }
    None
}

/// Whether an element matching `css` is on the page (a ticked radio:
/// `input[name="x"][value="y"][checked]`, a chosen option: `option[selected]`).
pub fn has(html: &str, css: &str) -> bool {
    Html::parse_document(html)
        .select(&selector(css))
        .next()
        .is_some()
}

/// The text of the first element matching `css`, as a person reads it.
pub fn text_at(html: &str, css: &str) -> Option<String> {
    Html::parse_document(html)
        .select(&selector(css))
        .next()
        .map(text_of)
}

/// Every link matching `css`, as (where it leads, what it says).
pub fn links(html: &str, css: &str) -> Vec<(String, String)> {
    Html::parse_document(html)
        .select(&selector(css))
        .map(|link| {
            let href = link.value().attr("href").unwrap_or_default().to_owned();
            (href, text_of(link))
        })
        .collect()
}
