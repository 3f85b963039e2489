//! Long lists shown a page at a time: which page was asked for, what one page holds, and
//! the links between pages. Every list a person opens is paged, so nothing they open
//! grows with the round (150 statements, 2,000 people, 10,000 comments); counts stay
//! exact because they come from the database, not from the page in hand.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Serialize};

/// The page someone asked for, from `?page=N` (1 is the first). Anything that is not a
/// positive number is the first page, so an edited or stale link still shows a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRequest {
    pub number: u32,
    /// How many items one page holds; fixed per list, never taken from the address.
    pub size: u32,
}

impl PageRequest {
    /// The query-string name of the page number.
    pub const PARAM: &'static str = "page";

    pub fn new(asked: Option<&str>, size: u32) -> Self {
        let number = asked
            .and_then(|p| p.trim().parse::<u32>().ok())
            .filter(|n| *n >= 1)
            .unwrap_or(1);
        Self {
            number,
            size: size.max(1),
        }
    }

    pub fn first(size: u32) -> Self {
        Self::new(None, size)
    }

    /// The page that holds the item with `before` items ahead of it: where a link to
    /// one item opens a list.
    pub fn holding(before: u64, size: u32) -> Self {
        let size = size.max(1);
        let number = before / u64::from(size) + 1;
        Self {
            number: u32::try_from(number).unwrap_or(u32::MAX),
            size,
        }
    }

    /// Rows to skip (SQL `OFFSET`).
    pub fn offset(self) -> i64 {
        i64::from(self.number - 1) * i64::from(self.size)
    }

    /// Rows to read (SQL `LIMIT`).
    pub fn limit(self) -> i64 {
        i64::from(self.size)
    }

    /// The page asked for, brought back inside the list when it is past the end (the
    /// list shrank since the link was made): the last page instead of an empty one.
    pub fn within(self, total: u64) -> Self {
        let pages = pages_for(total, self.size);
        Self {
            number: self.number.min(pages),
            size: self.size,
        }
    }
}

fn pages_for(total: u64, size: u32) -> u32 {
    u32::try_from(total.div_ceil(u64::from(size.max(1))))
        .unwrap_or(u32::MAX)
        .max(1)
}

/// One page of a list, and where it sits in the whole list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// Which page this is (1-based) and how many items a page holds.
    pub page: PageRequest,
    /// How many items the whole (filtered) list has: exact, counted by the database.
    pub total: u64,
}

impl<T> Paged<T> {
    pub fn new(items: Vec<T>, page: PageRequest, total: u64) -> Self {
        Self { items, page, total }
    }

    pub fn pages(&self) -> u32 {
        pages_for(self.total, self.page.size)
    }

    /// The 1-based positions of the first and last items shown, for "Showing 51 to 100
    /// of 1,500". `None` when the page is empty.
    pub fn shown(&self) -> Option<(u64, u64)> {
        if self.items.is_empty() {
            return None;
        }
        let first = self.page.offset() as u64 + 1;
        Some((first, first + self.items.len() as u64 - 1))
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Paged<U> {
        Paged {
            items: self.items.into_iter().map(f).collect(),
            page: self.page,
            total: self.total,
        }
    }

    /// "Showing 51 to 100 of 1,500 comments", or "No comments" for an empty list.
    pub fn showing(&self, singular: &str, plural: &str) -> String {
        let noun = |n: u64| if n == 1 { singular } else { plural };
        match self.shown() {
            None => format!("No {plural} to show."),
            Some((first, last)) if first == 1 && last == self.total => {
                format!("Showing {} {}.", thousands(self.total), noun(self.total))
            }
            Some((first, last)) => format!(
                "Showing {} to {} of {} {}.",
                thousands(first),
                thousands(last),
                thousands(self.total),
                noun(self.total)
            ),
        }
    }
}

/// 10000 as "10,000": big counts are read more easily with a separator.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One link in a list's page navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageLink {
    Number {
        number: u32,
        current: bool,
    },
    /// Pages left out between two numbers ("…").
    Gap,
}

/// The numbered links to show: the first and last page, and the pages either side of
/// the current one, with gaps between (GOV.UK's pagination pattern). Short lists show
/// every number. The count of links is bounded, whatever the number of pages.
pub fn page_links(current: u32, pages: u32) -> Vec<PageLink> {
    let current = current.clamp(1, pages.max(1));
    let mut links = Vec::new();
    let mut last_shown = 0;
    for number in 1..=pages.max(1) {
        let near = number.abs_diff(current) <= 1;
        if number == 1 || number == pages || near {
            if last_shown != 0 && number > last_shown + 1 {
                links.push(PageLink::Gap);
            }
            links.push(PageLink::Number {
                number,
                current: number == current,
            });
            last_shown = number;
        } else if number > current + 1 {
            // Jump straight to the last page rather than walking every number between.
            if pages > number {
                links.push(PageLink::Gap);
                links.push(PageLink::Number {
                    number: pages,
                    current: false,
                });
            }
            break;
        }
    }
    links
}

