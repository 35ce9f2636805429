// Tests of the storefront's pure helpers. Run: node --test shop-services/shop-kit/src/test/js/
// shop-logic.js is a browser ES module with a .js name and no package.json beside it, so it is imported from its
// source as a data: URL (Node would otherwise load a .js file as CommonJS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const source = await readFile(new URL('../../main/resources/static/shop-logic.js', import.meta.url), 'utf8');
const logic = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
const {
  MAX_LINES, MAX_QUANTITY, afterCheckout, cartAdd, cartCount, cartFingerprint, cartRemove, cartSetQuantity,
  cartTotalCents, checkoutKey, countUnseen, formatPrice, hueFor, newUuid, newestId, orderRequest, outcomeUncertain,
  pageCount, problemMessage, reconcileCheckoutKey, sessionExpired, stockLabel, tokenExpiresAt,
} = logic;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function keys() {
  let n = 0;
  return () => `key-${++n}`;
}

test('prices are integer cents shown as euros', () => {
  assert.equal(formatPrice(1234), '€12.34');
  assert.equal(formatPrice(5), '€0.05');
  assert.equal(formatPrice(0), '€0.00');
  assert.equal(formatPrice(123456789), '€1,234,567.89');
  assert.equal(formatPrice(undefined), '—');
  assert.equal(formatPrice('abc'), '—');
});

test('stock labels', () => {
  assert.equal(stockLabel(0), 'Out of stock');
  assert.equal(stockLabel(-1), 'Out of stock');
  assert.equal(stockLabel(3), 'Only 3 left');
  assert.equal(stockLabel(40), '40 in stock');
});

test('page count is at least one', () => {
  assert.equal(pageCount(0, 24), 1);
  assert.equal(pageCount(24, 24), 1);
  assert.equal(pageCount(25, 24), 2);
  assert.equal(pageCount(100, 24), 5);
});

test('problem messages prefer detail, then title, then the status', () => {
  assert.equal(problemMessage({ title: 'Conflict', detail: 'Email taken.' }, 409), 'Email taken.');
  assert.equal(problemMessage({ title: 'Not Found', detail: '  ' }, 404), 'Not Found');
  assert.equal(problemMessage(null, 502, 'Bad Gateway'), 'The server answered HTTP 502 Bad Gateway.');
  assert.equal(problemMessage(null, 0), 'The request failed.');
});

test('UUIDs come from crypto.randomUUID, or from getRandomValues outside secure contexts', () => {
  assert.match(newUuid(), UUID);
  const insecure = { getRandomValues: (bytes) => globalThis.crypto.getRandomValues(bytes) };
  const a = newUuid(insecure);
  const b = newUuid(insecure);
  assert.match(a, UUID);
  assert.notEqual(a, b);
});

test('cart adds, caps at stock and at the order limit, and totals', () => {
  const apple = { id: 1, name: 'Apple', priceCents: 150 };
  const pear = { id: 2, name: 'Pear', priceCents: 99 };
  let { items, added } = cartAdd([], apple, 2, 10);
  assert.equal(added, 2);
  ({ items, added } = cartAdd(items, apple, 20, 10));
  assert.equal(added, 8, 'capped at the stock of 10');
  ({ items, added } = cartAdd(items, apple, 1, 10));
  assert.equal(added, 0);
  ({ items } = cartAdd(items, pear, 500));
  assert.equal(items.find((l) => l.productId === 2).quantity, MAX_QUANTITY);
  assert.equal(cartCount(items), 10 + MAX_QUANTITY);
  assert.equal(cartTotalCents(items), 10 * 150 + MAX_QUANTITY * 99);
  assert.deepEqual(orderRequest(items), { items: [{ productId: 1, quantity: 10 }, { productId: 2, quantity: MAX_QUANTITY }] });

  assert.equal(cartAdd([], { id: 3, name: 'Sold out', priceCents: 1 }, 1, 0).added, 0);
  items = cartSetQuantity(items, 1, 3);
  assert.equal(items[0].quantity, 3);
  items = cartSetQuantity(items, 1, 0);
  assert.deepEqual(items.map((l) => l.productId), [2]);
  assert.deepEqual(cartRemove(items, 2), []);
});

test('a cart holds at most MAX_LINES products', () => {
  let items = [];
  for (let id = 1; id <= MAX_LINES; id++) {
    items = cartAdd(items, { id, name: `P${id}`, priceCents: 1 }, 1).items;
  }
  assert.equal(cartAdd(items, { id: 999, name: 'One too many', priceCents: 1 }, 1).added, 0);
  assert.equal(cartAdd(items, { id: 1, name: 'P1', priceCents: 1 }, 1).added, 1, 'more of a listed one still fits');
});

