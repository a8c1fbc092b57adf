//! The English words the drafting rules recognise: titles that stand before
//! a name, words that make a capitalised run an organisation or a place,
//! speech verbs, nationalities and the countries they name. The lists are
//! written for this project, from the usage of wire copy (AP and Reuters
//! style: "Sen.", "Gov.", "Co."); no outside data set is copied.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A set of the words in `list`, separated by white space.
fn words(list: &'static str) -> HashSet<&'static str> {
    list.split_whitespace().collect()
}

/// Capitalised words of a title: "Labor Minister", "Secretary of State",
/// "Crown Prince". Compared in lower case.
static TITLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    words(
        "\
        president vice prime minister secretary mayor deputy councillor councilor councilman
        councilwoman councilmember alderman governor gov. sen. senator rep. representative
        congressman congresswoman speaker leader chancellor king queen prince princess crown
        sheikh emir sultan pope cardinal bishop archbishop rabbi imam pastor judge justice chief
        officer commissioner inspector detective det. sgt. sergeant lt. lieutenant col. colonel
        gen. general maj. major capt. captain adm. admiral cmdr. commander ambassador envoy
        adviser advisor director chairman chairwoman chairperson chair ceo cfo coo executive
        treasurer attorney solicitor prosecutor sheriff superintendent constable assistant
        special national security labor labour finance financial health interior home economy
        economic energy trade education transport transportation environment agriculture
        commerce treasury homeland defense defence foreign state supreme spokesperson spokesman
        spokeswoman founder co-founder manager managing head senior principal provost dean
        professor prof. coach striker midfielder goalkeeper premier marshal magistrate clerk
        auditor comptroller controller registrar trustee overseer member mp mep
        inspector-general attorney-general secretary-general director-general editor publisher
        correspondent reporter duke duchess lord lady baroness baron dame sir acting interim
        former delegate ministry affairs policy intelligence culture housing planning public
        works water infrastructure budget development immigration communications digital
        technology science sports tourism veterans war navy army air force police fire city
        county district regional council house majority minority opposition party parliamentary
        union operating information investment operations risk strategy medical harbour harbor
        port hospital school schools university vice-president vice-chancellor emeritus middle
        east
        ",
    )
});

/// Titles that only say how to address someone: not a role on their own.
static HONORIFICS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    words(
        "\
        mr. mrs. ms. mx. dr. mr mrs ms dr sir dame rev. madam monsieur madame herr frau m. mme
        mme.
        ",
    )
});

/// Honorifics that tell whether "he" or "she" can refer to someone.
pub fn honorific_gender(word: &str) -> Option<Gender> {
    match word.to_lowercase().as_str() {
        "mr." | "mr" | "sir" | "monsieur" | "herr" | "m." | "king" | "prince" | "lord" | "duke"
        | "baron" | "sheikh" | "congressman" | "councilman" | "spokesman" | "chairman" => {
            Some(Gender::Male)
        }
        "mrs." | "mrs" | "ms." | "ms" | "dame" | "madam" | "madame" | "mme" | "mme." | "frau"
        | "queen" | "princess" | "lady" | "duchess" | "baroness" | "congresswoman"
        | "councilwoman" | "spokeswoman" | "chairwoman" => Some(Gender::Female),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// Nouns that name a role, in lower case, whether the article writes them
/// before a name ("economist Priyanka Rao") or in an apposition after it
/// ("Priyanka Rao, an economist at …").
static ROLE_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    words(
        "\
        president minister secretary mayor councillor councilor councilman councilwoman governor
        senator representative congressman congresswoman lawmaker legislator speaker leader
        chancellor king queen prince princess judge justice chief officer official commissioner
        inspector detective sergeant lieutenant colonel general captain commander ambassador
        envoy diplomat adviser advisor director chairman chairwoman chair chairperson ceo
        executive treasurer attorney lawyer solicitor barrister prosecutor sheriff
        superintendent spokesperson spokesman spokeswoman founder co-founder owner manager head
        professor lecturer researcher scientist economist analyst strategist consultant expert
        historian journalist reporter correspondent editor columnist writer author activist
        campaigner organizer organiser resident residents homeowner tenant landlord teacher
        nurse doctor physician surgeon engineer architect planner developer investor banker
        trader farmer fisherman worker employee driver pilot student parent mother father coach
        player striker candidate nominee member partner predecessor successor counterpart deputy
        aide assistant negotiator mediator clerk auditor accountant pastor priest bishop rabbi
        imam volunteer survivor witness victim shopkeeper retailer entrepreneur chef firefighter
        paramedic ranger trustee delegate steward secretary-general director-general
        attorney-general premier principal dean provost curator librarian magistrate regulator
        vice-president president-elect mayor-elect cfo coo cto commentator pollster demographer
        epidemiologist meteorologist seismologist geologist biologist physicist chemist
        statistician manufacturer supplier contractor builder operator proprietor publisher
        producer musician artist actor actress singer athlete ombudsman inspector-general mp
        whip minister-president boss broker fund grandfather grandmother son daughter brother
        sister wife husband widow widower uncle aunt cousin nephew niece grandson granddaughter
        brother-in-law sister-in-law son-in-law daughter-in-law father-in-law mother-in-law
        fiancé fiancée friend neighbour neighbor colleague counsel defender forward goalkeeper
        winger footballer cyclist runner swimmer boxer novelist poet playwright filmmaker
        substitute referee umpire linesman keeper manager coach trainer physio scout agent owner seller vendor stallholder trader courier
        ",
    )
});

