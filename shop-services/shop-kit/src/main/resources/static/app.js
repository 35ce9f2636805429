// ShopScale storefront. Plain DOM and fetch; text from the API is only ever rendered with text nodes.
import {
  MAX_LINES,
  MAX_QUANTITY,
  afterCheckout,
  cartAdd,
  cartCount,
  cartRemove,
  cartSetQuantity,
  cartTotalCents,
  checkoutKey,
  countUnseen,
  formatDateTime,
  formatPrice,
  hueFor,
  newestId,
  orderRequest,
  outcomeUncertain,
  pageCount,
  problemMessage,
  reconcileCheckoutKey,
  sessionExpired,
  stockLabel,
  tokenExpiresAt,
} from './shop-logic.js';

const PAGE_SIZE = 24;
const POLL_MS = 5000;
const REQUEST_TIMEOUT_MS = 15000;
// Placing an order may wait for another attempt with the same key (up to 20 s on the server) and for payments.
const ORDER_TIMEOUT_MS = 40000;
const HISTORY_LENGTH = 12;

const KEYS = {
  session: 'shopscale.session',
  cart: 'shopscale.cart',
  checkout: 'shopscale.checkout',
  seen: 'shopscale.seenNotifications',
};

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- storage

function load(key, fallback) {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? JSON.parse(raw) : fallback;
  } catch {
    return fallback;
  }
}

function save(key, value) {
  try {
    if (value === null || value === undefined) {
      sessionStorage.removeItem(key);
    } else {
      sessionStorage.setItem(key, JSON.stringify(value));
    }
  } catch {
    // Storage full or disabled: the page still works for this visit.
  }
}

const state = {
  session: load(KEYS.session, null),
  cart: sanitizeCart(load(KEYS.cart, [])),
  checkout: load(KEYS.checkout, null),
  view: 'products',
  query: '',
  page: 0,
  total: 0,
  products: [],
  catalogSeq: 0,
  productSeq: 0,
  dialogProduct: null,
  checkingOut: false,
  checkoutNote: null,
  orders: null,
  notifications: null,
  ordersSeq: 0,
  notificationsSeq: 0,
  notificationsInFlight: false,
  pollTimer: null,
  history: [],
};

function sanitizeCart(items) {
  if (!Array.isArray(items)) {
    return [];
  }
  return items
    .filter((line) => line && Number.isFinite(Number(line.productId)) && Number(line.quantity) > 0)
    .map((line) => ({
      productId: Number(line.productId),
      name: String(line.name ?? ''),
      priceCents: Number(line.priceCents) || 0,
      quantity: Math.min(MAX_QUANTITY, Math.floor(Number(line.quantity))),
    }))
    .slice(0, MAX_LINES);
}

// ---------------------------------------------------------------- DOM helper

