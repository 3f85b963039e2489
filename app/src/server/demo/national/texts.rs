//! The words the national data set is made of: themes, I statements, people's names,
//! organisations, what people say, and the five campaign texts. Plain lists, combined
//! by the plan into thousands of different comments.

/// The five themes: (code, title, description, what people's comments are about).
pub const THEMES: [(&str, &str, &str, &str); 5] = [
    (
        "HL",
        "Home and living",
        "Where and how I live, and who I live with.",
        "my home",
    ),
    (
        "PS",
        "Personalised support",
        "Support that fits my life, planned with me.",
        "my support plan",
    ),
    (
        "CI",
        "Community inclusion",
        "Taking part in the life of my community.",
        "seeing my friends",
    ),
    (
        "WF",
        "Wellbeing and fulfilment",
        "A good life: meaning, purpose and feeling well.",
        "my health",
    ),
    (
        "SR",
        "Safety and rights",
        "Being safe, being listened to, and my rights respected.",
        "feeling safe",
    ),
];

/// Eight I statements per theme (without their final full stop); with the qualifiers
/// below they make up to 32 statements a theme.
pub const STATEMENTS: [[&str; 8]; 5] = [
    [
        "I live in a place I call home, with people I choose to live with",
        "I decide how my home looks and what happens in it",
        "I can stay in my home and my community as my needs change",
        "I get the equipment and adaptations I need without a long wait",
        "I choose who comes into my home and when",
        "I have a safe, warm and accessible place to live",
        "I can move home without losing my support",
        "I have a say in who supports me at home",
    ],
    [
        "I have support that is planned with me, around what matters to me",
        "I know who to contact about my support, and they get back to me",
        "I can change my support when my life changes, without starting again",
        "I only have to tell my story once",
        "I choose how my support is paid for and managed",
        "I get information about my support in a way I understand",
        "I have the same workers, who know me well",
        "I can get advocacy when I need someone on my side",
    ],
    [
        "I'm able to spend time with people important to me",
        "I can get out and about when I want to, with support if I need it",
        "I can take part in my community in ways that matter to me",
        "I can travel on public transport with confidence",
        "I can keep in touch with my family and friends",
        "I'm welcome in local shops, cafes and places of worship",
        "I can volunteer, learn or work if I want to",
        "I'm supported to have relationships and a family life",
    ],
    [
        "I have things to do that give my life meaning and purpose",
        "I'm supported to look after my physical and mental health in the way I choose",
        "I get help early, before things reach a crisis",
        "I can rest, sleep and eat well",
        "I can follow my faith and my culture",
        "I have time outdoors and in nature",
        "I can enjoy hobbies and the things I love",
        "I feel hopeful about my future",
    ],
    [
        "I feel safe, and I can take the risks I choose",
        "I am listened to when I raise a concern",
        "I know my rights and how to use them",
        "I'm treated with dignity and respect",
        "I can complain without fear of losing my support",
        "I decide who sees information about me",
        "I'm never restrained or secluded to make things easier for staff",
        "I have a say in decisions about my care, even when my capacity is questioned",
    ],
];

/// What turns one of the eight into another statement of its theme.
pub const QUALIFIERS: [&str; 4] = [
    "",
    ", when I need it",
    ", in the way I choose",
    ", with people who know me",
];

/// What later drafts of a busy statement add, one step at a time.
pub const DRAFT_ENDINGS: [&str; 12] = [
    ", when and where I choose",
    ", including friends, neighbours and pets",
    ", with support if I need it",
    ", without having to ask twice",
    ", and my support fits around them",
    ", in places I can get to",
    ", as often as I want",
    ", at any time of day",
    ", and staff help me get there",
    ", online and in person",
    ", without paying extra",
    ", as part of my everyday life",
];

/// Why a draft was made, as an editor notes it.
pub const DRAFT_NOTES: [&str; 6] = [
    "Reworded after the comments from lived experience groups.",
    "Took in the wording several people suggested.",
    "Made it shorter and plainer, after the easy read group's review.",
    "Added what organisations asked for.",
    "Put back a phrase people missed from the last draft.",
    "Checked with the co-production panel.",
];

pub const FIRST_NAMES: [&str; 40] = [
    "Aisha", "Ben", "Chloe", "Dev", "Eilidh", "Farah", "George", "Hannah", "Imran", "Jade", "Kofi",
    "Leah", "Mohammed", "Niamh", "Owen", "Priya", "Qasim", "Rosa", "Sam", "Tariq", "Una", "Vikram",
    "Wendy", "Xin", "Yusuf", "Zara", "Alan", "Bronwen", "Callum", "Dorothy", "Emeka", "Fiona",
    "Gareth", "Hui", "Isla", "Jamal", "Kerry", "Lewis", "Maria", "Nadia",
];

pub const SURNAMES: [&str; 40] = [
    "Ahmed",
    "Brown",
    "Campbell",
    "Davies",
    "Evans",
    "Fraser",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "MacDonald",
    "Nowak",
    "O'Brien",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Taylor",
    "Usman",
    "Varga",
    "Williams",
    "Xu",
    "Young",
    "Zielinski",
    "Adeyemi",
    "Baker",
    "Clarke",
    "Doherty",
    "Edwards",
    "Fisher",
    "Gill",
    "Hussain",
    "Irvine",
    "Jackson",
    "Kaur",
    "Lee",
    "Murray",
    "Nolan",
];

pub const PLACES: [&str; 8] = [
    "Leeds", "Dundee", "Cardiff", "Bristol", "Norwich", "Belfast", "Hull", "Derby",
];