/// Lower-case words that may stand in a role before its noun:
/// "special Mideast envoy", "national security adviser".
static ROLE_MODIFIERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    words(
        "\
        special national security foreign affairs policy deputy former senior chief vice top
        acting interim longtime long-time veteran local regional state federal city county
        district general executive managing assistant associate lead principal defense defence
        finance economic political military police union party company opposition campaign
        communications press health education transport housing planning environment
        environmental labour labor trade energy climate public independent junior staff legal
        technical research budget retired outgoing incoming then prime crown foreign-policy
        council harbour harbor port shipping dock school hospital fire emergency water flood
        coastal marine business investment financial market industry retail construction
        property real estate tech technology software data science medical clinical social youth
        community council's city's town's union's party's company's firm's port's county's
        state's country's government's government intelligence justice interior civil rights
        human communist conservative liberal socialist green democratic republican labour's
        ruling main first second head new joint sole co majority minority floor house senate
        assembly parliamentary elected appointed de facto freelance strike picket shop team club
        league board advisory operations risk strategy sales marketing products product
        engineering design network logistics supply chain freight cargo transit rail bus airport
        aviation ports current pay wage tenants tenant animal peace anti-war pro-democracy
        opposition's hospital's school's club's team's district's region's province's ministry's
        agency's bank's fund's group's board's committee's commission's court's criminal family
        ",
    )
});

/// Words that make a capitalised run an organisation, a place or a thing
/// rather than a person: "Harlan Shipping Co.", "the Meridian Institute",
/// "Diriyah Palace", "Arab League".
static NON_PERSON_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    words(
        "\
        co. co corp. corp corporation inc. inc ltd. ltd llc plc gmbh ag sa company companies
        group holdings partners capital bank fund trust institute university college school
        academy council committee commission board authority agency department ministry office
        bureau service services court parliament congress senate assembly house party union
        league association federation foundation society club team press post times news journal
        herald tribune gazette media tv radio network palace tower center centre hall hospital
        clinic church cathedral mosque temple station airport port harbour harbor stadium arena
        museum library bridge street st avenue ave. road rd. lane boulevard blvd. square park
        plaza mall market river lake sea ocean bay gulf island islands mountain mountains valley
        county district region province state states city town village republic kingdom empire
        emirates organization organisation nations forces army navy police guard shipping
        airlines airways motors energy oil gas power electric technologies systems industries
        pharmaceuticals labs laboratories studios records foods brands stores hotel resort
        restaurant cafe bar farm farms works mills mill yard yards dock docks terminal wharf
        pier quay heights hills falls springs creek grove beach coast point cape forest woods
        garden gardens estate estates act bill law treaty accord agreement plan program
        programme project initiative index exchange week day year month war summit conference
        forum festival cup championship games olympics prize award awards report review daily
        weekly magazine online channel platform app prison jail base camp zone strip corridor
        canal tunnel highway freeway motorway route line railway railroad metro transit embassy
        consulate mission cabinet government administration white kremlin pentagon capitol fc
        united wanderers rovers athletic alliance coalition front movement chamber guild
        cooperative co-op syndicate consortium venture ventures solutions logistics freight
        cargo marine maritime construction builders development developments properties realty
        insurance securities investments advisors advisers consulting associates llp pty
        township borough municipality prefecture oblast canton democrats republicans
        conservatives liberals socialists tories greens nationalists unionists communists
        workers employers teachers nurses doctors farmers citizens friends residents taxpayers
        parents veterans retailers manufacturers engineers drivers miners dockworkers supply
        supplies libraries branch democratic social
        bulletin courier echo observer guardian chronicle telegraph mail express mirror standard independent sun star record inquirer examiner dispatch sentinel biologics
        ",
    )
});

