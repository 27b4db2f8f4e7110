//! Sentence templates for the corpus generator, by kind. A `{slot}` is filled by the generator
//! (see `Writer::slot` in `generator.rs`); a filled value may hold slots of its own.
//!
//! The kinds mirror what a wire report about a war is made of: the fighting, the toll, who claims
//! what, quotes, diplomacy, background, and the everyday news around it.

pub const CONFLICT: &[&str] = &[
    "{a} {attack_verb} {place} {when}, {source} said.",
    "{attack} hit {site} in {place} {when}, killing {count} {victims}, according to {ministry}.",
    "{ministry} said {a} had {attack_verb} positions near {place} and that its forces had repelled the attack.",
    "Fighting between {a} and {b} intensified around {place} {when}, with both sides reporting gains.",
    "{a} launched an offensive on {place} {when}, pushing towards {place2} in {region}.",
    "Heavy clashes erupted {when} on the outskirts of {place} as {a} tried to break through defensive lines.",
    "In {region}, {a} shelled villages near {place}, setting homes on fire, {source} told {outlet}.",
    "{b} said it had shot down {n} drones launched by {a} over {region} {when}.",
    "The strike on {place} came hours after {a} accused {b} of attacking {site} in {place2}.",
    "Explosions were heard across {place} {when} as air defence units tried to intercept incoming missiles.",
    "{a} said it had captured the village of {village}, a claim {b} denied.",
    "Residents of {place} said artillery fire resumed before midday and that drones circled over the town until dark.",
    "Gunmen on motorcycles attacked {village}, a village near {place}, {when}, burning houses and looting livestock.",
    "Troops withdrew from {place2} after {n_word} days of fighting, {source} said.",
    "{a} {attack_verb} {site} in {region} {when}, the second such attack in a week.",
    "Satellite images published {when} showed widespread damage to {site} in {place}.",
];

pub const CASUALTY: &[&str] = &[
    "{ministry} said {count} {victims} {killed} in {place} {when}.",
    "The death toll from {attack} on {place} {when} rose to {n}, {ministry} said.",
    "According to {ngo}, {count} {victims} have been killed in {region} since the start of the year.",
    "Hospital officials in {place} said they had received {count} bodies and more than {n} wounded.",
    "{count} {victims} {killed} in the attack, which {ministry} blamed on {b}.",
    "{igo} said {count} people had been displaced from {region} in the past week alone.",
    "Among the dead were {n_word} children and a pregnant woman, {source} said.",
    "{count} {victims} {killed} {when} when {attack} struck {site} on the edge of {place}.",
    "{a} said {count} of its soldiers {killed} in the fighting, the first official toll it has given.",
];

pub const CLAIM: &[&str] = &[
    "{outlet} could not independently verify the claims.",
    "{b} denied carrying out the attack and accused {a} of staging it.",
    "{a} accused {b} of violating the ceasefire {n_word} times in the past 24 hours.",
    "{official} accused {world} of supplying weapons to {group}.",
    "Neither side's account could be independently verified.",
    "{b} has not commented on the report.",
    "The claims could not be verified, and {outlet} was unable to reach {group} for comment.",
    "{ministry} rejected the accusations as \"propaganda\" and said its forces only targeted military sites.",
    "According to {source}, the fighters entered {place} from the north {when}.",
    "{official} told {outlet} that reinforcements had been sent to {region}.",
    "{a} claimed to have killed {count} enemy fighters, a figure that could not be confirmed.",
    "{group} said in a statement that its fighters had inflicted heavy losses on government forces.",
];

pub const QUOTE: &[&str] = &[
    "\"{quote},\" {official} {said}.",
    "\"{quote},\" said {person}, a resident of {place}.",
    "{official} {said}: \"{quote}.\"",
    "\"{quote},\" {official} told reporters in {capital}.",
    "\"{quote},\" {source} told {outlet}.",
    "\"{quote},\" {official} {said}, adding that the investigation would take weeks.",
];

pub const DIPLOMACY: &[&str] = &[
    "{official} is expected to meet {world_demonym} officials in {city} next week to discuss the conflict.",
    "{igo} called on both sides to respect the truce and to protect civilians.",
    "{world} and {world2} said in a joint statement that they regretted the violations.",
    "A ceasefire brokered by {world} took effect at midnight {when} but was broken within hours, according to both sides.",
    "{official} held talks with {world_demonym} envoy {person} in {capital} {when}.",
    "{igo} will hold an emergency meeting on the situation in {region} {when}.",
    "{world} announced new sanctions against {n_word} commanders of {group}.",
    "Delegations from both sides met in {city} {when} for a second round of talks mediated by {igo}.",
    "{official} said {country} was ready to negotiate but would not give up any territory.",
    "The two sides agreed {when} to a 72-hour humanitarian truce to allow aid into {place}.",
    "{world_demonym} Foreign Minister {person} said the mediation effort had failed.",
    "{official} urged {igo} to send observers to {region}, saying the truce needed a mandate to hold.",
];

pub const BACKGROUND: &[&str] = &[
    "The conflict began in {year} and has killed tens of thousands of people.",
    "Fighting between {group} and the {demonym} army erupted in {month} {year} after a dispute over the control of {region}.",
    "{country} has been in turmoil since {year}, when the military seized power.",
    "More than {n_big} people have fled {region} since the war began, according to {igo}.",
    "{place} has changed hands several times since the start of the conflict.",
    "{group} has been fighting the government in {region} for years.",
    "The region has been under a state of emergency since {month} {year}.",
    "Aid groups have repeatedly warned that millions of people in {country} face acute hunger.",
];

