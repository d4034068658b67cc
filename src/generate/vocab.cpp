#include "generate/vocab.hpp"

#include <array>
#include <numeric>

#include "generate/prng.hpp"

namespace sparkify::generate {
namespace {

// Title = opening + " " + noun + ending (+ " " + Roman numeral past the
// capacity). Openings may hold spaces; nouns are one token that starts with
// an upper-case ASCII letter; endings are empty or start with a space.
constexpr auto kTitleOpenings = std::to_array<std::string_view>(
    {"Wild",          "Broken",      "Lonely",   "Golden",     "Midnight",    "Don't Stop",
     "Sweet",         "Crazy",       "Electric", "Silent",     "Dancing",     "Summer",
     "Frozen",        "Little",      "Burning",  "Hollow",     "Velvet",      "Rumba De",
     "Café",          "Señorita",    "Über",     "Déjà Vu",    "¿Dónde Está", "Naïve",
     "Rock 'n' Roll", "Ain't No",    "Howlin’",  "Kids Don’t", "Lovin'",      "Señor",
     "Blue",          "Black",       "Red",      "Secret",     "Hidden",      "Endless",
     "Falling",       "Rising",      "Shadow",   "Neon",       "Paper",       "Silver",
     "Crystal",       "Restless",    "Tender",   "Bitter",     "Holy",        "Savage",
     "Quiet",         "Heavy",       "Gentle",   "Cold",       "Lost",        "Fading",
     "Brave",         "Northern",    "Southern", "Mañana",     "Königs",      "Ça Plane",
     "Sí Señor",      "Zoë's",       "Møller's", "Sinisten",   "Fräulein",    "Niño",
     "L'amour",       "C'est La",    "Straßen",  "Jenny's",    "Loaded",      "Sunday",
     "Yesterday's",   "Tomorrow's",  "Wasted",   "Sacred",     "Painted",     "Twisted",
     "Rollin'",       "Nothin' But", "Mr.",      "Señora",     "Bésame",      "Adiós"});

constexpr auto kTitleNouns = std::to_array<std::string_view>(
    {"Rose",    "Heart",  "Night",     "Road",    "Dream",      "Fire",    "River",     "Train",
     "Song",    "Love",   "Rain",      "Sky",     "Moon",       "Sun",     "Girl",      "Boy",
     "City",    "Town",   "Waltz",     "Tango",   "Samba",      "Mambo",   "Party",     "Ride",
     "Gun",     "Kiss",   "Lies",      "Tears",   "Eyes",       "Hands",   "Shoes",     "Wings",
     "Angel",   "Devil",  "Ghost",     "Highway", "Station",    "Garden",  "Ocean",     "Mountain",
     "Valley",  "Desert", "Island",    "Bridge",  "Window",     "Mirror",  "Letter",    "Story",
     "Promise", "Memory", "Journey",   "Thunder", "Lightning",  "Echo",    "Fever",     "Cherry",
     "Whiskey", "Coffee", "Santafè",   "Corazón", "Mädchen",    "Saudade", "Jalousie",  "Niña",
     "Amor",    "Tonne",  "Barcelona", "Chichi",  "Müllabfuhr", "Réprise", "Sincerité", "Dímelo"});

constexpr auto kTitleEndings = std::to_array<std::string_view>(
    {"", " Tonight", " Again", " Forever", " Of Mine", " In The Dark", " On Fire", " (Live)",
     " (Album Version)", " (Remix)", " (Radio Edit)", " (Acoustic)", " (Back 2 Basics Mix)",
     " (DJ Volume Remix)", " (Demo)", " (Instrumental)"});

// Artist = head + tail (+ " " + Roman numeral past the capacity). Heads may
// hold spaces; tails are empty or start with a space.
constexpr auto kArtistHeads = std::to_array<std::string_view>({"Beyoncé",
                                                               "Mötley Crüe",
                                                               "Des'ree",
                                                               "Björk",
                                                               "Sinéad O'Connor",
                                                               "Røyksopp",
                                                               "Chase & Status",
                                                               "Los Manolos",
                                                               "Gloriana",
                                                               "Steel Rain",
                                                               "Bombay Rockers",
                                                               "Jinx",
                                                               "Mitch Ryder",
                                                               "Tamba Trio",
                                                               "Mr Oizo",
                                                               "Michael Bublé",
                                                               "José González",
                                                               "Alceu Valença",
                                                               "Manà",
                                                               "Ill Niño",
                                                               "Tiësto",
                                                               "Rokia Traoré",
                                                               "Michèle Arnaud",
                                                               "Maria Bethânia",
                                                               "Múm",
                                                               "Los Látigos",
                                                               "Motörhead",
                                                               "Hüsker Dü",
                                                               "Blue Öyster Cult",
                                                               "Sigur Rós",
                                                               "Café Tacuba",
                                                               "Amadou & Mariam",
                                                               "Guns N' Roses",
                                                               "Smokin' Joe",
                                                               "D'Angelo",
                                                               "Ol' Dirty Bastard",
                                                               "Lil' Kim",
                                                               "The B-52's",
                                                               "Florence",
                                                               "Kings Of Leon",
                                                               "Coldplay",
                                                               "Dwight Yoakam",
                                                               "Black Eyed Peas",
                                                               "Muse",
                                                               "Placebo",
                                                               "Daft Punk",
                                                               "Radiohead",
                                                               "Metallica",
                                                               "Nirvana",
                                                               "Eminem",
                                                               "Shakira",
                                                               "Rihanna",
                                                               "Adele",
                                                               "Usher",
                                                               "Pink",
                                                               "Kanye West",
                                                               "Jack Johnson",
                                                               "John Mayer",
                                                               "Linkin Park",
                                                               "Train",
                                                               "Harmonia",
                                                               "Marisa Monte",
                                                               "Jorge Ben",
                                                               "Caetano Veloso",
                                                               "Gilberto Gil",
                                                               "Oasis",
                                                               "Blur",
                                                               "Pulp",
                                                               "Suede",
                                                               "Elbow",
                                                               "Keane",
                                                               "Snow Patrol",
                                                               "Travis",
                                                               "Kasabian",
                                                               "Editors",
                                                               "Interpol",
                                                               "Phoenix",
                                                               "Air",
                                                               "Justice",
                                                               "Cassius",
                                                               "Émilie Simon",
                                                               "Zazie",
                                                               "Noir Désir",
                                                               "Kaizers Orkester",
                                                               "Åsa Jinder",
                                                               "Ane Brun",
                                                               "Lykke Li",
                                                               "Robyn",
                                                               "Señor Coconut",
                                                               "Ñu"});

constexpr auto kArtistTails = std::to_array<std::string_view>({"",
                                                               " Band",
                                                               " Trio",
                                                               " Quartet",
                                                               " Orchestra",
                                                               " Collective",
                                                               " Brothers",
                                                               " Sisters",
                                                               " Project",
                                                               " Experience",
                                                               " & The Wolves",
                                                               " & Friends",
                                                               " y Su Conjunto",
                                                               " Sound System",
                                                               " Ensemble",
                                                               " All Stars",
                                                               " Revival",
                                                               " Tribute",
                                                               " Unplugged",
                                                               " Choir",
                                                               " Allstars",
                                                               " Combo",
                                                               " Family",
                                                               " Gang",
                                                               " Posse",
                                                               " Crew",
                                                               " Duo",
                                                               " Singers",
                                                               " Players",
                                                               " Express",
                                                               " Machine",
                                                               " Society",
                                                               " Club",
                                                               " Syndicate",
                                                               " Connection",
                                                               " Explosion",
                                                               " Affair",
                                                               " Y Los Vándalos",
                                                               " & Ça Va",
                                                               " feat. Zoë"});

constexpr std::uint64_t kTagTitle = 0x7469746c65ULL;
constexpr std::uint64_t kTagArtist = 0x617274697374ULL;

template <std::size_t A, std::size_t B, std::size_t C>
std::string compose(const AffinePermutation& permute, std::uint64_t index,
                    const std::array<std::string_view, A>& first, std::string_view separator,
                    const std::array<std::string_view, B>& second,
                    const std::array<std::string_view, C>& third) {
  constexpr std::uint64_t capacity = A * B * C;
  const std::uint64_t round = index / capacity;
  std::uint64_t k = permute(index % capacity);
  std::string out;
  out.reserve(48);
  out += first[k % A];
  k /= A;
  out += separator;
  out += second[k % B];
  k /= B;
  out += third[k % C];
  if (round > 0) {
    out += ' ';
    out += roman(round + 1);
  }
  return out;
}

constexpr auto kNothing = std::to_array<std::string_view>({""});

constexpr auto kPlaces = std::to_array<Place>({
    {"Nashville, TN.", 3616778, -8677836},
    {"California - SF", 3777916, -12242005},
    {"California - LA", 3405364, -11824549},
    {"Denmark", 5627609, 951695},
    {"Zagreb Croatia", 4580726, 1596760},
    {"London, England", 5150632, -12714},
    {"Orlando, FL", 2853823, -8137739},
    {"Utah", 3949974, -11154732},
    {"Pennsylvania", 4099471, -7760454},
    {"New York, NY", 4071455, -7400712},
    {"Chicago, IL", 4188531, -8765106},
    {"Houston, TX", 2976045, -9536978},
    {"Memphis, TN", 3514949, -9004925},
    {"Toronto, Ontario, Canada", 4365000, -7938000},
    {"Seattle, Washington USA", 4760356, -12232944},
    {"Reykjavík, Iceland", 6414208, -2194026},
    {"Paris, France", 4885693, 235173},
    {"São Paulo, Brazil", -2354797, -4663575},
    {"Salvador, Bahia, Brazil", -1297470, -3850000},
    {"Bergen, Norway", 6039299, 532415},
    {"Stockholm, Sweden", 5933258, 1806490},
    {"Berlin, Germany", 5251607, 1337698},
    {"Düsseldorf, Germany", 5122172, 677616},
    {"Montréal, Québec, Canada", 4550884, -7358781},
    {"México D.F., México", 1943261, -9913320},
    {"Bamako, Mali", 1265000, -800000},
    {"Dubai UAE", 2527000, 5530000},
    {"Melbourne, Australia", -3781361, 14496316},
    {"Tokyo, Japan", 3568950, 13969171},
    {"Athens, GA", 3395727, -8337633},
    {"Beverly Hills, CA", 3407362, -11840036},
    {"Fort Worth, TX", 3274901, -9733040},
});

constexpr auto kPlacesWithoutCoordinates = std::to_array<std::string_view>({
    "Gainesville, FL",
    "Hamtramck, MI",
    "Queens, NY",
    "New York, NY [Spanish Harlem]",
    "Noci (BA)",
    "Brandon",
    "Washington",
    "Georgia",
    "Hamilton, Ohio",
    "Köln",
    "<a href=\"http://www.myspace.com/thebandpage\" target=\"_blank\" rel=\"nofollow\">"
    "http://www.myspace.com/thebandpage</a>",
    "<a href=\"http://billyidol.net\" onmousedown='UntrustedLink.bootstrap($(this), "
    "\"fc44f8f60d13ab68c0e5b3ef7c0c6e2a\", event)' target=\"_blank\" rel=\"nofollow\">"
    "http://billyidol.net</a>",
});

constexpr auto kFirstNames = std::to_array<FirstName>({
    {"Walter", "M"},    {"Kaylee", "F"},   {"Jacob", "M"},    {"Lily", "F"},   {"Aiden", "M"},
    {"Ava", "F"},       {"Noah", "M"},     {"Avery", "F"},    {"Austin", "M"}, {"Chloe", "F"},
    {"Tegan", "F"},     {"Mohammad", "M"}, {"Rylan", "M"},    {"Jayden", "M"}, {"Kate", "F"},
    {"Sara", "F"},      {"Matthew", "M"},  {"Layla", "F"},    {"Cienna", "F"}, {"Jordan", "F"},
    {"Emily", "F"},     {"Liam", "M"},     {"Ethan", "M"},    {"Olivia", "F"}, {"Mason", "M"},
    {"Sophia", "F"},    {"Lucas", "M"},    {"Isabella", "F"}, {"Logan", "M"},  {"Mia", "F"},
    {"Elijah", "M"},    {"Harper", "F"},   {"James", "M"},    {"Evelyn", "F"}, {"Benjamin", "M"},
    {"Abigail", "F"},   {"Oliver", "M"},   {"Ella", "F"},     {"Henry", "M"},  {"Scarlett", "F"},
    {"Sebastian", "M"}, {"Grace", "F"},    {"Jack", "M"},     {"Aleena", "F"}, {"Adler", "M"},
    {"Anabelle", "F"},  {"Amiya", "F"},    {"Alivia", "F"},
});

constexpr auto kLastNames = std::to_array<std::string_view>(
    {"Frye",     "Summers", "Jordan",    "Barrera", "Hess",    "Ramirez",  "Kirby",      "Terrell",
     "Davidson", "Simpson", "Butler",    "Banks",   "Rosales", "Robinson", "Martinez",   "Watkins",
     "Levine",   "Cox",     "Rodriguez", "Koch",    "Smith",   "Johnson",  "Williams",   "Brown",
     "Jones",    "Garcia",  "Miller",    "Davis",   "Lopez",   "Wilson",   "Anderson",   "Thomas",
     "Taylor",   "Moore",   "Jackson",   "O'Brien", "O'Neal",  "D'Amico",  "McAllister", "Nguyen"});

constexpr auto kUserLocations = std::to_array<std::string_view>({
    "San Francisco-Oakland-Hayward, CA",
    "Phoenix-Mesa-Scottsdale, AZ",
    "Chicago-Naperville-Elgin, IL-IN-WI",
    "New York-Newark-Jersey City, NY-NJ-PA",
    "La Crosse-Onalaska, WI-MN",
    "Waterloo-Cedar Falls, IA",
    "Parkersburg-Vienna, WV",
    "Longview, TX",
    "Philadelphia-Camden-Wilmington, PA-NJ-DE-MD",
    "Pensacola-Ferry Pass-Brent, FL",
    "Salt Lake City, UT",
    "Atlanta-Sandy Springs-Roswell, GA",
    "San Jose-Sunnyvale-Santa Clara, CA",
    "Lansing-East Lansing, MI",
    "Houston-The Woodlands-Sugar Land, TX",
    "Los Angeles-Long Beach-Anaheim, CA",
    "Seattle-Tacoma-Bellevue, WA",
    "Portland-South Portland, ME",
    "Dallas-Fort Worth-Arlington, TX",
    "Miami-Fort Lauderdale-West Palm Beach, FL",
    "Boston-Cambridge-Newton, MA-NH",
    "Detroit-Warren-Dearborn, MI",
    "Denver-Aurora-Lakewood, CO",
    "Tampa-St. Petersburg-Clearwater, FL",
    "Birmingham-Hoover, AL",
    "Columbia, SC",
    "Red Bluff, CA",
    "Janesville-Beloit, WI",
    "Augusta-Richmond County, GA-SC",
    "Winston-Salem, NC",
});

constexpr auto kUserAgents = std::to_array<std::string_view>({
    "\"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/36.0.1985.143 Safari/537.36\"",
    "\"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.78.2 (KHTML, like Gecko) "
    "Version/7.0.6 Safari/537.78.2\"",
    "Mozilla/5.0 (Windows NT 5.1; rv:31.0) Gecko/20100101 Firefox/31.0",
    "\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu "
    "Chromium/36.0.1985.125 Chrome/36.0.1985.125 Safari/537.36\"",
    "\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/37.0.2062.94 Safari/537.36\"",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.9; rv:31.0) Gecko/20100101 Firefox/31.0",
    "\"Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/36.0.1985.125 Safari/537.36\"",
    "\"Mozilla/5.0 (Windows NT 6.3; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/36.0.1985.143 Safari/537.36\"",
    "\"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.77.4 (KHTML, like Gecko) "
    "Version/7.0.5 Safari/537.77.4\"",
    "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:31.0) Gecko/20100101 Firefox/31.0",
    "\"Mozilla/5.0 (Windows NT 5.1) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/36.0.1985.143 Safari/537.36\"",
    "\"Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_2 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like "
    "Gecko) Version/7.0 Mobile/11D257 Safari/9537.53\"",
    "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko",
    "Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; WOW64; Trident/6.0)",
});

}  // namespace

