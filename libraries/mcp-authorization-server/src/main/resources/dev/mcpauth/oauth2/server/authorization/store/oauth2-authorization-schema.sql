-- The oauth2_authorization table of Spring Authorization Server's JdbcOAuth2AuthorizationService, with one change
-- from the framework's script (oauth2-authorization-schema.sql): the token value columns are VARCHAR, not BLOB, and
-- the four the server looks up (state, authorization code, access token, refresh token: "WHERE <col> = ?") have an
-- index. With BLOB no index can cover them and every token request scans every stored authorization.
-- The service reads the column types from the database metadata at start-up and binds VARCHAR parameters for them.
-- Sizes: an access token is a signed JWT, about 1 KB here (more with many scopes or audiences), so 4000 characters;
-- codes, refresh tokens and state are short random strings. docs/auth-server.md says what PostgreSQL needs.
CREATE TABLE oauth2_authorization (
    id varchar(100) NOT NULL,
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorization_grant_type varchar(100) NOT NULL,
    authorized_scopes varchar(1000) DEFAULT NULL,
    attributes blob DEFAULT NULL,
    state varchar(500) DEFAULT NULL,
    authorization_code_value varchar(4000) DEFAULT NULL,
    authorization_code_issued_at timestamp DEFAULT NULL,
    authorization_code_expires_at timestamp DEFAULT NULL,
    authorization_code_metadata blob DEFAULT NULL,
    access_token_value varchar(4000) DEFAULT NULL,
    access_token_issued_at timestamp DEFAULT NULL,
    access_token_expires_at timestamp DEFAULT NULL,
    access_token_metadata blob DEFAULT NULL,
    access_token_type varchar(100) DEFAULT NULL,
    access_token_scopes varchar(1000) DEFAULT NULL,
    oidc_id_token_value varchar(4000) DEFAULT NULL,
    oidc_id_token_issued_at timestamp DEFAULT NULL,
    oidc_id_token_expires_at timestamp DEFAULT NULL,
    oidc_id_token_metadata blob DEFAULT NULL,
    refresh_token_value varchar(4000) DEFAULT NULL,
    refresh_token_issued_at timestamp DEFAULT NULL,
    refresh_token_expires_at timestamp DEFAULT NULL,
    refresh_token_metadata blob DEFAULT NULL,
    user_code_value varchar(4000) DEFAULT NULL,
    user_code_issued_at timestamp DEFAULT NULL,
    user_code_expires_at timestamp DEFAULT NULL,
    user_code_metadata blob DEFAULT NULL,
    device_code_value varchar(4000) DEFAULT NULL,
    device_code_issued_at timestamp DEFAULT NULL,
    device_code_expires_at timestamp DEFAULT NULL,
    device_code_metadata blob DEFAULT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX oauth2_authorization_state ON oauth2_authorization (state);
CREATE INDEX oauth2_authorization_code ON oauth2_authorization (authorization_code_value);
CREATE INDEX oauth2_authorization_access_token ON oauth2_authorization (access_token_value);
CREATE INDEX oauth2_authorization_refresh_token ON oauth2_authorization (refresh_token_value);

-- Rotated refresh tokens (SHA-256 only, never the token), so a reused one revokes its grant (GrantReplayDetection).
CREATE TABLE oauth2_rotated_refresh_token (
    token_hash varchar(64) NOT NULL,
    authorization_id varchar(100) NOT NULL,
    rotated_at timestamp NOT NULL,
    expires_at timestamp NOT NULL,
    PRIMARY KEY (token_hash)
);
CREATE INDEX oauth2_rotated_refresh_token_authorization ON oauth2_rotated_refresh_token (authorization_id);
CREATE INDEX oauth2_rotated_refresh_token_expires ON oauth2_rotated_refresh_token (expires_at);
