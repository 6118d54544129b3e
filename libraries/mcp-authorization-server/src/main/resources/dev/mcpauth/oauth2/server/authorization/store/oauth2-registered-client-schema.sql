-- Spring Authorization Server's oauth2_registered_client table (same columns and names as the framework's
-- oauth2-registered-client-schema.sql), with wider columns for Client ID Metadata Document clients: their
-- client_id is a URL (up to 2048 characters) and a 5 KB document may list more redirect URIs than fit in 1000.
-- On PostgreSQL use timestamptz for the timestamp columns, as the framework's script advises.
CREATE TABLE IF NOT EXISTS oauth2_registered_client (
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