std::string roman(std::uint64_t n) {
  static constexpr std::array<std::uint64_t, 13> kValues = {1000, 900, 500, 400, 100, 90, 50,
                                                            40,   10,  9,   5,   4,   1};
  static constexpr auto kSymbols = std::to_array<std::string_view>(
      {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"});
  std::string out;
  for (std::size_t i = 0; i < kValues.size(); ++i) {
    while (n >= kValues[i]) {
      out += kSymbols[i];
      n -= kValues[i];
    }
  }
  return out;
}

AffinePermutation::AffinePermutation(std::uint64_t seed, std::uint64_t tag, std::uint64_t size)
    : size_(size) {
  const std::uint64_t key = stream_key(seed, tag);
  mult_ = (mix64(key) % size_) | 1U;
  while (std::gcd(mult_, size_) != 1) {
    mult_ = (mult_ + 2) % size_;
  }
  add_ = mix64(key + 1) % size_;
}

std::uint64_t Namer::title_capacity() {
  return kTitleOpenings.size() * kTitleNouns.size() * kTitleEndings.size();
}
std::uint64_t Namer::artist_capacity() {
  return kArtistHeads.size() * kArtistTails.size();
}

Namer::Namer(std::uint64_t seed)
    : titles_(seed, kTagTitle, title_capacity()), artists_(seed, kTagArtist, artist_capacity()) {}

std::string Namer::song_title(std::uint64_t index) const {
  return compose(titles_, index, kTitleOpenings, " ", kTitleNouns, kTitleEndings);
}

std::string Namer::artist_name(std::uint64_t index) const {
  return compose(artists_, index, kArtistHeads, "", kArtistTails, kNothing);
}

std::span<const Place> artist_places() {
  return kPlaces;
}
std::span<const std::string_view> artist_places_without_coordinates() {
  return kPlacesWithoutCoordinates;
}
std::span<const FirstName> first_names() {
  return kFirstNames;
}
std::span<const std::string_view> last_names() {
  return kLastNames;
}
std::span<const std::string_view> user_locations() {
  return kUserLocations;
}
std::span<const std::string_view> user_agents() {
  return kUserAgents;
}

}  // namespace sparkify::generate
