-- Tasks each account submitted per UTC day, for the daily quota (lode.gateway.quota.tasks-per-day).
CREATE TABLE api_usage (
    account_id TEXT NOT NULL REFERENCES api_account (account_id),
    day        DATE NOT NULL,
    tasks      INT  NOT NULL,
    PRIMARY KEY (account_id, day)
);
