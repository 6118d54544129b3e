-- The mcp-authorization-server library's Flyway migrations: add classpath:dev/mcpauth/oauth2/server/authorization/db/migration/{vendor}
-- to spring.flyway.locations (the application's own migrations start at V4 or later).
-- Spring Authorization Server's tables (registered clients, authorizations, consents) for H2, the embedded default.
-- Same columns and names as the framework's scripts, with these changes:
-- * oauth2_registered_client: wider client_id, client_name, redirect_uris and client_settings, because a Client ID
--   Metadata Document client_id is a URL (up to 2048 characters) and a 5 KB document can list many redirect URIs.
-- * oauth2_authorization: every value and metadata column is a character column (varchar), never blob, and the four
--   the server looks up ("WHERE <col> = ?": state, code, access token, refresh token) are indexed.
--   JdbcOAuth2AuthorizationService reads the column types from the database metadata into a STATIC map, shared by
--   every instance in the JVM: H2 and PostgreSQL must therefore report the same JDBC types (VARCHAR here, text on
--   PostgreSQL), or a JVM holding both (the test suite) binds the wrong types on one of them.
CREATE TABLE oauth2_registered_client (
    id varchar(100) NOT NULL,
    client_id varchar(2048) NOT NULL,
    client_id_issued_at timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret varchar(200) DEFAULT NULL,
    client_secret_expires_at timestamp DEFAULT NULL,
    client_name varchar(1000) NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types varchar(1000) NOT NULL,
    redirect_uris varchar(6000) DEFAULT NULL,
    post_logout_redirect_uris varchar(1000) DEFAULT NULL,
    scopes varchar(1000) NOT NULL,
    client_settings varchar(4000) NOT NULL,
    token_settings varchar(2000) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX oauth2_registered_client_client_id ON oauth2_registered_client (client_id);

CREATE TABLE oauth2_authorization (
    id varchar(100) NOT NULL,
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorization_grant_type varchar(100) NOT NULL,
    authorized_scopes varchar(1000) DEFAULT NULL,
    attributes varchar DEFAULT NULL,
    state varchar(500) DEFAULT NULL,
    authorization_code_value varchar(4000) DEFAULT NULL,
    authorization_code_issued_at timestamp DEFAULT NULL,
    authorization_code_expires_at timestamp DEFAULT NULL,
    authorization_code_metadata varchar DEFAULT NULL,
    access_token_value varchar(4000) DEFAULT NULL,
    access_token_issued_at timestamp DEFAULT NULL,
    access_token_expires_at timestamp DEFAULT NULL,
    access_token_metadata varchar DEFAULT NULL,
    access_token_type varchar(100) DEFAULT NULL,
    access_token_scopes varchar(1000) DEFAULT NULL,
    oidc_id_token_value varchar(4000) DEFAULT NULL,
    oidc_id_token_issued_at timestamp DEFAULT NULL,
    oidc_id_token_expires_at timestamp DEFAULT NULL,
    oidc_id_token_metadata varchar DEFAULT NULL,
    refresh_token_value varchar(4000) DEFAULT NULL,
    refresh_token_issued_at timestamp DEFAULT NULL,
    refresh_token_expires_at timestamp DEFAULT NULL,
    refresh_token_metadata varchar DEFAULT NULL,
    user_code_value varchar(4000) DEFAULT NULL,
    user_code_issued_at timestamp DEFAULT NULL,
    user_code_expires_at timestamp DEFAULT NULL,
    user_code_metadata varchar DEFAULT NULL,
    device_code_value varchar(4000) DEFAULT NULL,
    device_code_issued_at timestamp DEFAULT NULL,
    device_code_expires_at timestamp DEFAULT NULL,
    device_code_metadata varchar DEFAULT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX oauth2_authorization_state ON oauth2_authorization (state);
CREATE INDEX oauth2_authorization_code ON oauth2_authorization (authorization_code_value);
CREATE INDEX oauth2_authorization_access_token ON oauth2_authorization (access_token_value);
CREATE INDEX oauth2_authorization_refresh_token ON oauth2_authorization (refresh_token_value);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorities varchar(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);
