//! What the national data set holds, worked out in memory before anything is written:
//! every statement and its drafts, every person, every comment with its words, passage,
//! time and answer. Pure and seeded, so the same shape always gives the same data and
//! its counts can be checked without a database.

use super::texts::*;
use crate::domain::{
    drafting::{Knowledge, Visibility},
    passage::{self, Passage},
    response::Outcome,
};
use std::collections::HashMap;

pub const DAY: i64 = 24 * 60 * 60;

/// The timeline, in seconds relative to when the data set is loaded.
pub mod timeline {
    use super::DAY;
    pub const CREATED: i64 = -150 * DAY;
    pub const EARLIER_OPENS: i64 = -120 * DAY;
    pub const EARLIER_CLOSES: i64 = -90 * DAY;
    pub const EARLIER_ANSWERED: i64 = -88 * DAY;
    pub const EARLIER_REDRAFT: i64 = -85 * DAY;
    pub const EARLIER_INCORPORATED: i64 = -84 * DAY;
    pub const PUBLISHED: i64 = -75 * DAY;
    pub const DRAFTS_FROM: i64 = -70 * DAY;
    pub const DRAFTS_UNTIL: i64 = -DAY;
    pub const OPEN_OPENS: i64 = -42 * DAY;
    pub const OPEN_CLOSES: i64 = 21 * DAY;
    /// The newest comment is an hour old.
    pub const LAST_COMMENT: i64 = -3600;
}

/// How big a data set to make. [`Shape::national`] is issue 11's national round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    pub slug: String,
    pub title: String,
    /// Spread over five themes.
    pub statements: usize,
    pub contributors: usize,
    pub organisations: usize,
    /// Contributors who are members of an organisation (and sometimes speak for it).
    pub representatives: usize,
    /// Comments in the open round.
    pub comments: usize,
    /// How many of them are on the busiest statement.
    pub busiest: usize,
    /// How many of them are near-identical copies of the five campaign texts.
    pub campaign_copies: usize,
    /// The busiest statements (the busiest first) that have `drafts` drafts each.
    pub busy_statements: usize,
    pub drafts: usize,
    /// Comments in the earlier round, which is closed, answered and published.
    pub earlier_comments: usize,
    /// Statements redrafted from the earlier round's answers before that version.
    pub redrafted_earlier: usize,
    /// The share of the open round's own comments (not campaign copies) answered so far.
    pub answered_percent: u64,
    /// The share of contributors who asked for no emails.
    pub opt_out_percent: u64,
}

impl Shape {
    pub const NATIONAL_SLUG: &'static str = "national-care-standards";

    /// 150 statements in 5 themes; 2,000 contributors (300 speaking for 40
    /// organisations); an open round of 10,000 comments, 1,500 on one statement and 2,000
    /// copies of 5 campaign texts; the five busiest statements with 30 drafts; an earlier
    /// round of 2,000 comments, answered and published as version 1.
    pub fn national() -> Self {
        Self {
            slug: Self::NATIONAL_SLUG.to_owned(),
            title: "National care standards".to_owned(),
            statements: 150,
            contributors: 2_000,
            organisations: 40,
            representatives: 300,
            comments: 10_000,
            busiest: 1_500,
            campaign_copies: 2_000,
            busy_statements: 5,
            drafts: 30,
            earlier_comments: 2_000,
            redrafted_earlier: 20,
            answered_percent: 30,
            opt_out_percent: 3,
        }
    }

    /// The national shape with its counts divided by `divisor` (1 is the whole of it),
    /// keeping enough of everything for the shape to show: two statements a theme, two
    /// organisations, five campaigns. The busy statements keep all their drafts.
    pub fn scaled(divisor: usize) -> Self {
        let d = divisor.max(1);
        let n = Self::national();
        let at_least = |count: usize, least: usize| (count / d).max(least);
        Self {
            statements: at_least(n.statements, 10),
            contributors: at_least(n.contributors, 20),
            organisations: at_least(n.organisations, 2),
            representatives: at_least(n.representatives, 4),
            comments: at_least(n.comments, 100),
            busiest: at_least(n.busiest, 15),
            campaign_copies: at_least(n.campaign_copies, 10),
            earlier_comments: at_least(n.earlier_comments, 20),
            redrafted_earlier: at_least(n.redrafted_earlier, 1),
            ..n
        }
    }

