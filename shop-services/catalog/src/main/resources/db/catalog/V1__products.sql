create table products (
    id           bigint primary key,
    sku          varchar(32)  not null unique,
    name         varchar(120) not null,
    description  varchar(500) not null,
    price_cents  bigint       not null check (price_cents > 0),
    stock        integer      not null check (stock >= 0)
);

-- A reservation holds stock for one order attempt; its key makes reserving idempotent.
create table reservations (
    reservation_key varchar(200) primary key,
    status          varchar(16)  not null check (status in ('PENDING', 'RESERVED', 'RELEASED')),
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now()
);

create table reservation_lines (
    reservation_key  varchar(200) not null references reservations (reservation_key) on delete cascade,
    product_id       bigint       not null references products (id),
    product_name     varchar(120) not null,
    quantity         integer      not null check (quantity > 0),
    unit_price_cents bigint       not null,
    primary key (reservation_key, product_id)
);
