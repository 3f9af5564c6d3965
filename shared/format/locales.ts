/**
 * The supported locales, defined once, as data. Every runtime (the engine and its render worker in
 * Node, the renderer in Chromium, the CLI) writes numbers and dates from this table and never from
 * its own ICU data: two ICU versions differ (en-GB "Sep" vs "Sept", grouping, minus signs), and the
 * PDF and the preview grid would drift apart. The values follow CLDR 48 (Node 22's ICU 78).
 *
 * A locale tag outside the table is written like the table's first locale of the same language
 * (de-AT → de-DE, en-AU → en-US), else like en-US (`resolveLocale`).
 */

export interface LocaleSpec {
  /** the BCP 47 tag, e.g. "en-IN" */
  tag: string;
  /** English name, for pickers */
  name: string;
  /** the thousands separator (U+00A0 no-break space, U+202F narrow no-break space, …) */
  group: string;
  decimal: string;
  /** "-" or U+2212 MINUS SIGN */
  minus: string;
  /** "western" groups by three; "indian" by three, then by two (1,23,45,678) */
  grouping: 'western' | 'indian';
  /** the integer part is grouped only from this many digits on (es-ES "1234" but "12.345") */
  minGroupingDigits: number;
  /** a calendar date in short numeric form: tokens YYYY, MM, DD */
  date: string;
  /** a calendar date with the month's short name: tokens YYYY, MMM, M, DD */
  dateMedium: string;
  /** a month of a year: tokens YYYY, MMM, M */
  monthYear: string;
  /** the twelve short month names */
  months: readonly string[];
  /** 12-hour clock markers [am, pm], or null for a 24-hour clock */
  dayPeriods: readonly [string, string] | null;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const NBSP = '\u00a0';
const NNBSP = '\u202f';
const MINUS = '\u2212';

const TABLE: readonly LocaleSpec[] = [
  { tag: 'en-US', name: 'English (United States)', group: ',', decimal: '.', minus: '-', grouping: 'western', minGroupingDigits: 4, date: 'MM/DD/YYYY', dateMedium: 'MMM DD, YYYY', monthYear: 'MMM YYYY', months: EN_MONTHS, dayPeriods: ['AM', 'PM'] },
  { tag: 'en-GB', name: 'English (United Kingdom)', group: ',', decimal: '.', minus: '-', grouping: 'western', minGroupingDigits: 4, date: 'DD/MM/YYYY', dateMedium: 'DD MMM YYYY', monthYear: 'MMM YYYY', months: EN_MONTHS, dayPeriods: null },
  { tag: 'en-IN', name: 'English (India)', group: ',', decimal: '.', minus: '-', grouping: 'indian', minGroupingDigits: 4, date: 'DD/MM/YYYY', dateMedium: 'DD MMM YYYY', monthYear: 'MMM YYYY', months: EN_MONTHS, dayPeriods: ['am', 'pm'] },
  { tag: 'de-DE', name: 'Deutsch (Deutschland)', group: '.', decimal: ',', minus: '-', grouping: 'western', minGroupingDigits: 4, date: 'DD.MM.YYYY', dateMedium: 'DD. MMM YYYY', monthYear: 'MMM YYYY', months: ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'], dayPeriods: null },
  { tag: 'de-CH', name: 'Deutsch (Schweiz)', group: "'", decimal: '.', minus: '-', grouping: 'western', minGroupingDigits: 4, date: 'DD.MM.YYYY', dateMedium: 'DD. MMM YYYY', monthYear: 'MMM YYYY', months: ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'], dayPeriods: null },
  { tag: 'fr-FR', name: 'Français (France)', group: NNBSP, decimal: ',', minus: '-', grouping: 'western', minGroupingDigits: 4, date: 'DD/MM/YYYY', dateMedium: 'DD MMM YYYY', monthYear: 'MMM YYYY', months: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'], dayPeriods: null },
  { tag: 'sv-SE', name: 'Svenska (Sverige)', group: NBSP, decimal: ',', minus: MINUS, grouping: 'western', minGroupingDigits: 4, date: 'YYYY-MM-DD', dateMedium: 'DD MMM YYYY', monthYear: 'MMM YYYY', months: ['jan.', 'feb.', 'mars', 'apr.', 'maj', 'juni', 'juli', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'], dayPeriods: null },
  { tag: 'es-ES', name: 'Español (España)', group: '.', decimal: ',', minus: '-', grouping: 'western', minGroupingDigits: 5, date: 'DD/MM/YYYY', dateMedium: 'DD MMM YYYY', monthYear: 'MMM YYYY', months: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'], dayPeriods: null },
  { tag: 'it-IT', name: 'Italiano (Italia)', group: '.', decimal: ',', minus: '-', grouping: 'western', minGroupingDigits: 5, date: 'DD/MM/YYYY', dateMedium: 'DD MMM YYYY', monthYear: 'MMM YYYY', months: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'], dayPeriods: null },
  { tag: 'nl-NL', name: 'Nederlands (Nederland)', group: '.', decimal: ',', minus: '-', grouping: 'western', minGroupingDigits: 4, date: 'DD-MM-YYYY', dateMedium: 'DD MMM YYYY', monthYear: 'MMM YYYY', months: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'], dayPeriods: null },
  { tag: 'pl-PL', name: 'Polski (Polska)', group: NBSP, decimal: ',', minus: '-', grouping: 'western', minGroupingDigits: 5, date: 'DD.MM.YYYY', dateMedium: 'DD MMM YYYY', monthYear: 'MMM YYYY', months: ['sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru'], dayPeriods: null },
  { tag: 'ja-JP', name: '日本語 (日本)', group: ',', decimal: '.', minus: '-', grouping: 'western', minGroupingDigits: 4, date: 'YYYY/MM/DD', dateMedium: 'YYYY年M月DD日', monthYear: 'YYYY年M月', months: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'], dayPeriods: null },
];

/** The supported locale tags, in the order pickers list them. */
export const SUPPORTED_LOCALES: readonly string[] = TABLE.map((l) => l.tag);

/** The locale used when a tag names no supported locale nor its language. */
export const DEFAULT_LOCALE = 'en-US';

const byTag = new Map(TABLE.map((l) => [l.tag.toLowerCase(), l]));
const resolved = new Map<string, LocaleSpec>();

/** True when `tag` is one of SUPPORTED_LOCALES (case-insensitive, "_" or "-"). */
export function isSupportedLocale(tag: string): boolean {
  return byTag.has(tag.replace(/_/g, '-').toLowerCase());
}

/** The locale a tag is written in: itself, else its language's first, else en-US. */
export function resolveLocale(tag: string | null | undefined): LocaleSpec {
  const key = tag ?? '';
  let spec = resolved.get(key);
  if (!spec) {
    const norm = key.replace(/_/g, '-').toLowerCase();
    const lang = norm.split('-')[0];
    spec = byTag.get(norm) ?? TABLE.find((l) => l.tag.toLowerCase().split('-')[0] === lang) ?? byTag.get(DEFAULT_LOCALE.toLowerCase())!;
    if (resolved.size > 256) resolved.clear();
    resolved.set(key, spec);
  }
  return spec;
}

/**
 * True for a well-formed BCP 47 language tag (syntax only, as Intl.getCanonicalLocales checks it;
 * no ICU data is consulted). A template with a malformed tag fails to render.
 */
export function isWellFormedLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