    /// A document the size of a peer platform's busy page: 40 statements and 300
    /// comments, no campaigns.
    pub fn document() -> Self {
        Self {
            slug: "forty-statements".to_owned(),
            title: "Forty statements".to_owned(),
            statements: 40,
            contributors: 120,
            organisations: 6,
            representatives: 15,
            comments: 300,
            busiest: 45,
            campaign_copies: 0,
            busy_statements: 2,
            drafts: 5,
            earlier_comments: 60,
            redrafted_earlier: 3,
            answered_percent: 30,
            opt_out_percent: 3,
        }
    }

    /// A framework of `statements` statements in five themes (the national 150, say)
    /// whose rounds are quiet: 40 people, and in the open round about one comment a
    /// statement (every statement gets at least one). The twin of pages that show the
    /// whole framework, whose size is the framework's, not the round's.
    pub fn quiet(statements: usize) -> Self {
        Self {
            slug: "quiet-care-standards".to_owned(),
            title: "Quiet care standards".to_owned(),
            statements,
            contributors: 40,
            organisations: 2,
            representatives: 4,
            comments: statements + 10,
            busiest: 10,
            campaign_copies: 0,
            busy_statements: 1,
            drafts: 3,
            earlier_comments: 20,
            redrafted_earlier: 1,
            ..Self::national()
        }
    }

    /// A crowd: `contributors` people (at least 50) who each made one comment in the
    /// open round, in their own words (no campaigns), and who all want email, so a
    /// version answering it owes exactly one email per person: what the publish
    /// benchmark publishes (10,000 people), and the big publish people keep working
    /// through in the tests.
    pub fn crowd(contributors: usize) -> Self {
        let n = contributors.max(50);
        Self {
            slug: "crowd".to_owned(),
            title: "A crowd of contributors".to_owned(),
            statements: 40,
            contributors: n,
            organisations: 4,
            representatives: (n / 20).max(4),
            comments: n,
            busiest: n / 10,
            campaign_copies: 0,
            busy_statements: 2,
            drafts: 5,
            earlier_comments: (n / 10).max(20),
            redrafted_earlier: 3,
            answered_percent: 30,
            opt_out_percent: 0,
        }
    }

    /// The same shape under another slug and title (e.g. to load two copies).
    pub fn named(self, slug: &str, title: &str) -> Self {
        Self {
            slug: slug.to_owned(),
            title: title.to_owned(),
            ..self
        }
    }
}