/// First words of place names: "New York", "Port Avel", "San Diego".
static PLACE_STARTS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    words(
        "\
        new north south east west northern southern eastern western central upper lower greater
        saint st. fort ft. mount mt. lake port san santa são los las el la le costa puerto rio
        cape united middle far near gulf royal old great little grand palm glen key red black
        white dead baltic pacific atlantic indian arctic hong sri buenos tel abu kuala
        ",
    )
});

/// Words a sentence starts with that are not names.
static FUNCTION_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    words(
        "\
        the a an in on at but and or so after before meanwhile like however still yet then there
        here this that these those it its he she they we i you his her their our my your when
        while if as for with from by to of no not one two three four five six seven eight nine
        ten some many most all both each every other another such since until although though
        because despite during without under over among between also even only just what who why
        how where which last next first second third few several more less once now today
        yesterday tomorrow tonight earlier later instead asked according speaking writing
        addressing responding citing about around against along amid across behind beyond inside
        outside through throughout toward towards upon within whether nor either neither any
        much very too already again ever never always often sometimes perhaps maybe yes oh well
        thanks thank please dear hello hi is are was were will would could should can may might
        must do does did has have had be being been let let's don't it's we're that's there's
        here's what's i'm i've we've they're you're everyone everybody nobody none someone
        somebody anyone nothing something everything overall together finally separately
        elsewhere officials critics residents police authorities analysts experts
        ",
    )
});

/// Days of the week and months: capitalised, never people.
static CALENDAR: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    words(
        "\
        monday tuesday wednesday thursday friday saturday sunday january february march april
        may june july august september october november december jan. feb. mar. apr. jun. jul.
        aug. sep. sept. oct. nov. dec. jan feb aug sept oct nov dec christmas easter ramadan eid
        thanksgiving halloween
        ",
    )
});

/// Short lower-case words inside names: "Mohammed bin Salman", "Ursula von
/// der Leyen", "Luiz Inácio Lula da Silva".
static NAME_PARTICLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    words(
        "\
        bin ibn bint al al- el de da das do dos du del della di van von der den ter la le y zu
        ben abu
        ",
    )
});

/// Words that follow a surname and are part of the name.
static NAME_SUFFIXES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    words(
        "\
        jr. jr sr. sr ii iii iv
        ",
    )
});

/// Verbs that introduce or close a quotation.
static SPEECH_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    words(
        "\
        said says say told tells added adds wrote writes asked asks explained explains noted
        notes warned warns argued argues insisted insists stressed stresses declared declares
        continued continues recalled recalls replied replies answered answers posted tweeted
        acknowledged acknowledges admitted admits conceded concedes claimed claims countered
        counters cautioned cautions predicted predicts promised promises vowed vows urged urges
        announced announces agreed agrees suggested suggests called calls described describes
        echoed remarked observed observes concluded concludes complained complains joked jokes
        pledged pledges demanded demands maintained maintains contended contends responded
        responds testified confirmed confirms denied denies estimated estimates believes
        believed thinks thought wondered wonders stated states shouted whispered exclaimed mused
        quipped laughed sighed lamented laments boasted boasts assured assures reiterated
        reiterates emphasized emphasised emphasizes emphasises pointed recounted recounts
        reflected reflects texted emailed messaged blogged telling saying adding writing calling
        describing warning arguing insisting noting urging explaining asking
        ",
    )
});

/// Words that say the quotation is the speaker's own: "according to".
pub fn is_according(word: &str) -> bool {
    word.eq_ignore_ascii_case("according")
}

static PREPOSITIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    words(
        "\
        as with to by from of for about against between and than under over on at in into onto
        toward towards like unlike including besides behind beside after before without among
        amid via per alongside whom nor or but tell told telling met meet meets called calling
        asked urged thanked criticized criticised praised blamed accused joined replace replaced
        replacing succeed succeeded named appointed fired sacked elected defeated beat backed
        supported opposed echoed mentioned cited quoted interviewed invited
        ",
    )
});

