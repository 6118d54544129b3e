-- The signing_key tables for spring.sql.init users (H2); with Flyway use db/migration/{vendor}/V2__signing_keys.sql.
CREATE TABLE signing_key (
    kid varchar(100) NOT NULL,
    algorithm varchar(20) NOT NULL,
    public_jwk varchar(4000) NOT NULL,
    private_key varchar(8000) NOT NULL,
    created_at timestamp NOT NULL,
    activated_at timestamp DEFAULT NULL,
    retired_at timestamp DEFAULT NULL,
    remove_after timestamp DEFAULT NULL,
    PRIMARY KEY (kid)
);
-- One row that every instance locks (SELECT ... FOR UPDATE) before it creates, promotes or deletes keys, so two
-- instances starting on an empty database, or rotating at the same moment, never make two active keys.
CREATE TABLE signing_key_lock (
    id int NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO signing_key_lock (id) VALUES (1);