/// SplitMix64: small, fast and the same everywhere, so a seed always gives the same data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from 0 to `n - 1` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn percent(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number from 0 to `n - 1`, small ones more often the larger `power` is.
    pub fn skewed(&mut self, n: usize, power: f64) -> usize {
        ((n as f64 * self.unit().powf(power)) as usize).min(n - 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }

    /// A time from `from` to `until` (seconds).
    fn between(&mut self, from: i64, until: i64) -> i64 {
        from + (self.next_u64() % (until - from).max(1) as u64) as i64
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedDraft {
    pub text: String,
    pub note: &'static str,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedStatement {
    pub theme: usize,
    /// Numbered within its theme from 1, as references are (HL-1, HL-2, …).
    pub number: usize,
    /// The first draft, then any later ones, oldest first.
    pub drafts: Vec<PlannedDraft>,
}

impl PlannedStatement {
    pub fn reference(&self) -> String {
        format!("{}-{}", THEMES[self.theme].0, self.number)
    }

    /// The newest draft made by `at`.
    fn draft_at(&self, at: i64) -> usize {
        self.drafts.iter().rposition(|d| d.at <= at).unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Before the `@` of their address, which is `{local}@{slug}.example.org`.
    pub local: String,
    pub display_name: String,
    pub organisation: Option<usize>,
    pub easy_read: bool,
    pub email_opt_out: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedAnswer {
    pub outcome: Outcome,
    pub reason: &'static str,
    pub at: i64,
    /// The draft (index into the statement's drafts) it was acted on in.
    pub acted_in: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedComment {
    pub statement: usize,
    /// The draft it was made on: the newest at its time.
    pub draft: usize,
    pub author: usize,
    /// Speaking for this organisation (one the author is a member of).
    pub organisation: Option<usize>,
    pub body: String,
    pub passage: Option<Passage>,
    pub suggestion: Option<String>,
    pub knowledge: Knowledge,
    pub visibility: Visibility,
    pub at: i64,
    /// A copy of this campaign's text.
    pub campaign: Option<usize>,
    /// "This still matters to me": the author's earlier-round comment (an index into
    /// [`Plan::earlier`]).
    pub still_matters: Option<usize>,
    pub answer: Option<PlannedAnswer>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub shape: Shape,
    pub statements: Vec<PlannedStatement>,
    /// The statement with the most comments in the open round.
    pub busiest: usize,
    /// The statements with `shape.drafts` drafts, the busiest first.
    pub busy: Vec<usize>,
    pub organisations: Vec<String>,
    pub people: Vec<Person>,
    pub earlier: Vec<PlannedComment>,
    /// The open round's comments, oldest first.
    pub open: Vec<PlannedComment>,
}

const SEED: u64 = 0x0011_2026_0150_2000;

impl Plan {
    pub fn new(shape: &Shape) -> Self {
        assert!(
            shape.statements >= THEMES.len(),
            "at least one statement a theme"
        );
        assert!(shape.busiest <= shape.comments);
        assert!(shape.representatives <= shape.contributors);
        assert!(shape.organisations >= 1 && shape.organisations <= shape.representatives);
        let mut rng = Rng::new(SEED);
        let mut statements = plan_statements(shape);
        let busiest = statements
            .iter()
            .position(|s| s.theme == 2 && s.number == 1)
            .unwrap_or(0);
        // The other statements, busiest first.
        let mut ranked: Vec<usize> = (0..statements.len()).filter(|s| *s != busiest).collect();
        rng.shuffle(&mut ranked);
        let counts = comment_counts(shape, busiest, &ranked, statements.len());
        let busy: Vec<usize> = std::iter::once(busiest)
            .chain(ranked.iter().copied())
            .take(shape.busy_statements.min(statements.len()))
            .collect();
        let mut redrafted = ranked.clone();
        rng.shuffle(&mut redrafted);
        redrafted.truncate(shape.redrafted_earlier.min(redrafted.len()));
        for &s in &redrafted {
            let statement = &mut statements[s];
            let base = statement.drafts[0].text.trim_end_matches('.').to_owned();
            statement.drafts.push(PlannedDraft {
                text: format!("{base}{}.", DRAFT_ENDINGS[s % DRAFT_ENDINGS.len()]),
                note: "Took in the wording suggested in the earlier round.",
                at: timeline::EARLIER_REDRAFT,
            });
        }
        for &s in &busy {
            add_later_drafts(&mut statements[s], s, shape.drafts);
        }
        let organisations = plan_organisations(shape.organisations);
        let people = plan_people(&mut rng, shape);
        let earlier = plan_earlier(&mut rng, shape, &statements, &redrafted, &people);
        let open = plan_open(
            &mut rng,
            shape,
            &statements,
            (busiest, ranked.as_slice(), counts.as_slice()),
            &people,
            &earlier,
        );
        Self {
            shape: shape.clone(),
            statements,
            busiest,
            busy,
            organisations,
            people,
            earlier,
            open,
        }
    }
}

fn plan_statements(shape: &Shape) -> Vec<PlannedStatement> {
    let themes = THEMES.len();
    let mut statements = Vec::with_capacity(shape.statements);
    for (theme, bases) in STATEMENTS.iter().enumerate() {
        let in_theme = shape.statements / themes + usize::from(theme < shape.statements % themes);
        for j in 0..in_theme {
            let base = bases[j % bases.len()];
            let qualifier = QUALIFIERS[(j / 8) % QUALIFIERS.len()];
            // Past 32 a theme, the same words come round again with a number.
            let again = if j >= 32 {
                format!(" ({})", j / 32 + 1)
            } else {
                String::new()
            };
            statements.push(PlannedStatement {
                theme,
                number: j + 1,
                drafts: vec![PlannedDraft {
                    text: format!("{base}{qualifier}{again}."),
                    note: "First draft, from the co-production workshops.",
                    at: timeline::CREATED,
                }],
            });
        }
    }
    statements
}

/// Drafts after version 1, evenly spread up to yesterday, until the statement has
/// `drafts` in all.
fn add_later_drafts(statement: &mut PlannedStatement, seed: usize, drafts: usize) {
    let base = statement.drafts[0].text.trim_end_matches('.').to_owned();
    let later = drafts.saturating_sub(statement.drafts.len());
    let span = timeline::DRAFTS_UNTIL - timeline::DRAFTS_FROM;
    for k in 0..later {
        let n = DRAFT_ENDINGS.len();
        let second = if k % 3 == 2 {
            DRAFT_ENDINGS[(seed + k + 5) % n]
        } else {
            ""
        };
        statement.drafts.push(PlannedDraft {
            text: format!("{base}{}{second}.", DRAFT_ENDINGS[(seed + k) % n]),
            note: DRAFT_NOTES[k % DRAFT_NOTES.len()],
            at: timeline::DRAFTS_FROM + (k as i64 + 1) * span / (later as i64 + 1),
        });
    }
}

/// How many open-round comments each statement gets: `busiest` on the busiest, the rest
/// falling away with rank (Zipf), none over the busiest and every one at least one.
fn comment_counts(shape: &Shape, busiest: usize, ranked: &[usize], n: usize) -> Vec<usize> {
    let mut counts = vec![0; n];
    counts[busiest] = shape.busiest;
    let rest = shape.comments - shape.busiest;
    let cap = shape.busiest.saturating_sub(1).max(1);
    assert!(
        rest <= cap * ranked.len() && rest >= ranked.len(),
        "the comments cannot be spread over the statements with the busiest one busiest"
    );
    let weights: Vec<f64> = (0..ranked.len()).map(|i| 1.0 / (i as f64 + 2.0)).collect();
    let total: f64 = weights.iter().sum();
    let mut given = 0;
    for (i, &s) in ranked.iter().enumerate() {
        let ideal = (rest as f64 * weights[i] / total) as usize;
        counts[s] = ideal.clamp(1, cap);
        given += counts[s];
    }
    // Rounding and the cap leave some over (or, rarely, too many): settle them busiest
    // first.
    let mut i = 0;
    while given != rest {
        let s = ranked[i % ranked.len()];
        if given < rest && counts[s] < cap {
            counts[s] += 1;
            given += 1;
        } else if given > rest && counts[s] > 1 {
            counts[s] -= 1;
            given -= 1;
        }
        i += 1;
    }
    counts
}

fn plan_organisations(count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let kind = ORGANISATION_KINDS[i % ORGANISATION_KINDS.len()];
            let place = PLACES[(i / ORGANISATION_KINDS.len()) % PLACES.len()];
            let round = i / (ORGANISATION_KINDS.len() * PLACES.len());
            if round == 0 {
                format!("{kind} {place}")
            } else {
                format!("{kind} {place} {}", round + 1)
            }
        })
        .collect()
}

fn plan_people(rng: &mut Rng, shape: &Shape) -> Vec<Person> {
    (0..shape.contributors)
        .map(|i| {
            // The first representatives found one organisation each, so every one has a
            // member; the rest join the bigger ones more often.
            let organisation = (i < shape.representatives).then(|| {
                if i < shape.organisations {
                    i
                } else {
                    rng.skewed(shape.organisations, 1.5)
                }
            });
            let display_name = if rng.percent(10) {
                String::new()
            } else {
                format!("{} {}", rng.pick(&FIRST_NAMES), rng.pick(&SURNAMES))
            };
            Person {
                local: format!("person{}", i + 1),
                display_name,
                organisation,
                easy_read: rng.percent(10),
                email_opt_out: rng.percent(shape.opt_out_percent),
            }
        })
        .collect()
}

fn knowledge_for(rng: &mut Rng) -> Knowledge {
    match rng.below(100) {
        0..55 => Knowledge::LivedExperience,
        55..83 => Knowledge::Practice,
        _ => Knowledge::Research,
    }
}

fn visibility_for(rng: &mut Rng) -> Visibility {
    match rng.below(100) {
        0..60 => Visibility::Named,
        60..90 => Visibility::Anonymous,
        _ => Visibility::PolicyTeamOnly,
    }
}

/// A comment in someone's own words, drawing on `knowledge`, about `theme`.
fn own_words(rng: &mut Rng, knowledge: Knowledge, theme: usize) -> String {
    let opening = match knowledge {
        Knowledge::LivedExperience => rng.pick(&LIVED_OPENINGS),
        Knowledge::Practice => rng.pick(&PRACTICE_OPENINGS),
        Knowledge::Research => rng.pick(&RESEARCH_OPENINGS),
        Knowledge::Organisation => rng.pick(&ORGANISATION_OPENINGS),
    };
    let weeks = (2 + rng.below(30)).to_string();
    let middle = rng
        .pick(&MIDDLES)
        .replace("{topic}", THEMES[theme].3)
        .replace("{weeks}", &weeks);
    let ending = rng.pick(&ENDINGS);
    format!("{opening} {middle} {ending}").trim_end().to_owned()
}

/// A few words of `text`, as a person would pick them.
fn some_words(rng: &mut Rng, text: &str) -> Option<Passage> {
    let count = passage::words(text).len();
    if count == 0 {
        return None;
    }
    let first = 1 + rng.below(count);
    let last = (first + rng.below(4)).min(count);
    passage::passage_from_words(text, first, last).ok()
}

/// A campaign text as one person sent it: now and then with a sentence of their own, a
/// typo, a missing full stop, and usually their name at the end.
fn campaign_copy(rng: &mut Rng, campaign: usize) -> String {
    let mut text = CAMPAIGNS[campaign].0.to_owned();
    if rng.percent(30) {
        let addition = rng.pick(&CAMPAIGN_ADDITIONS);
        if let Some(at) = text.trim_end_matches('.').rfind(". ") {
            text.insert_str(at + 2, &format!("{addition} "));
        }
    }
    if rng.percent(25) {
        let words: Vec<&str> = text.split(' ').collect();
        // Never in the first three words, so every copy still opens like the campaign.
        let long: Vec<usize> = (3..words.len())
            .filter(|i| words[*i].len() >= 6 && words[*i].is_ascii())
            .collect();
        if !long.is_empty() {
            let i = *rng.pick(&long);
            let mut word: Vec<char> = words[i].chars().collect();
            let at = 1 + rng.below(word.len() - 3);
            word.swap(at, at + 1);
            let typo: String = word.into_iter().collect();
            let mut changed: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
            changed[i] = typo;
            text = changed.join(" ");
        }
    }
    if rng.percent(10) {
        text = text.trim_end_matches('.').to_owned();
    }
    if rng.percent(60) {
        text.push_str(&format!(
            "\n\n{}, {}",
            rng.pick(&FIRST_NAMES),
            rng.pick(&PLACES)
        ));
    }
    text
}

fn reason(rng: &mut Rng, outcome: Outcome) -> &'static str {
    let reasons: &[&'static str] = match outcome {
        Outcome::Incorporated => &REASONS_INCORPORATED,
        Outcome::Partly => &REASONS_PARTLY,
        Outcome::NotIncorporated => &REASONS_NOT_INCORPORATED,
        Outcome::Noted => &REASONS_NOTED,
    };
    reasons[rng.below(reasons.len())]
}

/// Said by `author` in their own words, maybe for their organisation.
fn own_comment(
    rng: &mut Rng,
    statements: &[PlannedStatement],
    statement: usize,
    author: usize,
    people: &[Person],
    at: i64,
) -> PlannedComment {
    let s = &statements[statement];
    let draft = s.draft_at(at);
    let organisation = people[author].organisation.filter(|_| rng.percent(50));
    let knowledge = if organisation.is_some() {
        Knowledge::Organisation
    } else {
        knowledge_for(rng)
    };
    let text = &s.drafts[draft].text;
    let passage = if rng.percent(30) {
        some_words(rng, text)
    } else {
        None
    };
    let suggestion = rng.percent(15).then(|| {
        format!(
            "{}{}.",
            text.trim_end_matches('.'),
            rng.pick(&DRAFT_ENDINGS)
        )
    });
    PlannedComment {
        statement,
        draft,
        author,
        organisation,
        body: own_words(rng, knowledge, s.theme),
        passage,
        suggestion,
        knowledge,
        visibility: visibility_for(rng),
        at,
        campaign: None,
        still_matters: None,
        answer: None,
    }
}

fn plan_earlier(
    rng: &mut Rng,
    shape: &Shape,
    statements: &[PlannedStatement],
    redrafted: &[usize],
    people: &[Person],
) -> Vec<PlannedComment> {
    let mut comments = Vec::with_capacity(shape.earlier_comments);
    for i in 0..shape.earlier_comments {
        // The first ones are the suggestions each earlier redraft took in.
        let taken_in = redrafted.get(i).copied();
        let statement = taken_in.unwrap_or_else(|| rng.below(statements.len()));
        let author = rng.skewed(people.len(), 1.2);
        let at = rng.between(timeline::EARLIER_OPENS, timeline::EARLIER_CLOSES);
        let mut comment = own_comment(rng, statements, statement, author, people, at);
        let was_redrafted = redrafted.contains(&statement);
        let (outcome, acted_in, answered_at) = if let Some(s) = taken_in {
            comment.suggestion = Some(statements[s].drafts[1].text.clone());
            (
                Outcome::Incorporated,
                Some(1),
                timeline::EARLIER_INCORPORATED,
            )
        } else {
            let outcome = match rng.below(100) {
                0..40 => Outcome::Noted,
                40..75 => Outcome::NotIncorporated,
                _ if was_redrafted => Outcome::Partly,
                _ => Outcome::Noted,
            };
            let acted_in = (outcome == Outcome::Partly).then_some(1);
            let at = if acted_in.is_some() {
                timeline::EARLIER_INCORPORATED
            } else {
                timeline::EARLIER_ANSWERED
            };
            (outcome, acted_in, at)
        };
        comment.answer = Some(PlannedAnswer {
            outcome,
            reason: reason(rng, outcome),
            at: answered_at,
            acted_in,
        });
        comments.push(comment);
    }
    comments.sort_by_key(|c| c.at);
    comments
}

fn plan_open(
    rng: &mut Rng,
    shape: &Shape,
    statements: &[PlannedStatement],
    (busiest, ranked, counts): (usize, &[usize], &[usize]),
    people: &[Person],
    earlier: &[PlannedComment],
) -> Vec<PlannedComment> {
    // Campaign sizes: 35%, 25%, 20%, 12.5% and 7.5% of the copies; the first is on the
    // busiest statement, the others on the next busiest.
    let shares = [350, 250, 200, 125, 75];
    let mut sizes: Vec<usize> = shares
        .iter()
        .map(|s| shape.campaign_copies * s / 1000)
        .collect();
    sizes[0] += shape.campaign_copies - sizes.iter().sum::<usize>();
    let targets: Vec<usize> = std::iter::once(busiest)
        .chain(ranked.iter().copied())
        .take(CAMPAIGNS.len())
        .collect();
    let mut comments = Vec::with_capacity(shape.comments);
    let mut commented = vec![false; people.len()];
    for (campaign, (&size, &target)) in sizes.iter().zip(&targets).enumerate() {
        assert!(
            size <= counts[target] && size <= people.len(),
            "campaign {campaign} does not fit its statement"
        );
        // One copy per person; each campaign reaches its own mix of people.
        let mut senders: Vec<usize> = (0..people.len()).collect();
        rng.shuffle(&mut senders);
        // A campaign arrives in a wave of four days.
        let wave = timeline::OPEN_OPENS + (3 + 6 * campaign as i64) * DAY;
        for &author in senders.iter().take(size) {
            commented[author] = true;
            let at = rng.between(wave, (wave + 4 * DAY).min(timeline::LAST_COMMENT));
            let s = &statements[target];
            let organisation = people[author]
                .organisation
                .filter(|_| campaign % 2 == 0 && rng.percent(50));
            comments.push(PlannedComment {
                statement: target,
                draft: s.draft_at(at),
                author,
                organisation,
                body: campaign_copy(rng, campaign),
                passage: None,
                suggestion: CAMPAIGNS[campaign].1.map(str::to_owned),
                knowledge: if organisation.is_some() {
                    Knowledge::Organisation
                } else {
                    Knowledge::LivedExperience
                },
                visibility: match rng.below(100) {
                    0..55 => Visibility::Named,
                    55..90 => Visibility::Anonymous,
                    _ => Visibility::PolicyTeamOnly,
                },
                at,
                campaign: Some(campaign),
                still_matters: None,
                answer: None,
            });
        }
    }
    // Everyone else's comments in their own words: first one for each person who has
    // not commented yet (so every contributor has), then more from the keenest.
    let mut own_slots: Vec<usize> = Vec::new();
    for (statement, &count) in counts.iter().enumerate() {
        let copies: usize = targets
            .iter()
            .zip(&sizes)
            .filter(|(t, _)| **t == statement)
            .map(|(_, size)| size)
            .sum();
        own_slots.extend(std::iter::repeat_n(statement, count - copies));
    }
    rng.shuffle(&mut own_slots);
    let mut first_timers: Vec<usize> = (0..people.len()).filter(|p| !commented[*p]).collect();
    rng.shuffle(&mut first_timers);
    let earlier_by: HashMap<(usize, usize), usize> = earlier
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.author, c.statement), i))
        .collect();
    for (i, &statement) in own_slots.iter().enumerate() {
        let author = first_timers
            .get(i)
            .copied()
            .unwrap_or_else(|| rng.skewed(people.len(), 1.5));
        let at = rng.between(timeline::OPEN_OPENS, timeline::LAST_COMMENT);
        let mut comment = own_comment(rng, statements, statement, author, people, at);
        comment.still_matters = earlier_by
            .get(&(author, statement))
            .copied()
            .filter(|_| rng.percent(30));
        comment.answer = plan_answer(rng, shape, &statements[statement], &comment);
        comments.push(comment);
    }
    comments.sort_by_key(|c| c.at);
    comments
}

