/**
 * ISO 4217 currencies and their minor units. Codes come from the runtime's ICU list
 * (Intl.supportedValuesOf), minor digits from ISO 4217 (ICU differs for a few, so they are listed).
 */
const ZERO = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
]);
const THREE = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
const FOUR = new Set(['CLF', 'UYW']);
/** Codes that are not currencies for invoicing (precious metals, testing, SDR, fund codes). */
const NOT_MONEY = new Set(['XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX']);

let known: Set<string> | null = null;
function knownCodes(): Set<string> {
  if (!known) {
    const list =
      typeof Intl.supportedValuesOf === 'function'
        ? Intl.supportedValuesOf('currency')
        : ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'KWD', 'BHD'];
    known = new Set(list.filter((c) => !NOT_MONEY.has(c)));
  }
  return known;
}

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && knownCodes().has(code);
}

/** The number of minor digits of an ISO 4217 currency (2 for most, 0 for JPY, 3 for KWD). */
export function minorDigits(code: string): number {
  if (ZERO.has(code)) return 0;
  if (THREE.has(code)) return 3;
  if (FOUR.has(code)) return 4;
  return 2;
}
