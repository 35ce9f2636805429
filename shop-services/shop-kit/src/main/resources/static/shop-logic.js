// Pure helpers of the storefront: no DOM, no network, no storage. app.js uses them; the Node tests in
// src/test/js check them.

/** Most of one product an order may ask for (the orders API refuses more). */
export const MAX_QUANTITY = 100;
/** Most distinct products in one order (the orders API refuses more). */
export const MAX_LINES = 50;

const priceFormats = new Map();

/** Formats integer cents as euros, e.g. 1234 → "€12.34". */
export function formatPrice(cents, locale = 'en-IE') {
  const value = Number(cents);
  if (!Number.isFinite(value)) {
    return '—';
  }
  let format = priceFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
    priceFormats.set(locale, format);
  }
  return format.format(value / 100);
}

/** Formats an ISO-8601 instant for people; the input unchanged when it is not a date. */
export function formatDateTime(iso, locale = undefined) {
  const date = new Date(iso);
  if (iso == null || Number.isNaN(date.getTime())) {
    return iso == null ? '' : String(iso);
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A short description of how many are left. */
export function stockLabel(stock) {
  const n = Number(stock);
  if (!Number.isFinite(n) || n <= 0) {
    return 'Out of stock';
  }
  if (n <= 5) {
    return `Only ${n} left`;
  }
  return `${n} in stock`;
}

/** Number of pages for a total; at least 1 so that "page 1 of 1" reads well for an empty result. */
export function pageCount(total, size) {
  const t = Math.max(0, Number(total) || 0);
  const s = Math.max(1, Number(size) || 1);
  return Math.max(1, Math.ceil(t / s));
}

/**
 * The message to show for a failed API call: an RFC 9457 problem's detail, else its title, else the HTTP status.
 */
export function problemMessage(problem, status, statusText = '') {
  if (problem && typeof problem === 'object') {
    if (typeof problem.detail === 'string' && problem.detail.trim()) {
      return problem.detail.trim();
    }
    if (typeof problem.title === 'string' && problem.title.trim()) {
      return problem.title.trim();
    }
  }
  if (status) {
    return `The server answered HTTP ${status}${statusText ? ' ' + statusText : ''}.`;
  }
  return 'The request failed.';
}

/**
 * A random (version 4) UUID. crypto.randomUUID exists only in secure contexts (HTTPS or localhost); a demo served
 * over plain HTTP from another host falls back to crypto.getRandomValues, which exists everywhere.
 */
export function newUuid(cryptoApi = globalThis.crypto) {
  if (cryptoApi && typeof cryptoApi.randomUUID === 'function') {
    return cryptoApi.randomUUID();
  }
  const bytes = new Uint8Array(16);
  cryptoApi.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---- Cart: a list of {productId, name, priceCents, quantity}; every function returns a new list. ----

function clampQuantity(quantity, max = MAX_QUANTITY) {
  const n = Math.floor(Number(quantity));
  if (!Number.isFinite(n)) {
    return 0;
  }
  return Math.max(0, Math.min(n, max, MAX_QUANTITY));
}

/**
 * Adds quantity of a product. The line's quantity is capped at the known stock (when given) and at MAX_QUANTITY.
 * Returns {items, added}: added is how many were really added (0 when nothing fits).
 */
export function cartAdd(items, product, quantity = 1, stock = undefined) {
  const id = Number(product.id ?? product.productId);
  const max = stock === undefined || stock === null ? MAX_QUANTITY : Math.max(0, Number(stock));
  const existing = items.find((line) => line.productId === id);
  const current = existing ? existing.quantity : 0;
  const wanted = clampQuantity(current + Math.max(0, Math.floor(Number(quantity)) || 0), max);
  const added = Math.max(0, wanted - current);
  if (added === 0) {
    return { items, added: 0 };
  }
  if (!existing && items.length >= MAX_LINES) {
    return { items, added: 0 };
  }
  if (existing) {
    return {
      items: items.map((line) => (line.productId === id ? { ...line, quantity: wanted } : line)),
      added,
    };
  }
  const line = { productId: id, name: String(product.name ?? ''), priceCents: Number(product.priceCents) || 0, quantity: wanted };
  return { items: [...items, line], added };
}

/** Sets a line's quantity; 0 or less removes it. */
export function cartSetQuantity(items, productId, quantity) {
  const id = Number(productId);
  const n = clampQuantity(quantity);
  if (n <= 0) {
    return items.filter((line) => line.productId !== id);
  }
  return items.map((line) => (line.productId === id ? { ...line, quantity: n } : line));
}

export function cartRemove(items, productId) {
  return cartSetQuantity(items, productId, 0);
}

export function cartCount(items) {
  return items.reduce((sum, line) => sum + line.quantity, 0);
}

/** The total at the prices shown when the products were added; the order's own total is authoritative. */
export function cartTotalCents(items) {
  return items.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
}

/** The body of POST /api/orders. */
export function orderRequest(items) {
  return { items: items.map((line) => ({ productId: line.productId, quantity: line.quantity })) };
}

/** What the order asks for, independent of line order and display data: "3x1,7x2". */
export function cartFingerprint(items) {
  return items
    .filter((line) => line.quantity > 0)
    .map((line) => [Number(line.productId), Number(line.quantity)])
    .sort((a, b) => a[0] - b[0])
    .map(([id, quantity]) => `${id}x${quantity}`)
    .join(',');
}

// ---- Idempotency keys for checkout. ----
//
// State is null or {key, fingerprint}. One key per checkout attempt of one cart: sending the same cart again
// after an uncertain outcome (network error, timeout, 5xx, "still being placed") reuses the key, so the server
// resumes the first attempt instead of charging twice. A successful order or a changed cart gets a fresh key.

/** The key to send for this cart, and the state to keep until the outcome is known. */
export function checkoutKey(state, items, makeKey = newUuid) {
  const fingerprint = cartFingerprint(items);
  if (state && state.key && state.fingerprint === fingerprint) {
    return { key: state.key, state };
  }
  const next = { key: makeKey(), fingerprint };
  return { key: next.key, state: next };
}

/**
 * The state after an attempt. outcome is {ok: true}, {networkError: true} (no answer, or a timeout), or {status}.
 * The key is dropped only when it can no longer be useful: the order was placed, or the server refused the key
 * itself (422: it was used for a different order, or the order can never be placed as asked; nothing was done
 * under it). Every other failure keeps it: after 401 the shopper logs in again and retries the same cart; after
 * 400 or an out-of-stock 409 the server did nothing, so reusing the key is harmless.
 */
export function afterCheckout(state, outcome) {
  if (!state) {
    return null;
  }
  if (outcome.ok) {
    return null;
  }
  if (!outcome.networkError && outcome.status === 422) {
    return null;
  }
  return state;
}

/** True when the order may or may not have been placed, and sending the same cart again is the way to find out. */
export function outcomeUncertain(outcome) {
  if (outcome.ok) {
    return false;
  }
  if (outcome.networkError) {
    return true;
  }
  // A 409 explains itself (out of stock, or "still being placed: retry with the same key"): its detail is shown.
  return outcome.status >= 500 || outcome.status === 408 || outcome.status === 429;
}

/** Drops a checkout state whose cart no longer matches (the shopper edited the cart). */
export function reconcileCheckoutKey(state, items) {
  if (state && state.fingerprint !== cartFingerprint(items)) {
    return null;
  }
  return state;
}

// ---- Session. ----

/** When a token of expiresIn seconds, received at now (ms), should be treated as expired: a little early. */
export function tokenExpiresAt(expiresIn, now = Date.now()) {
  const seconds = Number(expiresIn);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    return null;
  }
  return now + Math.max(0, seconds - 10) * 1000;
}

export function sessionExpired(session, now = Date.now()) {
  return !session || !session.token || (session.expiresAt != null && now >= session.expiresAt);
}

/** Newest notification id (0 when none), to count unseen ones later. */
export function newestId(items) {
  return items.reduce((max, item) => Math.max(max, Number(item.id) || 0), 0);
}

export function countUnseen(items, lastSeenId) {
  return items.filter((item) => Number(item.id) > (Number(lastSeenId) || 0)).length;
}

/**
 * A stable hue (0..359) for a name, so each replica (or product) gets its own colour. FNV-1a with a final mix, so
 * names that differ in one character ("shop-1", "shop-2") still get clearly different hues.
 */
export function hueFor(name) {
  let hash = 0x811c9dc5;
  for (const ch of String(name)) {
    hash = Math.imul(hash ^ ch.codePointAt(0), 0x01000193) >>> 0;
  }
  hash = (hash ^ (hash >>> 16)) >>> 0;
  hash = Math.imul(hash, 0x45d9f3b) >>> 0;
  hash = (hash ^ (hash >>> 16)) >>> 0;
  return hash % 360;
}