/// Nationality adjectives (and short forms written as adjectives) and the
/// country or bloc they name, for a person's `group`.
static NATIONALITIES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    [
        ("u.s.", "United States"),
        ("us", "United States"),
        ("american", "United States"),
        ("russian", "Russia"),
        ("ukrainian", "Ukraine"),
        ("french", "France"),
        ("german", "Germany"),
        ("british", "United Kingdom"),
        ("u.k.", "United Kingdom"),
        ("uk", "United Kingdom"),
        ("english", "England"),
        ("scottish", "Scotland"),
        ("welsh", "Wales"),
        ("irish", "Ireland"),
        ("saudi", "Saudi Arabia"),
        ("chinese", "China"),
        ("japanese", "Japan"),
        ("korean", "Korea"),
        ("indian", "India"),
        ("pakistani", "Pakistan"),
        ("israeli", "Israel"),
        ("palestinian", "Palestine"),
        ("iranian", "Iran"),
        ("iraqi", "Iraq"),
        ("syrian", "Syria"),
        ("lebanese", "Lebanon"),
        ("turkish", "Turkey"),
        ("egyptian", "Egypt"),
        ("qatari", "Qatar"),
        ("emirati", "United Arab Emirates"),
        ("jordanian", "Jordan"),
        ("canadian", "Canada"),
        ("mexican", "Mexico"),
        ("brazilian", "Brazil"),
        ("argentine", "Argentina"),
        ("argentinian", "Argentina"),
        ("chilean", "Chile"),
        ("colombian", "Colombia"),
        ("venezuelan", "Venezuela"),
        ("cuban", "Cuba"),
        ("spanish", "Spain"),
        ("portuguese", "Portugal"),
        ("italian", "Italy"),
        ("greek", "Greece"),
        ("dutch", "Netherlands"),
        ("belgian", "Belgium"),
        ("swiss", "Switzerland"),
        ("austrian", "Austria"),
        ("polish", "Poland"),
        ("czech", "Czech Republic"),
        ("hungarian", "Hungary"),
        ("romanian", "Romania"),
        ("bulgarian", "Bulgaria"),
        ("serbian", "Serbia"),
        ("croatian", "Croatia"),
        ("swedish", "Sweden"),
        ("norwegian", "Norway"),
        ("danish", "Denmark"),
        ("finnish", "Finland"),
        ("estonian", "Estonia"),
        ("latvian", "Latvia"),
        ("lithuanian", "Lithuania"),
        ("belarusian", "Belarus"),
        ("georgian", "Georgia"),
        ("armenian", "Armenia"),
        ("australian", "Australia"),
        ("nigerian", "Nigeria"),
        ("kenyan", "Kenya"),
        ("ethiopian", "Ethiopia"),
        ("south african", "South Africa"),
        ("european", "Europe"),
        ("eu", "European Union"),
        ("nato", "NATO"),
        ("afghan", "Afghanistan"),
        ("indonesian", "Indonesia"),
        ("vietnamese", "Vietnam"),
        ("thai", "Thailand"),
        ("filipino", "Philippines"),
        ("taiwanese", "Taiwan"),
    ]
    .into_iter()
    .collect()
});

/// Parties a role may name, with the name of the party as a group.
static PARTIES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    [
        ("democratic", "Democratic Party"),
        ("democrat", "Democratic Party"),
        ("republican", "Republican Party"),
        ("gop", "Republican Party"),
        ("labour", "Labour Party"),
        ("conservative", "Conservative Party"),
        ("tory", "Conservative Party"),
        ("liberal", "Liberal Party"),
        ("green", "Green Party"),
        ("greens", "Green Party"),
        ("socialist", "Socialist Party"),
        ("communist", "Communist Party"),
    ]
    .into_iter()
    .collect()
});

fn lower(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

pub fn is_title(word: &str) -> bool {
    let word = lower(word);
    TITLES.contains(word.as_str()) || HONORIFICS.contains(word.as_str())
}

pub fn is_honorific(word: &str) -> bool {
    HONORIFICS.contains(lower(word).as_str())
}

pub fn is_role_noun(word: &str) -> bool {
    let written_small = word.chars().all(|c| c.is_lowercase() || c == '-');
    let word = lower(word);
    let known = |w: &str| {
        let one = w.strip_suffix('s').unwrap_or(w);
        ROLE_NOUNS.contains(w)
            || ROLE_NOUNS.contains(one)
            // Most nouns for what someone does end so: pediatrician,
            // epidemiologist, technician, pharmacist.
            || one.len() > 5
                && (one.ends_with("ist") || one.ends_with("ian"))
                && written_small
    };
    // "co-leader", "vice-chair", "ex-minister"
    known(&word) || word.rsplit_once('-').is_some_and(|(_, last)| known(last))
}

pub fn is_role_modifier(word: &str) -> bool {
    ROLE_MODIFIERS.contains(lower(word).as_str())
}

pub fn is_non_person_word(word: &str) -> bool {
    NON_PERSON_WORDS.contains(lower(word).as_str())
}

pub fn is_place_start(word: &str) -> bool {
    PLACE_STARTS.contains(lower(word).as_str())
}

pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(lower(word).as_str())
}

