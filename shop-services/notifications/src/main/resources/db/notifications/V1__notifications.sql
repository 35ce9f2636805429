-- The event id is unique: a redelivered event finds its notification already there and adds nothing.
create table notifications (
    id         bigint generated always as identity primary key,
    event_id   uuid         not null unique,
    user_id    uuid         not null,
    order_id   bigint       not null,
    message    varchar(500) not null,
    created_at timestamptz  not null default now()
);

create index notifications_by_user on notifications (user_id, id desc);