/** Creates an element. Children that are not nodes become text nodes, so API text is never parsed as HTML. */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      el.className = value;
    } else if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) {
        el.addEventListener(event, handler);
      }
    } else if (name === 'style') {
      for (const [property, v] of Object.entries(value)) {
        el.style.setProperty(property, String(v));
      }
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

function setText(id, text) {
  $(id).textContent = text ?? '';
}

// ---------------------------------------------------------------- API

class ApiError extends Error {
  constructor(message, { status = 0, title = '', network = false } = {}) {
    super(message);
    this.status = status;
    this.title = title;
    this.network = network;
  }
}

function timeoutSignal(ms) {
  if (typeof AbortSignal !== 'undefined' && typeof AbortSignal.timeout === 'function') {
    return AbortSignal.timeout(ms);
  }
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

/** Sends a request; resolves to {data, response} for 2xx, rejects with ApiError otherwise. */
async function request(path, { method = 'GET', body, auth = false, headers = {}, timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
  const sent = { Accept: 'application/json, application/problem+json', ...headers };
  if (body !== undefined) {
    sent['Content-Type'] = 'application/json';
  }
  if (auth) {
    if (sessionExpired(state.session)) {
      sessionEnded('Your session has expired. Please log in again.');
      throw new ApiError('You need to log in first.', { status: 401 });
    }
    sent.Authorization = `Bearer ${state.session.token}`;
  }
  let response;
  let text;
  try {
    response = await fetch(path, {
      method,
      headers: sent,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin',
      signal: timeoutSignal(timeoutMs),
    });
    noteReplica(response);
    text = await response.text();
  } catch (error) {
    const timedOut = error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new ApiError(timedOut
      ? 'The server did not answer in time.'
      : 'Could not reach the server. Check your connection and try again.', { network: true });
  }
  let data = null;
  const type = response.headers.get('Content-Type') || '';
  if (text && type.includes('json')) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (response.ok) {
    return { data, response };
  }
  if (response.status === 401 && auth) {
    sessionEnded('Your session has expired or is no longer valid. Please log in again.');
  }
  const problem = data && typeof data === 'object' ? data : null;
  throw new ApiError(problemMessage(problem, response.status, response.statusText), {
    status: response.status,
    title: problem && typeof problem.title === 'string' ? problem.title : '',
  });
}

async function api(path, options) {
  return (await request(path, options)).data;
}

// ---------------------------------------------------------------- replica footer

function noteReplica(response) {
  const name = (response.headers.get('X-Served-By') || '').trim();
  const upstream = (response.headers.get('X-Upstream') || '').trim();
  const label = name || (response.status >= 500 ? 'no replica (answered by the proxy)' : 'not reported');
  const served = $('served-by');
  served.textContent = label;
  served.style.setProperty('--hue', String(hueFor(name || '?')));
  served.classList.toggle('replica-none', !name);
  setText('served-upstream', upstream ? `via ${upstream}` : '');
  state.history.unshift(name || (response.status >= 500 ? 'proxy' : '?'));
  state.history.length = Math.min(state.history.length, HISTORY_LENGTH);
  const chips = state.history.map((entry) => h('span', {
    class: 'chip',
    title: entry,
    style: { '--hue': hueFor(entry) },
  }, entry));
  $('replica-history').replaceChildren(...chips);
}

// ---------------------------------------------------------------- banners

let infoTimer = null;

let errorContext = null;

function showError(context, error) {
  errorContext = context;
  setText('error-title', context);
  let detail = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError && error.status && !detail.includes(`HTTP ${error.status}`)) {
    detail += ` (HTTP ${error.status})`;
  }
  setText('error-detail', detail);
  $('error-banner').hidden = false;
}

/** Hides the error banner; with a context, only when the banner is about that. */
function clearError(context = null) {
  if (context === null || context === errorContext) {
    $('error-banner').hidden = true;
    errorContext = null;
  }
}

function showInfo(text) {
  setText('info-text', text);
  $('info-banner').hidden = false;
  clearTimeout(infoTimer);
  infoTimer = setTimeout(() => {
    $('info-banner').hidden = true;
  }, 5000);
}

// ---------------------------------------------------------------- session

function loggedIn() {
  return !sessionExpired(state.session);
}

function renderAccount() {
  const inside = loggedIn();
  $('account-out').hidden = inside;
  $('account-in').hidden = !inside;
  setText('who-email', inside ? state.session.email : '');
  renderCheckoutButton();
}

function startSession(session) {
  state.session = session;
  save(KEYS.session, session);
  state.orders = null;
  state.notifications = null;
  renderAccount();
  startPolling();
  refreshNotifications({ quiet: true });
  if (state.view === 'orders') {
    refreshOrders();
  }
  renderView();
}

function stopSession() {
  state.session = null;
  save(KEYS.session, null);
  state.orders = null;
  state.notifications = null;
  stopPolling();
  renderAccount();
  renderUnseen();
  renderView();
}

/** The token is missing, expired or refused: log out in the UI and ask for a new login. */
function sessionEnded(reason) {
  const previous = state.session;
  stopSession();
  if (previous) {
    openAuth('login', reason);
    if (previous.email && !$('login-email').value) {
      $('login-email').value = previous.email;
      $('login-password').focus();
    }
  }
}

function logout() {
  stopSession();
  showInfo('You are logged out.');
}

// ---------------------------------------------------------------- auth dialog

function openAuth(mode, reason = '') {
  setAuthMode(mode);
  const reasonEl = $('auth-reason');
  reasonEl.textContent = reason;
  reasonEl.hidden = !reason;
  $('login-error').hidden = true;
  $('register-error').hidden = true;
  const dialog = $('auth-dialog');
  if (!dialog.open) {
    dialog.showModal();
  }
  (mode === 'register' ? $('register-name') : $('login-email')).focus();
}

function setAuthMode(mode) {
  const register = mode === 'register';
  $('login-form').hidden = register;
  $('register-form').hidden = !register;
  $('auth-mode-login').setAttribute('aria-pressed', String(!register));
  $('auth-mode-register').setAttribute('aria-pressed', String(register));
  setText('auth-title', register ? 'Create an account' : 'Log in');
}

function formError(id, message) {
  const el = $(id);
  el.textContent = message;
  el.hidden = !message;
}

/** The first invalid field's message, prefixed by its label; '' when the form is valid. */
function validate(form) {
  for (const input of form.querySelectorAll('input')) {
    if (!input.checkValidity()) {
      const label = form.querySelector(`label[for="${input.id}"]`);
      input.focus();
      return `${label ? label.textContent : input.name}: ${input.validationMessage}`;
    }
  }
  return '';
}

async function logIn(email, password) {
  const data = await api('/api/sso/login', { method: 'POST', body: { email, password } });
  if (!data || typeof data.token !== 'string') {
    throw new ApiError('The login answer had no token.');
  }
  startSession({ token: data.token, email, expiresAt: tokenExpiresAt(data.expiresIn) });
}

async function onLoginSubmit(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const invalid = validate(form);
  formError('login-error', invalid);
  if (invalid) {
    return;
  }
  const email = $('login-email').value.trim();
  const button = $('login-submit');
  button.disabled = true;
  try {
    await logIn(email, $('login-password').value);
    form.reset();
    $('auth-dialog').close();
    clearError();
    showInfo(`Welcome back — you are logged in as ${email}.`);
  } catch (error) {
    formError('login-error', error.message);
  } finally {
    button.disabled = false;
  }
}

async function onRegisterSubmit(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const invalid = validate(form);
  formError('register-error', invalid);
  if (invalid) {
    return;
  }
  const name = $('register-name').value.trim();
  const email = $('register-email').value.trim();
  const password = $('register-password').value;
  const button = $('register-submit');
  button.disabled = true;
  try {
    const user = await api('/api/sso/register', { method: 'POST', body: { email, password, name } });
    await logIn(email, password);
    form.reset();
    $('auth-dialog').close();
    clearError();
    showInfo(`Welcome, ${user && user.name ? user.name : name}! Your account is ready and you are logged in.`);
  } catch (error) {
    formError('register-error', error.message);
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------- catalogue

const PRODUCTS_ERROR = 'Could not load the products';

async function loadProducts() {
  const seq = ++state.catalogSeq;
  const grid = $('product-grid');
  grid.setAttribute('aria-busy', 'true');
  setText('products-summary', 'Loading…');
  const params = new URLSearchParams({ page: String(state.page), size: String(PAGE_SIZE) });
  if (state.query) {
    params.set('q', state.query);
  }
  try {
    const data = await api(`/api/catalog/products?${params}`);
    if (seq !== state.catalogSeq) {
      return;
    }
    state.products = data && Array.isArray(data.items) ? data.items : [];
    state.total = Number(data && data.total) || 0;
    const last = pageCount(state.total, PAGE_SIZE) - 1;
    if (state.products.length === 0 && state.page > last) {
      state.page = last;
      loadProducts();
      return;
    }
    renderProducts();
    clearError(PRODUCTS_ERROR);
  } catch (error) {
    if (seq !== state.catalogSeq) {
      return;
    }
    state.products = [];
    renderProducts(error);
    showError(PRODUCTS_ERROR, error);
  } finally {
    if (seq === state.catalogSeq) {
      grid.setAttribute('aria-busy', 'false');
    }
  }
}

function productArt(product, large = false) {
  const name = String(product.name || '?');
  return h('div', {
    class: large ? 'product-art product-art-large' : 'product-art',
    'aria-hidden': 'true',
    style: { '--hue': hueFor(product.sku || name) },
  }, name.trim().charAt(0).toUpperCase() || '?');
}

function stockClass(stock) {
  const n = Number(stock);
  if (!(n > 0)) {
    return 'stock stock-out';
  }
  return n <= 5 ? 'stock stock-low' : 'stock stock-ok';
}

function productCard(product) {
  const out = !(Number(product.stock) > 0);
  const open = () => openProduct(product);
  return h('article', { class: 'product-card' },
    productArt(product),
    h('div', { class: 'product-body' },
      h('p', { class: 'sku' }, product.sku),
      h('h3', { class: 'product-name' },
        h('button', { type: 'button', class: 'link-button', on: { click: open } }, product.name)),
      h('p', { class: 'description clamp' }, product.description),
      h('div', { class: 'product-meta' },
        h('span', { class: 'price' }, formatPrice(product.priceCents)),
        h('span', { class: stockClass(product.stock) }, stockLabel(product.stock))),
      h('div', { class: 'product-actions' },
        h('button', {
          type: 'button', class: 'btn btn-light btn-small', on: { click: open },
          'aria-label': `Details of ${product.name}`,
        }, 'Details'),
        h('button', {
          type: 'button', class: 'btn btn-primary btn-small', disabled: out,
          'aria-label': `Add ${product.name} to cart`,
          on: { click: () => addToCart(product, 1, product.stock) },
        }, out ? 'Sold out' : 'Add to cart'))));
}

function renderProducts(error = null) {
  const grid = $('product-grid');
  const pages = pageCount(state.total, PAGE_SIZE);
  if (error) {
    grid.replaceChildren(h('div', { class: 'empty' },
      h('p', {}, 'The products could not be loaded.'),
      h('button', { type: 'button', class: 'btn btn-light', on: { click: loadProducts } }, 'Try again')));
    setText('products-summary', '');
  } else if (state.products.length === 0) {
    grid.replaceChildren(h('div', { class: 'empty' },
      h('p', {}, state.query ? `No products match “${state.query}”.` : 'There are no products yet.')));
    setText('products-summary', state.query ? `No results for “${state.query}”` : '');
  } else {
    grid.replaceChildren(...state.products.map(productCard));
    const first = state.page * PAGE_SIZE + 1;
    const last = state.page * PAGE_SIZE + state.products.length;
    const what = state.query ? ` matching “${state.query}”` : '';
    setText('products-summary', `Showing ${first}–${last} of ${state.total} products${what}`);
  }
  $('pager').hidden = pages <= 1 && state.page === 0;
  setText('page-info', `Page ${Math.min(state.page + 1, pages)} of ${pages}`);
  $('prev-page').disabled = state.page <= 0;
  $('next-page').disabled = state.page + 1 >= pages;
}

function search(query) {
  const q = query.trim().slice(0, 100);
  if (q === state.query && state.page === 0) {
    return;
  }
  state.query = q;
  state.page = 0;
  loadProducts();
}

function goToPage(page) {
  state.page = Math.max(0, page);
  loadProducts();
  $('products-heading').scrollIntoView({ block: 'start', behavior: 'smooth' });
}

// ---------------------------------------------------------------- product dialog

function fillProductDialog(product) {
  $('product-art').replaceWith(Object.assign(productArt(product, true), { id: 'product-art' }));
  setText('product-sku', product.sku);
  setText('product-title', product.name);
  setText('product-price', formatPrice(product.priceCents));
  const stock = $('product-stock');
  stock.textContent = stockLabel(product.stock);
  stock.className = stockClass(product.stock);
  setText('product-description', product.description);
  const out = !(Number(product.stock) > 0);
  const quantity = $('product-quantity');
  quantity.max = String(Math.max(1, Math.min(MAX_QUANTITY, Number(product.stock) || 1)));
  quantity.disabled = out;
  $('product-add').disabled = out;
  $('product-add').textContent = out ? 'Sold out' : 'Add to cart';
}

async function openProduct(product) {
  const seq = ++state.productSeq;
  state.dialogProduct = product;
  formError('product-error', '');
  $('product-quantity').value = '1';
  fillProductDialog(product);
  const dialog = $('product-dialog');
  if (!dialog.open) {
    dialog.showModal();
  }
  try {
    // Fresh stock: the list may be a few seconds old.
    const fresh = await api(`/api/catalog/products/${encodeURIComponent(product.id)}`);
    if (seq !== state.productSeq || !fresh) {
      return;
    }
    state.dialogProduct = fresh;
    fillProductDialog(fresh);
  } catch (error) {
    if (seq === state.productSeq) {
      formError('product-error', error.message);
    }
  }
}

function onProductAdd(event) {
  event.preventDefault();
  const product = state.dialogProduct;
  const input = $('product-quantity');
  if (!product || !input.checkValidity()) {
    formError('product-error', `Quantity: ${input.validationMessage || 'enter a number'}`);
    return;
  }
  if (addToCart(product, Number(input.value), product.stock)) {
    $('product-dialog').close();
  }
}

// ---------------------------------------------------------------- cart

function setCart(items) {
  state.cart = items;
  save(KEYS.cart, items);
  setCheckoutState(reconcileCheckoutKey(state.checkout, items));
  if (state.checkoutNote && state.checkoutNote.kind !== 'success') {
    state.checkoutNote = null;
  }
  renderCart();
}

function setCheckoutState(checkout) {
  state.checkout = checkout;
  save(KEYS.checkout, checkout);
}

/** Adds to the cart; false when nothing could be added. */
function addToCart(product, quantity, stock) {
  if (state.checkingOut) {
    showInfo('Please wait until the order is placed.');
    return false;
  }
  const { items, added } = cartAdd(state.cart, product, quantity, stock);
  if (added === 0) {
    const inCart = state.cart.find((line) => line.productId === Number(product.id));
    if (!inCart && state.cart.length >= MAX_LINES) {
      showInfo(`An order can hold at most ${MAX_LINES} different products.`);
    } else if (!(Number(stock) > 0)) {
      showInfo(`${product.name} is out of stock.`);
    } else {
      showInfo(`Your cart already holds as many of ${product.name} as can be ordered.`);
    }
    return false;
  }
  if (state.checkoutNote && state.checkoutNote.kind === 'success') {
    state.checkoutNote = null;
  }
  setCart(items);
  const partial = added < quantity ? ` (only ${added} could be added)` : '';
  showInfo(`Added ${added} × ${product.name} to your cart${partial}.`);
  return true;
}

function cartLine(line) {
  const locked = state.checkingOut;
  const inputId = `qty-${line.productId}`;
  const quantityInput = h('input', {
    id: inputId, type: 'number', min: '1', max: String(MAX_QUANTITY), step: '1', value: String(line.quantity),
    class: 'qty-input', disabled: locked, inputmode: 'numeric',
    on: {
      change: (event) => {
        const n = Math.floor(Number(event.target.value));
        setCart(cartSetQuantity(state.cart, line.productId, Number.isFinite(n) ? n : line.quantity));
      },
    },
  });
  return h('li', { class: 'cart-line' },
    h('div', { class: 'cart-line-main' },
      h('span', { class: 'cart-line-name' }, line.name),
      h('span', { class: 'muted small' }, `${formatPrice(line.priceCents)} each`)),
    h('div', { class: 'cart-line-controls' },
      h('label', { class: 'visually-hidden', for: inputId }, `Quantity of ${line.name}`),
      h('button', {
        type: 'button', class: 'btn btn-icon', disabled: locked, 'aria-label': `One less ${line.name}`,
        on: { click: () => setCart(cartSetQuantity(state.cart, line.productId, line.quantity - 1)) },
      }, '−'),
      quantityInput,
      h('button', {
        type: 'button', class: 'btn btn-icon', disabled: locked || line.quantity >= MAX_QUANTITY,
        'aria-label': `One more ${line.name}`,
        on: { click: () => setCart(cartSetQuantity(state.cart, line.productId, line.quantity + 1)) },
      }, '+'),
      h('span', { class: 'cart-line-total' }, formatPrice(line.priceCents * line.quantity)),
      h('button', {
        type: 'button', class: 'btn btn-icon btn-remove', disabled: locked, 'aria-label': `Remove ${line.name}`,
        on: { click: () => setCart(cartRemove(state.cart, line.productId)) },
      }, '✕')));
}

function renderCart() {
  const items = state.cart;
  const empty = items.length === 0;
  $('cart-lines').replaceChildren(...items.map(cartLine));
  $('cart-empty').hidden = !empty;
  $('cart-total-row').hidden = empty;
  $('cart-hint').hidden = empty;
  $('cart-clear').hidden = empty;
  $('cart-clear').disabled = state.checkingOut;
  setText('cart-total', formatPrice(cartTotalCents(items)));
  setText('cart-count', String(cartCount(items)));
  const note = $('checkout-message');
  if (state.checkoutNote) {
    note.replaceChildren(...state.checkoutNote.content);
    note.className = `checkout-message checkout-${state.checkoutNote.kind}`;
    note.hidden = false;
  } else {
    note.replaceChildren();
    note.hidden = true;
  }
  renderCheckoutButton();
}

function renderCheckoutButton() {
  const button = $('checkout-button');
  const empty = state.cart.length === 0;
  button.disabled = empty || state.checkingOut;
  if (state.checkingOut) {
    button.textContent = 'Placing order…';
  } else if (!loggedIn() && !empty) {
    button.textContent = 'Log in to place order';
  } else if (state.checkout && state.checkoutNote && state.checkoutNote.retry && !empty) {
    button.textContent = 'Retry order';
  } else {
    button.textContent = 'Place order';
  }
}

/** Shows a message above the order button; retry marks a failure that the same cart should be sent again for. */
function setCheckoutNote(kind, content, { retry = false } = {}) {
  const nodes = content.map((c) => (c instanceof Node ? c : document.createTextNode(c)));
  state.checkoutNote = { kind, content: nodes, retry };
  renderCart();
}

async function checkout() {
  if (state.cart.length === 0 || state.checkingOut) {
    return;
  }
  if (!loggedIn()) {
    setDrawer(false, { restoreFocus: false });
    openAuth('login', 'Log in to place your order. Your cart is kept.');
    return;
  }
  const items = state.cart;
  const { key, state: attempt } = checkoutKey(state.checkout, items);
  setCheckoutState(attempt);
  state.checkingOut = true;
  setCheckoutNote('pending', ['Placing your order…']);
  try {
    const { data: order, response } = await request('/api/orders', {
      method: 'POST',
      body: orderRequest(items),
      auth: true,
      headers: { 'Idempotency-Key': key },
      timeoutMs: ORDER_TIMEOUT_MS,
    });
    setCheckoutState(afterCheckout(attempt, { ok: true }));
    state.checkingOut = false;
    state.cart = [];
    save(KEYS.cart, []);
    const replayed = response.headers.get('Idempotent-Replayed') === 'true';
    const id = order && order.id != null ? `#${order.id}` : '';
    const total = order ? formatPrice(order.totalCents) : '';
    setCheckoutNote('success', [
      h('strong', {}, `Order ${id} placed.`), ' ',
      `Total ${total}${order && order.status ? `, status ${order.status}` : ''}.`,
      replayed ? ' Your earlier attempt had already gone through: you were charged once.' : '', ' ',
      h('button', {
        type: 'button', class: 'btn-link',
        on: { click: () => { setDrawer(false, { restoreFocus: false }); setView('orders'); } },
      }, 'See my orders')]);
    state.orders = null;
    if (state.view === 'orders') {
      refreshOrders();
    }
    // The "order placed" notification arrives through the outbox shortly after.
    setTimeout(() => refreshNotifications({ quiet: true }), 1500);
  } catch (error) {
    const outcome = error.network ? { networkError: true } : { status: error.status };
    setCheckoutState(afterCheckout(attempt, outcome));
    state.checkingOut = false;
    if (error.status === 401) {
      setCheckoutNote('error', ['Your session ended before the order was placed. ',
        'Log in again and press “Retry order”: your cart is kept and the retry cannot charge you twice.'],
      { retry: true });
    } else if (outcomeUncertain(outcome)) {
      setCheckoutNote('error', [h('strong', {}, error.message), ' ',
        'The order may or may not have gone through. Press “Retry order”: the retry reuses this attempt\'s ',
        'order key, so you are never charged twice.'], { retry: true });
    } else {
      setCheckoutNote('error', [h('strong', {}, 'The order was not placed. '), error.message]);
    }
  }
}

// ---------------------------------------------------------------- views

const VIEWS = ['products', 'orders', 'notifications'];

function setView(view, { focus = true } = {}) {
  state.view = VIEWS.includes(view) ? view : 'products';
  const hash = state.view === 'products' ? '' : `#${state.view}`;
  if (location.hash !== hash) {
    history.replaceState(null, '', hash || `${location.pathname}${location.search}`);
  }
  for (const tab of document.querySelectorAll('.tab')) {
    if (tab.dataset.view === view) {
      tab.setAttribute('aria-current', 'page');
    } else {
      tab.removeAttribute('aria-current');
    }
  }
  if (state.view === 'orders' && loggedIn() && state.orders === null) {
    refreshOrders();
  }
  if (state.view === 'notifications' && loggedIn()) {
    refreshNotifications();
  }
  renderView();
  if (focus) {
    $('main').focus({ preventScroll: true });
  }
}

function renderView() {
  for (const name of VIEWS) {
    $(`view-${name}`).hidden = state.view !== name;
  }
  if (state.view === 'orders') {
    renderOrders();
  } else if (state.view === 'notifications') {
    markSeen();
    renderNotifications();
  }
}

function loginPrompt(text) {
  return h('div', { class: 'empty' },
    h('p', {}, text),
    h('button', { type: 'button', class: 'btn btn-primary', on: { click: () => openAuth('login') } }, 'Log in'));
}

// ---------------------------------------------------------------- orders

const ORDERS_ERROR = 'Could not load your orders';

async function refreshOrders() {
  if (!loggedIn()) {
    renderOrders();
    return;
  }
  const seq = ++state.ordersSeq;
  setText('orders-status', 'Loading your orders…');
  $('orders-refresh').disabled = true;
  try {
    const data = await api('/api/orders', { auth: true });
    if (seq !== state.ordersSeq) {
      return;
    }
    state.orders = data && Array.isArray(data.items) ? data.items : [];
    setText('orders-status', `Updated ${formatDateTime(new Date().toISOString())}.`);
    clearError(ORDERS_ERROR);
  } catch (error) {
    if (seq !== state.ordersSeq) {
      return;
    }
    setText('orders-status', '');
    if (error.status !== 401) {
      showError(ORDERS_ERROR, error);
    }
  } finally {
    $('orders-refresh').disabled = false;
    renderOrders();
  }
}

function orderCard(order) {
  const lines = Array.isArray(order.items) ? order.items : [];
  return h('article', { class: 'order-card' },
    h('header', { class: 'order-head' },
      h('h3', {}, `Order #${order.id}`),
      h('span', { class: `status status-${String(order.status || '').toLowerCase()}` }, order.status),
      h('span', { class: 'muted small' }, formatDateTime(order.createdAt))),
    h('table', { class: 'order-lines' },
      h('caption', { class: 'visually-hidden' }, `Products in order ${order.id}`),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Product'),
        h('th', { scope: 'col', class: 'num' }, 'Qty'),
        h('th', { scope: 'col', class: 'num' }, 'Unit price'),
        h('th', { scope: 'col', class: 'num' }, 'Subtotal'))),
      h('tbody', {}, lines.map((line) => h('tr', {},
        h('td', {}, line.name || `Product ${line.productId}`),
        h('td', { class: 'num' }, line.quantity),
        h('td', { class: 'num' }, formatPrice(line.unitPriceCents)),
        h('td', { class: 'num' }, formatPrice(line.unitPriceCents * line.quantity)))))),
    h('footer', { class: 'order-foot' },
      h('span', { class: 'muted small' }, order.paymentId ? `Payment ${order.paymentId}` : ''),
      h('strong', {}, `Total ${formatPrice(order.totalCents)}`)));
}

function renderOrders() {
  const list = $('orders-list');
  $('orders-refresh').hidden = !loggedIn();
  if (!loggedIn()) {
    setText('orders-status', '');
    list.replaceChildren(loginPrompt('Log in to see your orders.'));
  } else if (state.orders === null) {
    list.replaceChildren();
  } else if (state.orders.length === 0) {
    list.replaceChildren(h('div', { class: 'empty' }, h('p', {}, 'You have not placed any orders yet.')));
  } else {
    list.replaceChildren(...state.orders.map(orderCard));
  }
}

// ---------------------------------------------------------------- notifications

function seenMap() {
  const map = load(KEYS.seen, {});
  return map && typeof map === 'object' ? map : {};
}

function lastSeen() {
  return loggedIn() ? Number(seenMap()[state.session.email]) || 0 : 0;
}

function markSeen() {
  if (!loggedIn() || !state.notifications) {
    return;
  }
  const newest = newestId(state.notifications);
  if (newest > lastSeen()) {
    const map = seenMap();
    map[state.session.email] = newest;
    save(KEYS.seen, map);
  }
  renderUnseen();
}

function renderUnseen() {
  const badge = $('unseen-count');
  const unseen = loggedIn() && state.notifications ? countUnseen(state.notifications, lastSeen()) : 0;
  badge.textContent = String(unseen);
  badge.hidden = unseen === 0;
  badge.setAttribute('aria-label', `${unseen} new`);
}

async function refreshNotifications({ quiet = false } = {}) {
  if (!loggedIn()) {
    renderNotifications();
    return;
  }
  if (quiet && state.notificationsInFlight) {
    return; // A slow answer is still on its way: do not pile up polls.
  }
  const seq = ++state.notificationsSeq;
  state.notificationsInFlight = true;
  if (!quiet) {
    setText('notifications-status', 'Loading your notifications…');
  }
  try {
    let data;
    try {
      data = await api('/api/notifications', { auth: true });
    } finally {
      if (seq === state.notificationsSeq) {
        state.notificationsInFlight = false;
      }
    }
    if (seq !== state.notificationsSeq) {
      return;
    }
    state.notifications = data && Array.isArray(data.items) ? data.items : [];
    setText('notifications-status',
      `Updated ${formatDateTime(new Date().toISOString())}. New ones appear automatically every ${POLL_MS / 1000} seconds.`);
  } catch (error) {
    if (seq !== state.notificationsSeq) {
      return;
    }
    if (error.status === 401) {
      return;
    }
    // Polling failures are shown in place, not as a banner every five seconds.
    setText('notifications-status', `Could not refresh: ${error.message}`);
    if (!quiet) {
      showError('Could not load your notifications', error);
    }
  }
  if (state.view === 'notifications') {
    markSeen();
  }
  renderUnseen();
  renderNotifications();
}

function renderNotifications() {
  const list = $('notifications-list');
  $('notifications-refresh').hidden = !loggedIn();
  if (!loggedIn()) {
    setText('notifications-status', '');
    list.replaceChildren(h('li', { class: 'plain' }, loginPrompt('Log in to see your notifications.')));
  } else if (state.notifications === null) {
    list.replaceChildren();
  } else if (state.notifications.length === 0) {
    list.replaceChildren(h('li', { class: 'plain' },
      h('div', { class: 'empty' }, h('p', {}, 'No notifications yet. They appear here after you place an order.'))));
  } else {
    list.replaceChildren(...state.notifications.map((item) => h('li', { class: 'notification' },
      h('p', { class: 'notification-message' }, item.message),
      h('p', { class: 'muted small' },
        item.orderId != null ? `Order #${item.orderId} · ` : '', formatDateTime(item.createdAt)))));
  }
}

function startPolling() {
  stopPolling();
  state.pollTimer = setInterval(() => {
    if (!loggedIn()) {
      if (state.session) {
        sessionEnded('Your session has expired. Please log in again.');
      }
      return;
    }
    if (!document.hidden) {
      refreshNotifications({ quiet: true });
    }
  }, POLL_MS);
}

function stopPolling() {
  if (state.pollTimer !== null) {
    clearInterval(state.pollTimer);
    state.pollTimer = null;
  }
}

// ---------------------------------------------------------------- wiring

// Matches the CSS breakpoint at which the cart becomes a drawer.
const narrowScreen = window.matchMedia('(max-width: 960px)');

function setDrawer(open, { restoreFocus = true } = {}) {
  const panel = $('cart-panel');
  const wasOpen = panel.classList.contains('open');
  panel.classList.toggle('open', open);
  $('cart-toggle').setAttribute('aria-expanded', String(open));
  if (open) {
    $('cart-heading').focus({ preventScroll: true });
  } else if (wasOpen && restoreFocus) {
    $('cart-toggle').focus();
  }
}

function closeOnBackdrop(dialog) {
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) {
      dialog.close();
    }
  });
}

