-- An event that fails for a reason of its own (it cannot be read, or the receiver refuses it) is tried a few times
-- and then parked with its reason, so that the events behind it are delivered. A parked event stays in the table
-- for someone to look at; `shopctl status` counts them.
alter table outbox
    add column attempts   integer      not null default 0,
    add column last_error varchar(500),
    add column parked_at  timestamptz;

drop index outbox_pending;
create index outbox_pending on outbox (id) where published_at is null and parked_at is null;
