/**
 * Money is an integer number of minor units of one currency (cents, pence, yen). It is a JS
 * number that must stay a safe integer; every operation checks. Arithmetic that multiplies by a
 * decimal (a percentage, hours, a proration ratio) goes through BigInt and rounds once, half away
 * from zero. Decimal strings are the only way in or out: binary floats never enter.
 */
import { minorDigits } from './currency';

export type Minor = number;

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

function assertSafe(n: number | bigint, what: string): number {
  const v = typeof n === 'bigint' ? Number(n) : n;
  if (!Number.isSafeInteger(v) || (typeof n === 'bigint' && BigInt(v) !== n)) {
    throw new MoneyError(`${what} is out of range for exact money arithmetic`);
  }
  return v;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * "1234.50" in USD → 123450. Refuses more fraction digits than the currency has, exponents,
 * numbers (not strings) and anything else that is not a plain decimal.
 */
export function parseMoney(value: unknown, currency: string): Minor {
  if (typeof value !== 'string') {
    throw new MoneyError(`must be a decimal string such as "12.50", not ${value === null ? 'null' : typeof value}`);
  }
  const m = DECIMAL.exec(value);
  if (!m) throw new MoneyError(`"${value.slice(0, 40)}" is not a decimal amount`);
  const digits = minorDigits(currency);
  const frac = m[3] ?? '';
  if (frac.length > digits) {
    throw new MoneyError(`"${value}" has ${frac.length} decimal places; ${currency} has ${digits}`);
  }
  const whole = BigInt(m[2]! + frac.padEnd(digits, '0'));
  return assertSafe(m[1] === '-' ? -whole : whole, `"${value}"`);
}

/** 123450 in USD → "1234.50"; -5 → "-0.05"; 1500 JPY → "1500". */
export function formatMoney(minor: Minor, currency: string): string {
  assertSafe(minor, 'amount');
  const digits = minorDigits(currency);
  const neg = minor < 0;
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  const out = digits === 0 ? s : `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  return neg ? `-${out}` : out;
}

/** An exact decimal as a rational: numerator / 10^scale. */
export interface Decimal {
  num: bigint;
  scale: number;
}

/** Parses "12.5", "-0.25", "100" exactly. */
export function parseDecimal(value: unknown, maxScale = 12): Decimal {
  if (typeof value !== 'string') throw new MoneyError(`must be a decimal string such as "12.5", not ${typeof value}`);
  const m = DECIMAL.exec(value);
  if (!m) throw new MoneyError(`"${value.slice(0, 40)}" is not a decimal number`);
  const frac = m[3] ?? '';
  if (frac.length > maxScale) throw new MoneyError(`"${value}" has more than ${maxScale} decimal places`);
  const n = BigInt(m[2]! + frac);
  return { num: m[1] === '-' ? -n : n, scale: frac.length };
}

/** Integer division of a by b (b > 0), rounding half away from zero. */
export function divRound(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new MoneyError('division by a non-positive number');
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const q = abs / b;
  const r = abs % b;
  const rounded = r * 2n >= b ? q + 1n : q;
  return neg ? -rounded : rounded;
}

/** amount × numerator / denominator, rounded half away from zero, once. */
export function mulDiv(amount: Minor, numerator: bigint, denominator: bigint): Minor {
  if (denominator < 0n) return mulDiv(amount, -numerator, -denominator);
  // Fast path, still exact: every operand and the product are safe integers, so Number
  // arithmetic on them is exact (a float amount is not a safe integer and takes the BigInt path,
  // which refuses it).
  if (Number.isSafeInteger(amount) && denominator > 0n && denominator <= MAX_SAFE && numerator >= -MAX_SAFE && numerator <= MAX_SAFE) {
    const p = amount * Number(numerator);
    if (Number.isSafeInteger(p)) return roundDiv(p, Number(denominator));
  }
  return assertSafe(divRound(BigInt(amount) * numerator, denominator), 'result');
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** p / d (safe integers, d > 0) rounded half away from zero, in exact integer steps. */
function roundDiv(p: number, d: number): number {
  if (p === 0) return 0; // also −0
  const neg = p < 0;
  const a = neg ? -p : p;
  let q = Math.floor(a / d);
  let r = a - q * d;
  // the float quotient can be one off near an integer: correct it with the exact remainder
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  const rounded = r >= d - r ? q + 1 : q;
  return neg && rounded !== 0 ? -rounded : rounded;
}

/** amount × pct / 100 (pct a decimal string such as "12.5"), rounded half away from zero. */
export function applyPercent(amount: Minor, pct: string | Decimal): Minor {
  const d = typeof pct === 'string' ? parseDecimal(pct) : pct;
  return mulDiv(amount, d.num, 100n * 10n ** BigInt(d.scale));
}

/** quantity × unit price (quantity a decimal string such as "7.5"), rounded half away from zero. */
export function multiply(amount: Minor, factor: string | Decimal): Minor {
  const d = typeof factor === 'string' ? parseDecimal(factor) : factor;
  return mulDiv(amount, d.num, 10n ** BigInt(d.scale));
}

/**
 * Splits `total` into parts proportional to `weights` (non-negative exact decimals or integers)
 * by the largest-remainder method: the parts always add up to `total` exactly. Ties go to the
 * earlier weight, so the split is deterministic.
 */
export function splitLargestRemainder(total: Minor, weights: Array<bigint | Decimal | string>): Minor[] {
  assertSafe(total, 'total');
  if (weights.length === 0) throw new MoneyError('nothing to split between');
  const ds = weights.map((w) => (typeof w === 'bigint' ? { num: w, scale: 0 } : typeof w === 'string' ? parseDecimal(w) : w));
  const scale = Math.max(...ds.map((d) => d.scale));
  const ws = ds.map((d) => d.num * 10n ** BigInt(scale - d.scale));
  if (ws.some((w) => w < 0n)) throw new MoneyError('split weights must not be negative');
  const sum = ws.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new MoneyError('split weights add up to zero');
  const neg = total < 0;
  const t = BigInt(Math.abs(total));
  const floors = ws.map((w) => (t * w) / sum);
  const rems = ws.map((w, i) => ({ i, r: (t * w) % sum }));
  let left = t - floors.reduce((a, b) => a + b, 0n);
  rems.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of rems) {
    if (left === 0n) break;
    floors[i]! += 1n;
    left -= 1n;
  }
  return floors.map((f) => assertSafe(neg ? -f : f, 'part'));
}

export function sum(values: Iterable<Minor>): Minor {
  let s = 0;
  for (const v of values) s = assertSafe(s + v, 'sum');
  return s;
}

/** a + b for exact decimals (scale = the larger of the two). */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { num: a.num * 10n ** BigInt(scale - a.scale) + b.num * 10n ** BigInt(scale - b.scale), scale };
}

/** An exact decimal as a plain string without trailing fraction zeros: 12.50 → "12.5", 3.00 → "3". */
export function formatDecimal(d: Decimal): string {
  const neg = d.num < 0n;
  const digits = (neg ? -d.num : d.num).toString().padStart(d.scale + 1, '0');
  let text = d.scale ? `${digits.slice(0, digits.length - d.scale)}.${digits.slice(digits.length - d.scale)}` : digits;
  if (d.scale) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return neg && text !== '0' ? `-${text}` : text;
}

/** Compares two exact decimals: −1, 0 or 1. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.num * 10n ** BigInt(scale - a.scale);
  const y = b.num * 10n ** BigInt(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}