pub fn is_calendar_word(word: &str) -> bool {
    CALENDAR.contains(lower(word).as_str())
}

pub fn is_name_particle(word: &str) -> bool {
    NAME_PARTICLES.contains(lower(word).as_str())
}

/// The particles that may open a surname written without its given name
/// ("van der Berg said"); not those that are English words too ("do",
/// "la", "le", "y").
pub fn starts_surname(word: &str) -> bool {
    matches!(
        lower(word).as_str(),
        "van"
            | "von"
            | "der"
            | "den"
            | "de"
            | "di"
            | "du"
            | "da"
            | "del"
            | "della"
            | "ter"
            | "bin"
            | "ibn"
    )
}

pub fn is_name_suffix(word: &str) -> bool {
    NAME_SUFFIXES.contains(lower(word).as_str())
}

pub fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERBS.contains(lower(word).as_str())
}

pub fn is_preposition(word: &str) -> bool {
    PREPOSITIONS.contains(lower(word).as_str())
}

pub fn nationality(word: &str) -> Option<&'static str> {
    NATIONALITIES.get(lower(word).as_str()).copied()
}

pub fn party(word: &str) -> Option<&'static str> {
    PARTIES.get(lower(word).as_str()).copied()
}

/// Familiar forms of given names, so that "Mike Waltz" and "Michael
/// Waltz" are one person.
pub fn same_given_name(a: &str, b: &str) -> bool {
    const FAMILIAR: &[(&str, &[&str])] = &[
        ("michael", &["mike", "mick", "mikey"]),
        ("steven", &["steve", "stephen"]),
        ("stephen", &["steve", "steven"]),
        ("joseph", &["joe", "joey"]),
        ("robert", &["bob", "bobby", "rob", "robbie", "bert"]),
        ("william", &["bill", "billy", "will", "willie", "liam"]),
        ("james", &["jim", "jimmy", "jamie"]),
        ("thomas", &["tom", "tommy"]),
        ("daniel", &["dan", "danny"]),
        ("david", &["dave", "davey"]),
        ("christopher", &["chris", "kit"]),
        ("elizabeth", &["liz", "beth", "betty", "lizzie", "eliza"]),
        ("katherine", &["kate", "kathy", "katie", "kat"]),
        ("catherine", &["cathy", "kate", "cat"]),
        ("alexander", &["alex", "sasha", "sandy"]),
        ("alexandra", &["alex", "sasha", "sandra"]),
        ("samuel", &["sam", "sammy"]),
        ("benjamin", &["ben", "benny"]),
        ("anthony", &["tony"]),
        ("antony", &["tony"]),
        ("nicholas", &["nick", "nicky"]),
        ("matthew", &["matt"]),
        ("peter", &["pete"]),
        ("andrew", &["andy", "drew"]),
        ("edward", &["ed", "eddie", "ted", "ned"]),
        ("richard", &["rick", "dick", "rich", "richie"]),
        ("charles", &["charlie", "chuck"]),
        ("jennifer", &["jen", "jenny"]),
        ("margaret", &["maggie", "peggy", "meg"]),
        ("patricia", &["pat", "patty", "trish"]),
        ("patrick", &["pat", "paddy"]),
        ("susan", &["sue", "susie"]),
        ("deborah", &["debbie", "deb"]),
        ("rebecca", &["becky", "becca"]),
        ("jonathan", &["jon", "jonny"]),
        ("timothy", &["tim", "timmy"]),
        ("gregory", &["greg"]),
        ("kenneth", &["ken", "kenny"]),
        ("ronald", &["ron", "ronnie"]),
        ("donald", &["don", "donnie"]),
        ("lawrence", &["larry"]),
        ("gerald", &["gerry", "jerry"]),
        ("frederick", &["fred", "freddie"]),
        ("vladimir", &["vlad"]),
        ("sergey", &["sergei"]),
        ("sergei", &["sergey"]),
        ("yuri", &["yury", "iouri"]),
        ("volodymyr", &["vladimir"]),
    ];
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if a == b {
        return true;
    }
    FAMILIAR.iter().any(|(full, short)| {
        (a == *full && short.contains(&b.as_str()))
            || (b == *full && short.contains(&a.as_str()))
            || (short.contains(&a.as_str()) && short.contains(&b.as_str()))
    })
}
