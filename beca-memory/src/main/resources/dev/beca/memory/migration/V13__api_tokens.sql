-- API tokens of `beca serve` (issue 17): a name, a role and a salted SHA-256 hash of the secret,
-- never the secret itself. token_id is the public id part of the secret (beca_<id>_<key>), so a
-- check finds its row without comparing every hash. Revoked rows stay, for the audit's names.
-- Times are epoch milliseconds (UTC). Never edit a released migration: add a new one.

CREATE TABLE api_tokens (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    token_id    TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    role        TEXT    NOT NULL CHECK (role IN ('VIEWER', 'OPERATOR', 'ADMIN')),
    salt        TEXT    NOT NULL, -- 16 random bytes, hex
    hash        TEXT    NOT NULL, -- SHA-256(salt || secret), hex
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER,
    revoked_at  INTEGER
);

-- One token in force per name; a revoked name may be given to a new token.
CREATE UNIQUE INDEX api_tokens_name_in_force ON api_tokens (name) WHERE revoked_at IS NULL;