/// Some of a round's own comments are answered already, a day or more after they came.
fn plan_answer(
    rng: &mut Rng,
    shape: &Shape,
    statement: &PlannedStatement,
    comment: &PlannedComment,
) -> Option<PlannedAnswer> {
    if !rng.percent(shape.answered_percent) {
        return None;
    }
    let at = comment.at + DAY + rng.between(0, 5 * DAY);
    if at >= -60 {
        return None;
    }
    let later = statement.draft_at(at);
    let redrafted_since = later > comment.draft;
    let outcome = match (
        redrafted_since,
        comment.suggestion.is_some(),
        rng.below(100),
    ) {
        (true, true, 0..60) => Outcome::Incorporated,
        (true, true, _) | (true, false, 0..20) => Outcome::Partly,
        (_, _, n) if n % 2 == 0 => Outcome::Noted,
        _ => Outcome::NotIncorporated,
    };
    let acted_in = matches!(outcome, Outcome::Incorporated | Outcome::Partly).then_some(later);
    Some(PlannedAnswer {
        outcome,
        reason: reason(rng, outcome),
        at,
        acted_in,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn on(plan: &Plan, statement: usize) -> usize {
        plan.open
            .iter()
            .filter(|c| c.statement == statement)
            .count()
    }

    #[test]
    fn the_national_round_has_the_shape_of_issue_11() {
        let plan = Plan::new(&Shape::national());
        assert_eq!(plan.statements.len(), 150);
        let themes: HashSet<usize> = plan.statements.iter().map(|s| s.theme).collect();
        assert_eq!(themes.len(), 5);
        assert_eq!(plan.people.len(), 2_000);
        let authors: HashSet<usize> = plan.open.iter().map(|c| c.author).collect();
        assert_eq!(authors.len(), 2_000, "every contributor commented");
        let representatives: Vec<&Person> = plan
            .people
            .iter()
            .filter(|p| p.organisation.is_some())
            .collect();
        assert_eq!(representatives.len(), 300);
        let organisations: HashSet<usize> = representatives
            .iter()
            .filter_map(|p| p.organisation)
            .collect();
        assert_eq!(organisations.len(), 40, "every organisation has a member");
        assert_eq!(plan.open.len(), 10_000);
        assert_eq!(on(&plan, plan.busiest), 1_500);
        assert_eq!(plan.statements[plan.busiest].reference(), "CI-1");
        for s in 0..plan.statements.len() {
            assert!(on(&plan, s) >= 1, "{s} has a comment");
            if s != plan.busiest {
                assert!(on(&plan, s) < 1_500);
            }
        }
        let copies = plan.open.iter().filter(|c| c.campaign.is_some()).count();
        assert_eq!(copies, 2_000);
        let campaigns: HashSet<usize> = plan.open.iter().filter_map(|c| c.campaign).collect();
        assert_eq!(campaigns.len(), 5);
        assert_eq!(plan.busy.len(), 5);
        assert_eq!(plan.busy[0], plan.busiest);
        for &s in &plan.busy {
            assert_eq!(plan.statements[s].drafts.len(), 30);
        }
        assert_eq!(plan.earlier.len(), 2_000);
        assert!(plan.earlier.iter().all(|c| c.answer.is_some()));
        let answered = plan.open.iter().filter(|c| c.answer.is_some()).count();
        assert!(answered > 1_000 && answered < 5_000, "{answered}");
    }

    #[test]
    fn campaign_copies_are_near_identical_but_not_all_the_same() {
        let plan = Plan::new(&Shape::national());
        for (campaign, (original, _)) in CAMPAIGNS.iter().enumerate() {
            let copies: Vec<&str> = plan
                .open
                .iter()
                .filter(|c| c.campaign == Some(campaign))
                .map(|c| c.body.as_str())
                .collect();
            let distinct: HashSet<&str> = copies.iter().copied().collect();
            assert!(distinct.len() > copies.len() / 2, "campaign {campaign}");
            let exact = copies.iter().filter(|c| **c == *original).count();
            assert!(exact > 0, "some send it unchanged");
            // Every copy still opens like the campaign text.
            let opening: String = original.split(' ').take(3).collect::<Vec<_>>().join(" ");
            assert!(copies.iter().all(|c| c.starts_with(&opening)));
        }
    }

    #[test]
    fn every_comment_is_on_a_draft_that_existed_and_quotes_its_words() {
        let plan = Plan::new(&Shape::national());
        for c in plan.earlier.iter().chain(&plan.open) {
            let drafts = &plan.statements[c.statement].drafts;
            assert!(drafts[c.draft].at <= c.at);
            if let Some(next) = drafts.get(c.draft + 1) {
                assert!(next.at > c.at, "made on the newest draft of its time");
            }
            if let Some(p) = &c.passage {
                let quoted: String = drafts[c.draft]
                    .text
                    .chars()
                    .skip(p.start)
                    .take(p.end - p.start)
                    .collect();
                assert_eq!(quoted, p.quote);
            }
            if let Some(answer) = &c.answer {
                assert!(answer.at > c.at);
                if let Some(acted) = answer.acted_in {
                    assert!(acted > c.draft);
                    assert!(drafts[acted].at <= answer.at);
                }
            }
            if let Some(o) = c.organisation {
                assert_eq!(plan.people[c.author].organisation, Some(o));
            }
        }
    }

    #[test]
    fn the_same_shape_always_gives_the_same_data() {
        let shape = Shape::scaled(50);
        assert_eq!(Plan::new(&shape), Plan::new(&shape));
    }

    #[test]
    fn a_small_scale_keeps_the_shape() {
        let plan = Plan::new(&Shape::scaled(50));
        assert_eq!(plan.statements.len(), 10);
        assert_eq!(plan.open.len(), 200);
        assert_eq!(on(&plan, plan.busiest), 30);
        assert_eq!(
            plan.open.iter().filter(|c| c.campaign.is_some()).count(),
            40
        );
        let authors: HashSet<usize> = plan.open.iter().map(|c| c.author).collect();
        assert_eq!(authors.len(), 40);
        for s in 0..plan.statements.len() {
            if s != plan.busiest {
                assert!(on(&plan, s) < 30);
            }
        }
        let document = Plan::new(&Shape::document());
        assert_eq!(document.statements.len(), 40);
        assert_eq!(document.open.len(), 300);
        assert!(document.open.iter().all(|c| c.campaign.is_none()));
    }

    #[test]
    fn a_crowd_is_one_comment_from_each_person_and_all_want_email() {
        for n in [50, 2_000] {
            let crowd = Plan::new(&Shape::crowd(n));
            let authors: HashSet<usize> = crowd.open.iter().map(|c| c.author).collect();
            assert_eq!(
                (crowd.open.len(), authors.len()),
                (n, n),
                "one comment each"
            );
            assert!(crowd.open.iter().all(|c| c.campaign.is_none()));
            assert!(crowd.people.iter().all(|p| !p.email_opt_out));
        }
    }
}