function init() {
  $('cart-heading').setAttribute('tabindex', '-1');
  let searchTimer = null;
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(searchTimer);
    if (state.view !== 'products') {
      setView('products');
    }
    search($('search-input').value);
  });
  $('search-input').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => search($('search-input').value), 350);
  });
  $('prev-page').addEventListener('click', () => goToPage(state.page - 1));
  $('next-page').addEventListener('click', () => goToPage(state.page + 1));

  $('login-button').addEventListener('click', () => openAuth('login'));
  $('register-button').addEventListener('click', () => openAuth('register'));
  $('logout-button').addEventListener('click', logout);
  $('auth-mode-login').addEventListener('click', () => setAuthMode('login'));
  $('auth-mode-register').addEventListener('click', () => setAuthMode('register'));
  $('login-form').addEventListener('submit', onLoginSubmit);
  $('register-form').addEventListener('submit', onRegisterSubmit);

  $('product-add-form').addEventListener('submit', onProductAdd);
  closeOnBackdrop($('product-dialog'));
  closeOnBackdrop($('auth-dialog'));

  $('cart-toggle').addEventListener('click', () => {
    if (narrowScreen.matches) {
      setDrawer(!$('cart-panel').classList.contains('open'));
      return;
    }
    const heading = $('cart-heading');
    heading.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    heading.focus({ preventScroll: true });
  });
  $('cart-close').addEventListener('click', () => setDrawer(false));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && $('cart-panel').classList.contains('open')) {
      setDrawer(false);
    }
  });
  narrowScreen.addEventListener('change', () => setDrawer(false, { restoreFocus: false }));
  $('cart-clear').addEventListener('click', () => {
    state.checkoutNote = null;
    setCart([]);
  });
  $('checkout-button').addEventListener('click', checkout);

  for (const tab of document.querySelectorAll('.tab')) {
    tab.addEventListener('click', () => {
      setDrawer(false, { restoreFocus: false });
      setView(tab.dataset.view);
    });
  }
  $('orders-refresh').addEventListener('click', refreshOrders);
  $('notifications-refresh').addEventListener('click', () => refreshNotifications());
  $('error-dismiss').addEventListener('click', () => clearError());

  window.addEventListener('hashchange', () => setView(location.hash.slice(1), { focus: false }));
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && loggedIn()) {
      refreshNotifications({ quiet: true });
    }
  });

  if (state.session && !loggedIn()) {
    stopSession();
    showInfo('Your previous session has expired. Please log in again.');
  }
  renderAccount();
  renderCart();
  setView(location.hash.slice(1), { focus: false });
  loadProducts();
  if (loggedIn()) {
    startPolling();
    refreshNotifications({ quiet: true });
  }
}

init();
