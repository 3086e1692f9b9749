/**
 * Secret scanning: finding credentials in text before BECA stores, writes, logs or runs it.
 *
 * <p>A {@link dev.beca.core.secrets.SecretScanner} reports {@link
 * dev.beca.core.secrets.SecretFinding findings} that carry a rule, a location, a redacted form and
 * a fingerprint (a hash of the secret), never the secret itself. The stock {@link
 * dev.beca.core.secrets.DefaultSecretScanner} runs {@link dev.beca.core.secrets.SecretRule rules}
 * in the gitleaks TOML format with linear-time matching (RE2/J): keywords pre-filter the lines, a
 * regular expression extracts the secret, an optional entropy threshold and allowlists drop false
 * positives. {@link dev.beca.core.secrets.SecretGuard} is the gate that tools writing files or
 * running commands must pass; {@link dev.beca.core.secrets.SecurityAlertStore} records what was
 * found.
 */
package dev.beca.core.secrets;
