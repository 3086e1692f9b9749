/**
 * Access to BECA from outside the process: API tokens with roles ({@link
 * dev.beca.core.access.ApiTokens}), as the server checks them on every request. Only a salted hash
 * of a token's secret is ever stored; the secret is shown once, when the token is created.
 */
package dev.beca.core.access;
