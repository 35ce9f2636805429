create table users (
    id            uuid primary key,
    email         varchar(254) not null unique,
    name          varchar(100) not null,
    password_hash varchar(100) not null,
    created_at    timestamptz  not null default now()
);
