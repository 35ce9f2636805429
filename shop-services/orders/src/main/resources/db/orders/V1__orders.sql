create table orders (
    id              bigint generated always as identity primary key,
    user_id         uuid         not null,
    idempotency_key varchar(100) not null,
    status          varchar(16)  not null,
    total_cents     bigint       not null,
    payment_id      varchar(64)  not null,
    created_at      timestamptz  not null default now(),
    unique (user_id, idempotency_key)
);

create index orders_by_user on orders (user_id, id desc);

create table order_lines (
    order_id         bigint       not null references orders (id),
    product_id       bigint       not null,
    product_name     varchar(120) not null,
    quantity         integer      not null,
    unit_price_cents bigint       not null,
    primary key (order_id, product_id)
);

-- One row per (shopper, Idempotency-Key). The holder of claim_token works on the order until locked_until; after
-- that another request may take over, which is safe because every step it repeats is idempotent by the same key.
create table idempotency_keys (
    user_id         uuid         not null,
    idempotency_key varchar(100) not null,
    request_hash    char(64)     not null,
    state           varchar(16)  not null check (state in ('IN_PROGRESS', 'COMPLETED')),
    claim_token     uuid         not null,
    locked_until    timestamptz  not null,
    order_id        bigint references orders (id),
    created_at      timestamptz  not null default now(),
    primary key (user_id, idempotency_key)
);

-- Written in the order's transaction; a relay delivers each event at least once.
create table outbox (
    id           bigint generated always as identity primary key,
    event_id     uuid        not null unique,
    event_type   varchar(64) not null,
    payload      jsonb       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);

create index outbox_pending on outbox (id) where published_at is null;