/// Characters a query-string value keeps as they are; everything else is %-encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A list's address with its filters, so every page link and every form that comes
/// back to the list keeps the same filters. Empty values are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    pairs: Vec<(String, String)>,
}

impl ListQuery {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a filter (left out when empty).
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Self {
        let value = value.into();
        if !value.is_empty() {
            self.pairs.push((name.to_owned(), value));
        }
        self
    }

    /// The filters as a query string, without the leading `?` ("" when there are none).
    pub fn query(&self) -> String {
        self.pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, QUERY_VALUE)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// `path` with these filters and the given page (page 1 is left out of the address).
    pub fn href(&self, path: &str, page: u32) -> String {
        let mut query = self.query();
        if page > 1 {
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(&format!("{}={page}", PageRequest::PARAM));
        }
        if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_linked_item_opens_the_page_that_holds_it() {
        assert_eq!(PageRequest::holding(0, 50).number, 1);
        assert_eq!(PageRequest::holding(49, 50).number, 1);
        assert_eq!(PageRequest::holding(50, 50).number, 2);
        assert_eq!(PageRequest::holding(50, 50).offset(), 50);
    }

    #[test]
    fn a_missing_or_nonsense_page_is_the_first() {
        for asked in [
            None,
            Some(""),
            Some("0"),
            Some("-3"),
            Some("two"),
            Some("9999999999999"),
        ] {
            assert_eq!(PageRequest::new(asked, 50).number, 1, "{asked:?}");
        }
        assert_eq!(PageRequest::new(Some(" 3 "), 50).offset(), 100);
    }

    #[test]
    fn a_page_past_the_end_becomes_the_last_page() {
        let asked = PageRequest::new(Some("40"), 50);
        assert_eq!(asked.within(120).number, 3);
        assert_eq!(asked.within(0).number, 1);
        assert_eq!(PageRequest::new(Some("2"), 50).within(120).number, 2);
    }

    #[test]
    fn showing_says_where_the_page_sits_in_the_whole_list() {
        let page = Paged::new(vec![(); 50], PageRequest::new(Some("2"), 50), 1500);
        assert_eq!(page.pages(), 30);
        assert_eq!(
            page.showing("comment", "comments"),
            "Showing 51 to 100 of 1,500 comments."
        );
        let all = Paged::new(vec![()], PageRequest::first(50), 1);
        assert_eq!(all.showing("comment", "comments"), "Showing 1 comment.");
        let none: Paged<()> = Paged::new(vec![], PageRequest::first(50), 0);
        assert_eq!(none.showing("comment", "comments"), "No comments to show.");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(7412), "7,412");
        assert_eq!(thousands(10_000_000), "10,000,000");
    }

    fn numbers(links: &[PageLink]) -> String {
        links
            .iter()
            .map(|l| match l {
                PageLink::Gap => "…".to_owned(),
                PageLink::Number {
                    number,
                    current: true,
                } => format!("[{number}]"),
                PageLink::Number { number, .. } => number.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn page_links_show_the_ends_and_the_neighbours_of_the_current_page() {
        assert_eq!(numbers(&page_links(1, 1)), "[1]");
        assert_eq!(numbers(&page_links(2, 3)), "1 [2] 3");
        assert_eq!(numbers(&page_links(1, 200)), "[1] 2 … 200");
        assert_eq!(numbers(&page_links(7, 200)), "1 … 6 [7] 8 … 200");
        assert_eq!(numbers(&page_links(200, 200)), "1 … 199 [200]");
        assert_eq!(numbers(&page_links(3, 5)), "1 2 [3] 4 5");
    }

    #[test]
    fn page_links_stay_few_however_long_the_list() {
        assert!(page_links(5_000, 10_000).len() <= 7);
    }

    #[test]
    fn list_links_keep_every_filter_and_encode_search_text() {
        let query = ListQuery::new()
            .with("statement", "HL-3")
            .with("outcome", "")
            .with("q", "choice & control?");
        assert_eq!(query.query(), "statement=HL-3&q=choice%20%26%20control%3F");
        assert_eq!(
            query.href("/x", 2),
            "/x?statement=HL-3&q=choice%20%26%20control%3F&page=2"
        );
        assert_eq!(ListQuery::new().href("/x", 1), "/x");
        assert_eq!(ListQuery::new().href("/x", 3), "/x?page=3");
    }
}
