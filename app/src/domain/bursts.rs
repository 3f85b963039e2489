//! Bursts: someone who wrote many comments within one hour. Editors are shown each
//! person's busiest hour when it holds more than a threshold, so a flood of comments
//! from one account is seen and can be looked at before anyone answers them one by one.

/// One person's busiest stretch: `count` comments written from `from` to `to` (the
/// first and last of them, Unix seconds), all within one window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Burst {
    pub person: i64,
    pub count: usize,
    pub from: i64,
    pub to: i64,
}

/// For `times` (person, written at), find each person whose busiest `window` (any
/// stretch of that many seconds, not only clock hours, so a burst across 3 o'clock is
/// seen whole) holds more than `above` comments. Busiest first, then by person.
pub fn busiest(times: &[(i64, i64)], above: usize, window: i64) -> Vec<Burst> {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    let mut bursts = Vec::new();
    for person in sorted.chunk_by(|a, b| a.0 == b.0) {
        let at: Vec<i64> = person.iter().map(|(_, t)| *t).collect();
        // Two pointers: for each last comment `end`, the earliest `start` within the window.
        let mut start = 0;
        let mut best: Option<(usize, usize)> = None;
        for end in 0..at.len() {
            while at[end] - at[start] >= window {
                start += 1;
            }
            if best.is_none_or(|(s, e)| end - start > e - s) {
                best = Some((start, end));
            }
        }
        if let Some((s, e)) = best
            && e - s + 1 > above
        {
            bursts.push(Burst {
                person: person[0].0,
                count: e - s + 1,
                from: at[s],
                to: at[e],
            });
        }
    }
    bursts.sort_by(|a, b| b.count.cmp(&a.count).then(a.person.cmp(&b.person)));
    bursts
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3600;

    #[test]
    fn someone_over_the_threshold_in_one_hour_is_a_burst_and_someone_steady_is_not() {
        // Person 1: 4 comments in 20 minutes. Person 2: 4 comments, one every 40 minutes.
        let times = [
            (1, 1000),
            (1, 1300),
            (1, 1600),
            (1, 2200),
            (2, 0),
            (2, 2400),
            (2, 4800),
            (2, 7200),
        ];
        assert_eq!(
            busiest(&times, 3, HOUR),
            vec![Burst {
                person: 1,
                count: 4,
                from: 1000,
                to: 2200
            }]
        );
        assert!(
            busiest(&times, 4, HOUR).is_empty(),
            "more than, not as many as"
        );
    }

    #[test]
    fn a_burst_across_the_turn_of_an_hour_is_seen_whole() {
        // Six comments from 2:50 to 3:10: no clock hour holds more than three.
        let at = |minutes: i64| 2 * HOUR + minutes * 60;
        let times: Vec<(i64, i64)> = [50, 53, 56, 62, 66, 70]
            .iter()
            .map(|m| (7, at(*m)))
            .collect();
        let found = busiest(&times, 5, HOUR);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].count, found[0].from, found[0].to),
            (6, at(50), at(70))
        );
    }

    #[test]
    fn comments_an_hour_apart_are_in_different_hours() {
        let times = [(3, 0), (3, HOUR), (3, 2 * HOUR)];
        assert_eq!(busiest(&times, 1, HOUR), vec![]);
        assert_eq!(busiest(&times, 0, HOUR)[0].count, 1);
    }

    #[test]
    fn the_busiest_people_come_first_whatever_order_the_times_arrive_in() {
        let times = [(9, 30), (5, 10), (9, 10), (5, 20), (9, 20)];
        let found: Vec<(i64, usize)> = busiest(&times, 1, HOUR)
            .iter()
            .map(|b| (b.person, b.count))
            .collect();
        assert_eq!(found, vec![(9, 3), (5, 2)]);
    }
}
