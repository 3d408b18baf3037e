-- Rate limits on anonymous writes (web::routes), shared by every server: requests of one kind
-- from one address in one fixed window.
CREATE TABLE rate_windows (
    bucket TEXT NOT NULL,
    address TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (bucket, address, window_start)
);
CREATE INDEX rate_windows_start ON rate_windows (window_start);