test('the cart fingerprint ignores line order and display data', () => {
  const a = [{ productId: 7, quantity: 2, name: 'x', priceCents: 1 }, { productId: 3, quantity: 1, name: 'y', priceCents: 2 }];
  const b = [{ productId: 3, quantity: 1, name: 'other', priceCents: 9 }, { productId: 7, quantity: 2, name: 'z', priceCents: 5 }];
  assert.equal(cartFingerprint(a), '3x1,7x2');
  assert.equal(cartFingerprint(a), cartFingerprint(b));
  assert.notEqual(cartFingerprint(a), cartFingerprint(cartSetQuantity(a, 7, 3)));
});

test('a retry of the same cart after a network error or 5xx reuses the idempotency key', () => {
  const make = keys();
  const cart = [{ productId: 1, quantity: 2, name: 'A', priceCents: 100 }];
  const first = checkoutKey(null, cart, make);
  assert.equal(first.key, 'key-1');

  for (const outcome of [{ networkError: true }, { status: 500 }, { status: 502 }, { status: 503 }, { status: 504 },
    { status: 409 }, { status: 429 }, { status: 401 }, { status: 400 }]) {
    const kept = afterCheckout(first.state, outcome);
    assert.deepEqual(kept, first.state, `key kept after ${JSON.stringify(outcome)}`);
    const retry = checkoutKey(kept, [...cart], make);
    assert.equal(retry.key, 'key-1', `retry after ${JSON.stringify(outcome)} reuses the key`);
  }
});

test('a fresh key after success, after a changed cart, and after the key itself was refused', () => {
  const make = keys();
  const cart = [{ productId: 1, quantity: 2, name: 'A', priceCents: 100 }];
  const first = checkoutKey(null, cart, make);

  assert.equal(afterCheckout(first.state, { ok: true }), null);
  assert.equal(checkoutKey(afterCheckout(first.state, { ok: true }), cart, make).key, 'key-2');

  const changed = cartSetQuantity(cart, 1, 3);
  assert.equal(reconcileCheckoutKey(first.state, changed), null);
  assert.deepEqual(reconcileCheckoutKey(first.state, cart), first.state);
  assert.equal(checkoutKey(first.state, changed, make).key, 'key-3', 'a changed cart never reuses the old key');

  assert.equal(afterCheckout(first.state, { status: 422 }), null);
  assert.equal(afterCheckout(null, { networkError: true }), null);
});

test('which failures leave the order uncertain', () => {
  assert.equal(outcomeUncertain({ ok: true }), false);
  assert.equal(outcomeUncertain({ networkError: true }), true);
  assert.equal(outcomeUncertain({ status: 503 }), true);
  assert.equal(outcomeUncertain({ status: 500 }), true);
  assert.equal(outcomeUncertain({ status: 400 }), false);
  assert.equal(outcomeUncertain({ status: 409 }), false);
  assert.equal(outcomeUncertain({ status: 422 }), false);
});

test('sessions expire a little before the token does', () => {
  const now = 1_000_000;
  const expiresAt = tokenExpiresAt(3600, now);
  assert.equal(expiresAt, now + 3590 * 1000);
  assert.equal(sessionExpired({ token: 't', expiresAt }, now), false);
  assert.equal(sessionExpired({ token: 't', expiresAt }, expiresAt), true);
  assert.equal(sessionExpired({ token: 't', expiresAt: null }, now), false);
  assert.equal(sessionExpired(null, now), true);
  assert.equal(tokenExpiresAt(undefined, now), null);
});

test('unseen notifications and replica colours', () => {
  const items = [{ id: 9 }, { id: 7 }, { id: 4 }];
  assert.equal(newestId(items), 9);
  assert.equal(newestId([]), 0);
  assert.equal(countUnseen(items, 7), 1);
  assert.equal(countUnseen(items, 0), 3);
  assert.equal(hueFor('orders-1'), hueFor('orders-1'));
  for (const name of ['orders-1', 'orders-2', 'shop-1', 'shop-2', 'SKU-1000', '']) {
    assert.ok(Number.isInteger(hueFor(name)) && hueFor(name) >= 0 && hueFor(name) < 360, name);
  }
  assert.ok(Math.abs(hueFor('shop-1') - hueFor('shop-2')) > 20, 'names one character apart get distinct colours');
});
