create table payments (
    id              uuid primary key,
    idempotency_key varchar(200) not null unique,
    payer_id        uuid         not null,
    amount_cents    bigint       not null check (amount_cents > 0),
    status          varchar(16)  not null,
    created_at      timestamptz  not null default now()
);

-- What the simulated provider does, shared by every replica so that a demo changes all of them at once.
create table simulation (
    id           integer primary key check (id = 1),
    latency_ms   integer          not null check (latency_ms between 0 and 10000),
    failure_rate double precision not null check (failure_rate between 0 and 1)
);

insert into simulation (id, latency_ms, failure_rate) values (1, 0, 0);