pub const ORGANISATION_KINDS: [&str; 5] = [
    "People First",
    "Carers Voice",
    "Disability Rights",
    "Speaking Up",
    "Deaf Action",
];

/// How a comment drawing on each kind of knowledge starts.
pub const LIVED_OPENINGS: [&str; 10] = [
    "In my life,",
    "For me,",
    "As someone who gets support at home,",
    "As a carer for my son,",
    "Since I moved into supported living,",
    "Since my stroke,",
    "As a wheelchair user,",
    "Living on my own,",
    "As an autistic person,",
    "Caring for my mum,",
];

pub const PRACTICE_OPENINGS: [&str; 6] = [
    "As a support worker,",
    "In my work as a social worker,",
    "As a care home manager,",
    "From twenty years as a personal assistant,",
    "As an occupational therapist,",
    "In our team,",
];

pub const RESEARCH_OPENINGS: [&str; 5] = [
    "Studies of adult social care show that",
    "Our evaluation of 40 services found that",
    "The evidence on self-directed support says",
    "Research with disabled people's organisations shows",
    "National survey data suggest",
];

pub const ORGANISATION_OPENINGS: [&str; 5] = [
    "Our members agreed that",
    "At our last meeting, our members said",
    "Speaking for our organisation,",
    "After consulting our 300 members,",
    "Our board asked us to say that",
];

/// The middle of a comment; `{topic}` is what the theme is about.
pub const MIDDLES: [&str; 12] = [
    "{topic} only goes well when staff have time to listen.",
    "nobody asked me what I wanted about {topic}.",
    "{topic} changed for the worse when my support was cut.",
    "I waited {weeks} weeks before anyone helped with {topic}.",
    "the statement does not say who is responsible for {topic}.",
    "{topic} matters more to me than anything else in this framework.",
    "the words are right, but they must be kept in practice, not only on paper.",
    "people with high support needs are often left out when {topic} is planned.",
    "{topic} depends on where you live, and that is not fair.",
    "the statement is vague about {topic}: what would count as meeting it?",
    "good support for {topic} costs less than a crisis later.",
    "staff turnover means {topic} is started again every few months.",
];

pub const ENDINGS: [&str; 8] = [
    "Please make the statement say so.",
    "The words should be stronger.",
    "This statement is right and must not be watered down.",
    "It needs a time limit.",
    "Say what happens when it is not met.",
    "",
    "Thank you for asking us.",
    "Please keep this in the next version.",
];

/// How an editor answers, by outcome.
pub const REASONS_INCORPORATED: [&str; 3] = [
    "We took your wording into the new draft.",
    "You were right: the new draft says this plainly.",
    "Several people asked for this, and the new draft includes it.",
];

pub const REASONS_PARTLY: [&str; 3] = [
    "We took part of this into the new draft; the rest goes into the guidance.",
    "The new draft goes some of the way; we will come back to the rest.",
    "We changed the wording, but not as far as you asked, to keep it short.",
];

pub const REASONS_NOT_INCORPORATED: [&str; 3] = [
    "We kept the wording: the framework sets the outcome, and the guidance will say how.",
    "Other people asked for the opposite, so we kept the statement as it is.",
    "This is covered by another statement in the same theme.",
];

pub const REASONS_NOTED: [&str; 3] = [
    "Thank you. Your example will go into the guidance for care providers.",
    "Thank you for telling us. We have shared this with the commissioning team.",
    "Thank you: this supports the statement as it stands.",
];

/// The five campaigns: (text, suggested wording every copy carries, if any). Campaign 0
/// is about the busiest statement ("I'm able to spend time with people important to me").
pub const CAMPAIGNS: [(&str, Option<&str>); 5] = [
    (
        "Friends are family too. The people important to me are not only my relatives. My \
         friends, my neighbours and the people I meet at my day centre keep me going. The \
         standard must say that support covers time with friends, and that staff will help me \
         get there. Please change the wording.",
        Some(
            "I'm able to spend time with the people important to me, including friends, \
             neighbours and pets, with support to get there.",
        ),
    ),
    (
        "I want a named person I can call about my support, who answers within two working \
         days. Too many of us leave messages that nobody returns. Without a time limit this \
         statement will not change anything. Put a time limit in the standard.",
        None,
    ),
    (
        "Nobody should have to move into a care home because the support to stay at home was \
         not there. Home adaptations and reablement must come first. I am asking you to make \
         this a right, not a hope.",
        Some(
            "I can stay in my own home and my community as my needs change, with adaptations \
             and support put in place first.",
        ),
    ),
    (
        "Everyone who finds it hard to speak up should have an independent advocate, free of \
         charge, from the first assessment. Advocacy should not depend on where you live or on \
         a waiting list. Please add this to the standards.",
        None,
    ),
    (
        "Good care depends on care workers who stay. Pay them properly, train them well and let \
         them spend time with us, not rush between fifteen-minute visits. The standards should \
         say that continuity of staff is part of good support.",
        None,
    ),
];

/// Sentences some people add to a campaign text in their own words.
pub const CAMPAIGN_ADDITIONS: [&str; 8] = [
    "My daughter has not seen her best friend for a year.",
    "I left four messages last month and nobody called back.",
    "My dad had to move after one fall, and he hated it.",
    "I had to wait eight months for an advocate.",
    "We had eleven different carers in one week.",
    "This happened to my brother too.",
    "I am sending this on behalf of my whole household.",
    "Please read this: it matters to so many of us.",
];