pub const FILLER: &[&str] = &[
    "The central bank raised its benchmark interest rate by {bp} basis points on {weekday}, citing persistent inflation.",
    "{company} reported a {percent} rise in quarterly profit, beating analysts' expectations.",
    "Shares in {company} fell {percent} in early trading in {city}.",
    "{team} beat {team2} 2-1 on {weekday} to move to the top of the league.",
    "Heavy rain is forecast for {city} and surrounding areas through the weekend.",
    "Temperatures are expected to reach {temp} degrees Celsius in {city} on {weekday}.",
    "The government said {subject} would be the focus of next year's budget.",
    "A new metro line opened in {city} on {weekday}, cutting commuting times by about {n} minutes.",
    "The festival, which runs until {month} {dayofmonth}, is expected to draw more than {n_big} visitors.",
    "Officials in {city} said {subject} had risen for the {ordinal} month in a row.",
    "{company} said it would cut {n_big} jobs worldwide as part of a restructuring plan.",
    "The education minister announced that schools would reopen on {month} {dayofmonth}.",
    "Scientists at a university in {city} said they had developed a cheaper test for malaria.",
    "Tickets for the final sold out within {n} minutes, organisers said.",
    "The price of a barrel of crude rose to ${price} on {weekday}.",
    "{person}, a {age}-year-old shop owner in {city}, said business had been slow since the spring.",
    "Opposition lawmakers walked out of parliament during a debate on {subject}.",
    "Voters in {city} will elect a new mayor in {month}.",
    "The airline said flights between {city} and {city2} would resume next month.",
    "A spokeswoman for {company} declined to comment on the report.",
    "The museum reopened to the public after a {n}-month renovation costing {money}.",
    "Farmers said the drought had cut this year's harvest by almost a third.",
    "Traffic was disrupted for several hours after a lorry overturned on the main highway into {city}.",
    "Exports rose {percent} in the first quarter, led by electronics and cars.",
    "The report, published on {weekday}, found that {percent} of households struggle to pay their energy bills.",
    "{team} confirmed that their captain would miss the rest of the season with a knee injury.",
    "The company's chief executive, {person}, said the results showed the strategy was working.",
    "Police in {city} said {n_word} people had been arrested after a robbery at a jewellery store.",
    "The weather service issued a heat warning for much of the country.",
    "Construction of the new bridge is due to be completed by {year2}.",
    "The price of bread has doubled in {capital} since {month}, residents said.",
    "Mobile networks were restored in parts of {region} after a week-long outage.",
];

/// Verbs of saying with their trimmings, after a named speaker.
pub const SAID: &[&str] = &[
    "said",
    "said on {weekday}",
    "said in a statement",
    "told reporters",
    "told {outlet}",
    "said in a post on Telegram",
    "wrote on X",
    "said at a news conference",
];

/// How news names the state's own forces.
pub const STATE_FORCES: &[&str] = &[
    "{demonym} forces",
    "{demonym} troops",
    "the {demonym} army",
    "government forces",
    "the army",
    "{country}'s military",
    "security forces",
];

/// Officials with a title and a name, or a name and a role.
pub const OFFICIALS: &[&str] = &[
    "{demonym} {title} {person}",
    "{title} {person}",
    "{person}, {country}'s foreign minister",
    "{person}, a spokesperson for {ministry}",
    "UN envoy {person}",
    "{world_demonym} President {person}",
    "{person}, the governor of {region}",
];

pub const HEADLINES_CONFLICT: &[&str] = &[
    "{attack_h} kills {n} in {place}",
    "{n} killed as fighting rages in {region}",
    "Truce collapses within hours in {region}",
    "{country} accuses {group} of attack on {place}",
    "Aid groups warn of hunger as fighting spreads in {region}",
    "{attack_h} hits {place} as offensive widens",
];

pub const HEADLINES_DIPLOMACY: &[&str] = &[
    "Talks on {country} war resume in {city}",
    "{world} imposes sanctions over {region} fighting",
    "UN urges restraint as {country} truce falters",
];

pub const HEADLINES_GENERAL: &[&str] = &[
    "{company} profits rise as demand recovers",
    "{team} win derby to go top",
    "Heatwave grips {city}",
    "Debate on {subject} divides parliament",
    "{city} opens new metro line",
];

pub const ATTACK_HEADLINE: &[&str] = &[
    "Air strike",
    "Drone attack",
    "Shelling",
    "Missile strike",
    "Car bomb",
    "Ambush",
];

/// Clauses that lengthen a sentence about the war, as wire copy does.
pub const CONFLICT_TAILS: &[&str] = &[
    ", the latest in a series of attacks on the area",
    ", according to a statement posted on social media",
    ", as temperatures dropped below freezing",
    ", in what residents described as the worst violence in months",
    ", despite repeated calls for restraint from {igo}",
    ", about {n} kilometres from the front line",
    ", a week after {world} announced new aid for the region",
    ", and that talks would continue in the coming days",
    ", although the figures could not be independently verified",
    ", forcing hundreds of families to flee towards {place2}",
];

/// Clauses that lengthen an everyday news sentence.
pub const FILLER_TAILS: &[&str] = &[
    ", the statistics office said",
    ", the highest level since {year}",
    ", according to figures released on {weekday}",
    ", a move welcomed by business groups",
    ", although critics said the plan did not go far enough",
    ", local media reported",
];
