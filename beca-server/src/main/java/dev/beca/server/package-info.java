/**
 * BECA's remote face: {@link dev.beca.server.BecaServer} serves a JSON API with server-sent events
 * over the core interfaces it is handed, with API tokens and roles, per-token rate limits, an
 * OpenAPI document and Prometheus metrics. It depends on beca-core only; the app (or an embedding
 * project) hands it the implementations.
 */
package dev.beca.server;
