/**
 * Word lists for demo data: people and company names in several scripts (Latin with diacritics,
 * Greek, Cyrillic), with the country and currency that go with them.
 */
export interface Locale {
  country: string;
  currency: string;
  city: string[];
  first: string[];
  last: string[];
}

export const LOCALES: Locale[] = [
  { country: 'US', currency: 'USD', city: ['New York', 'Chicago', 'Austin', 'Nashville'], first: ['Emily', 'James', 'Maya', 'Noah', 'Grace'], last: ['Carter', 'Nguyen', 'Okafor', 'Reyes', 'Walsh'] },
  { country: 'GB', currency: 'GBP', city: ['London', 'Manchester', 'Glasgow', 'Bristol'], first: ['Olivia', 'Harry', 'Siobhán', 'Rhys', 'Ffion'], last: ['Smith', 'O’Brien', 'Llewellyn', 'Patel', 'MacLeòid'] },
  { country: 'FR', currency: 'EUR', city: ['Paris', 'Lyon', 'Marseille', 'Bordeaux'], first: ['Zoë', 'Hélène', 'François', 'Anaïs', 'Jérôme'], last: ['Lefèvre', 'Dubois', 'Gauthier', 'Bézier', 'Château'] },
  { country: 'DE', currency: 'EUR', city: ['Berlin', 'München', 'Köln', 'Düsseldorf'], first: ['Jürgen', 'Björn', 'Ünal', 'Käthe', 'Lukas'], last: ['Müller', 'Schröder', 'Weiß', 'Groß', 'Bäcker'] },
  { country: 'GR', currency: 'EUR', city: ['Αθήνα', 'Θεσσαλονίκη', 'Πάτρα', 'Ηράκλειο'], first: ['Δημήτρης', 'Ελένη', 'Σοφία', 'Νίκος', 'Αθηνά'], last: ['Παπαδόπουλος', 'Οικονόμου', 'Γεωργίου', 'Κωνσταντίνου', 'Βλάχος'] },
  { country: 'BG', currency: 'EUR', city: ['София', 'Пловдив', 'Варна', 'Бургас'], first: ['Анна', 'Иван', 'Мария', 'Георги', 'Елена'], last: ['Иванова', 'Петров', 'Димитрова', 'Стоянов', 'Николова'] },
  { country: 'SE', currency: 'SEK', city: ['Stockholm', 'Göteborg', 'Malmö', 'Uppsala'], first: ['Åsa', 'Linnéa', 'Örjan', 'Björk', 'Sven'], last: ['Ångström', 'Lindqvist', 'Öberg', 'Håkansson', 'Nyström'] },
  { country: 'JP', currency: 'JPY', city: ['Tokyo', 'Osaka', 'Sapporo', 'Fukuoka'], first: ['Yūki', 'Haruto', 'Sakura', 'Ren', 'Aoi'], last: ['Satō', 'Takahashi', 'Itō', 'Kōno', 'Yamamoto'] },
  { country: 'ES', currency: 'EUR', city: ['Madrid', 'Sevilla', 'Barcelona', 'Bilbao'], first: ['José', 'María', 'Iñaki', 'Begoña', 'Álvaro'], last: ['Núñez', 'García', 'Muñoz', 'Ibáñez', 'Peña'] },
  { country: 'CH', currency: 'CHF', city: ['Zürich', 'Genève', 'Basel', 'Lausanne'], first: ['Léa', 'Matthias', 'Noémie', 'Urs', 'Chloé'], last: ['Brunner', 'Favre', 'Zürcher', 'Rossé', 'Meier'] },
];

export const BAND_WORDS = ['Quartet', 'Ensemble', 'Trio', 'Collective', 'Orchestra', 'Band', 'Project', 'Duo'];
export const COMPANY_WORDS = ['Promotions', 'Live', 'Events', 'Concerts', 'Productions', 'Festivals', 'Arena', 'Hall'];
export const COMPANY_FORMS: Record<string, string> = { US: 'LLC', GB: 'Ltd', FR: 'SARL', DE: 'GmbH', GR: 'Α.Ε.', BG: 'ЕООД', SE: 'AB', JP: 'K.K.', ES: 'S.L.', CH: 'AG' };
export const VENUES = ['Odeon', 'Palais', 'Hall', 'Arena', 'Theatre', 'Club', 'Amphitheatre', 'Opera House'];
export const TOURS = ['Spring Tour', 'Summer Festival Run', 'Autumn Residency', 'Winter Gala', 'Anniversary Shows', 'Club Nights'];
export const JOB_CODES = ['ENG', 'DES', 'PM', 'QA', 'OPS'];
export const ROLES = ['artist', 'co-writer', 'producer', 'manager'];
