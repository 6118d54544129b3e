-- The JWS signing keys (dev.mcpauth.oauth2.server.authorization.keys, mcp.authorization-server.keys.store=database). One row per key; its state follows from the timestamps:
--   activated_at IS NULL                    next key: published in the JWKS, not yet signing
--   activated_at set, retired_at IS NULL    the active key: signs every new token
--   retired_at set                          retired: still published until remove_after, then deleted
-- public_jwk is the public JWK as JSON; private_key is the PKCS#8 private key encrypted with AES-256-GCM under
-- mcp.authorization-server.keys.encryption-key ("v1." + base64url(iv || ciphertext || tag), the kid as additional data).
CREATE TABLE signing_key (
    kid varchar(100) NOT NULL,
    algorithm varchar(20) NOT NULL,
    public_jwk varchar(4000) NOT NULL,
    private_key varchar(8000) NOT NULL,
    created_at timestamptz NOT NULL,
    activated_at timestamptz DEFAULT NULL,
    retired_at timestamptz DEFAULT NULL,
    remove_after timestamptz DEFAULT NULL,
    PRIMARY KEY (kid)
);
-- One row that every instance locks (SELECT ... FOR UPDATE) before it creates, promotes or deletes keys, so two
-- instances starting on an empty database, or rotating at the same moment, never make two active keys.
CREATE TABLE signing_key_lock (
    id int NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO signing_key_lock (id) VALUES (1);
