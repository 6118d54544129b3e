-- Refresh tokens that have been exchanged (rotated), kept until they would have expired, so that presenting one
-- again is recognised as reuse and revokes the grant (dev.mcpauth.oauth2.server.authorization.token.GrantReplayDetection).
-- Only the SHA-256 of the token is stored (base64url), never the token.
CREATE TABLE oauth2_rotated_refresh_token (
    token_hash varchar(64) NOT NULL,
    authorization_id varchar(100) NOT NULL,
    rotated_at timestamp NOT NULL,
    expires_at timestamp NOT NULL,
    PRIMARY KEY (token_hash)
);
CREATE INDEX oauth2_rotated_refresh_token_authorization ON oauth2_rotated_refresh_token (authorization_id);
CREATE INDEX oauth2_rotated_refresh_token_expires ON oauth2_rotated_refresh_token (expires_at);
